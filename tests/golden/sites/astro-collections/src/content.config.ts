import { defineCollection, z } from "astro:content";
import { file, glob } from "astro/loaders";

const posts = defineCollection({
	// the pattern has a ")" before the base: the call goes on past it
	loader: glob({ pattern: "**/*.(md|mdx)", base: "./content/posts" }),
	schema: z.object({
		title: z.string(),
		pubDate: z.coerce.date(),
		heroImage: z.string().optional(),
	}),
});

// a file() loader reads one data file: no pages
const authors = defineCollection({
	loader: file("src/data/authors.json"),
});

export const collections = { posts, authors };
