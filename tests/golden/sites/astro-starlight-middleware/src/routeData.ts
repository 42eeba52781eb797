import { defineRouteMiddleware } from '@astrojs/starlight/route-data';

// Every page gets a generated Open Graph image.
export const onRequest = defineRouteMiddleware((context) => {
	const { head } = context.locals.starlightRoute;
	head.push({
		tag: 'meta',
		attrs: { property: 'og:image', content: new URL('/og/' + context.locals.starlightRoute.id + '.png', context.site).href },
	});
});
