import { defineConfig } from "astro/config";
import { siteConfig } from "./src/site.config";

// the deployed URL comes from code ogcheck does not run: there is one
export default defineConfig({
	site: siteConfig.url,
});
