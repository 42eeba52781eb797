// Every note is titled after its file name.
export default {
	layout: "layouts/base.njk",
	tags: ["notes"],
	eleventyComputed: {
		title: (data) => data.page.fileSlug.replace(/-/g, " "),
	},
};
