// A Starlight site: Starlight's head writes og:title, og:type, og:url and
// twitter:card; the config's head: adds twitter:site; nothing writes an
// og:image.
import { defineConfig } from 'astro/config';
import starlight from '@astrojs/starlight';

export default defineConfig({
	site: 'https://docs.example.org',
	// built for GitHub Pages, which serves the docs/ folder
	outDir: './docs',
	integrations: [
		starlight({
			title: 'Example docs',
			head: [
				{ tag: 'meta', attrs: { name: 'twitter:site', content: '@example' } },
			],
		}),
	],
});
