export default function (eleventyConfig) {
	eleventyConfig.addPassthroughCopy("src/img");
	eleventyConfig.addPassthroughCopy({ "public": "/" });
	return { dir: { input: "src", output: "_site" } };
}
