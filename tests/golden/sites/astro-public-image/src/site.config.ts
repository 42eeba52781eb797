export const siteConfig = {
	url: "https://example.org/",
};
