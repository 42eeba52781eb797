// A Starlight site whose route middleware (src/routeData.ts) adds an
// og:image to every page's head, in code.
import { defineConfig } from 'astro/config';
import starlight from '@astrojs/starlight';

export default defineConfig({
	site: 'https://docs.example.org',
	integrations: [
		starlight({
			title: 'Example docs',
			routeMiddleware: './src/routeData.ts',
		}),
	],
});
