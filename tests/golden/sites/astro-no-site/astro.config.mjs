import { defineConfig } from "astro/config";

// no site: Astro has no deployed URL to make image paths absolute against
export default defineConfig({
	// site: "https://example.org",
	/* site: import.meta.env.SITE_URL, */
});
