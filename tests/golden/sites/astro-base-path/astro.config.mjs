import { defineConfig } from "astro/config";

// served under /docs/: public/social-card.png is /docs/social-card.png
export default defineConfig({
	site: "https://example.org",
	base: "/docs",
});
