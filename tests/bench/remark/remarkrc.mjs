import remarkFrontmatter from 'remark-frontmatter';
import remarkLintFrontmatterSchema from 'remark-lint-frontmatter-schema';

export default {
  plugins: [
    remarkFrontmatter,
    [remarkLintFrontmatterSchema, {
      schemas: {'./frontmatter.schema.json': ['content/**/*.md']},
      ajvOptions: {$data: true},
    }],
  ],
};
