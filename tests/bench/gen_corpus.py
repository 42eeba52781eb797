#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Generate a synthetic Markdown corpus for the ogcheck benchmark.

    gen_corpus.py OUT_DIR [N] [SEED] [--manifest FILE]

Writes N Markdown files (default 20000) under OUT_DIR in a few nested
folders. Each file has a ~4 KB body of generated word-salad prose (no real
text) and front matter with realistic title / description / date / url /
og fields. Even-numbered files use `---` YAML front matter, odd-numbered ones
a leading ```yaml fenced block (see SPEC.md, "Input"), so the corpus is half
and half.

A deterministic fraction of the files carries seeded defects:

    title-long     title over 60 characters
    date-bad       a date like "16:08 29/05/2020"
    url-mismatch   og url differs from the canonical url
    image-missing  no og image
    image-amp      og image URL containing &amp;
    type-bad       og type not in the Open Graph list
    yaml-broken    front matter that is not valid YAML

The output depends only on N and SEED (file i is the same whatever N is, so a
smaller corpus is a prefix of a larger one). Python 3 standard library only.

--manifest FILE writes one line per file, tab-separated: the path relative to
OUT_DIR, the front-matter style (`dashes` or `fenced`) and the comma-separated
defects (or `-`). The bench uses it to pick the `---` subset.
"""

import argparse
import os
import random
import sys

# Small built-in vocabulary: the body text is word salad made from these.
WORDS = """
harbour ferry timetable council market river bridge station library garden
museum festival weather morning evening winter summer autumn spring coast
valley village street square tower lantern archive ledger meeting report
budget project volunteer school teacher student reader writer editor
photograph camera signal network server update release version feature
change window kitchen table paper letter story notice season journey route
platform passenger ticket schedule delay repair workshop factory engine
cargo vessel quay lighthouse tide storm breeze cloud shower meadow orchard
apple bread cheese coffee lunch dinner concert choir theatre stage screen
quietly briskly slowly carefully openly early late often rarely nearly
simply new old small large bright calm busy local public annual weekly
northern southern eastern western green blue grey golden silver wooden
stone glass open closed careful modest steady sudden gentle plain common
is was will could should might opens closes brings keeps moves holds
returns follows announces describes reports explains welcomes expects
plans reviews prepares repairs replaces extends shortens publishes
the a an this that every each some many few several most other
of in on at by for with from into over under after before during
and but or so yet because while although
""".split()

SECTIONS = [
    ("news", True),
    ("blog", True),
    ("docs/guides", False),
    ("docs/reference", False),
    ("events", True),
]
YEARS = list(range(2018, 2025))
HOSTS = ["news.example.org", "www.example.com", "blog.example.net"]
OG_TYPES = ["article", "article", "article", "website", "profile",
            "video.other", "book"]
BAD_OG_TYPES = ["blogpost", "news", "Article", "page", "story"]
LOCALES = ["en_GB", "en_US", "fr_FR", "de_DE", "nl_NL"]

# Probability of each defect, drawn independently per file.
DEFECTS = [
    ("title-long", 0.08),
    ("date-bad", 0.05),
    ("url-mismatch", 0.05),
    ("image-missing", 0.04),
    ("image-amp", 0.04),
    ("type-bad", 0.03),
    ("yaml-broken", 0.01),
]


def make_sentences(rng, count):
    """A pool of word-salad sentences; bodies are drawn from it."""
    pool = []
    for _ in range(count):
        n = rng.randint(6, 18)
        words = [rng.choice(WORDS) for _ in range(n)]
        s = " ".join(words)
        if rng.random() < 0.15:
            w = rng.choice(WORDS)
            s += ", [%s](https://www.example.com/%s/)" % (w, w)
        pool.append(s[0].upper() + s[1:] + rng.choice([".", ".", ".", "!", "?"]))
    return pool


def title_words(rng, lo, hi):
    n = rng.randint(lo, hi)
    return " ".join(rng.choice(WORDS) for _ in range(n))


def make_body(rng, pool, title, target=4096):
    parts = ["# " + title.capitalize(), ""]
    size = sum(len(p) + 1 for p in parts)
    while size < target:
        kind = rng.random()
        if kind < 0.12:
            block = "## " + title_words(rng, 2, 5).capitalize()
        elif kind < 0.22:
            block = "\n".join("- " + rng.choice(pool)
                              for _ in range(rng.randint(2, 5)))
        elif kind < 0.26:
            block = "```\n%s = %d\n```" % (rng.choice(WORDS),
                                           rng.randint(0, 9999))
        else:
            block = " ".join(rng.choice(pool)
                             for _ in range(rng.randint(3, 7)))
        parts.append(block)
        parts.append("")
        size += len(block) + 2
    return "\n".join(parts)


def yaml_quote(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def make_file(i, seed, pool):
    rng = random.Random("ogcheck-bench:%d:%d" % (seed, i))
    defects = [name for name, p in DEFECTS if rng.random() < p]
    dashes = (i % 2 == 0)

    section, dated = SECTIONS[rng.randrange(len(SECTIONS))]
    year = rng.choice(YEARS)
    host = rng.choice(HOSTS)
    words = title_words(rng, 3, 6)
    slug = "-".join(words.split()) + "-%05d" % i
    if dated:
        folder = "%s/%d" % (section, year)
        path = "/%s/%d/%s/" % (section.split("/")[-1], year, slug)
    else:
        folder = section
        path = "/%s/%s/" % (section, slug)
    url = "https://%s%s" % (host, path)

    title = words.capitalize()
    if "title-long" in defects:
        while len(title) <= 75:
            title += " " + rng.choice(WORDS)
    site = {"news.example.org": "Example News",
            "www.example.com": "Example",
            "blog.example.net": "Example Blog"}[host]
    page_title = "%s | %s" % (title, site)
    if len(page_title) > 60 and "title-long" not in defects:
        page_title = title
    description = (title_words(rng, 8, 20) + ".").capitalize()

    month, day = rng.randint(1, 12), rng.randint(1, 28)
    hour, minute = rng.randint(6, 22), rng.randint(0, 59)
    if "date-bad" in defects:
        date = "%02d:%02d %02d/%02d/%d" % (hour, minute, day, month, year)
    elif rng.random() < 0.5:
        date = "%d-%02d-%02d" % (year, month, day)
    else:
        date = "%d-%02d-%02dT%02d:%02d:00+00:00" % (year, month, day,
                                                   hour, minute)

    og_url = url
    if "url-mismatch" in defects:
        og_url = rng.choice([
            url.replace("https://", "http://"),
            url.rstrip("/") + "-old/",
            "https://%s/%s/" % (rng.choice(HOSTS), slug),
        ])
    image = "https://%s/media/%s.jpg?w=1200&h=630" % (host, slug[:24])
    if "image-amp" in defects:
        image = image.replace("&", "&amp;")
    og_type = rng.choice(OG_TYPES)
    if "type-bad" in defects:
        og_type = rng.choice(BAD_OG_TYPES)
    locale = rng.choice(LOCALES)

    # Front matter, as a list of lines.
    flat = rng.random() < 0.3  # flat `og:title:` keys instead of an og map
    nested_date = rng.random() < 0.4  # publish.date instead of date
    fm = ["title: " + yaml_quote(page_title),
          "description: " + yaml_quote(description)]
    if nested_date:
        fm += ["publish:", "  date: " + date]
    else:
        fm.append("date: " + date)
    if rng.random() < 0.3:
        fm.append("lastmod: %d-%02d-%02d" % (min(year + 1, 2024),
                                             rng.randint(1, 12),
                                             rng.randint(1, 28)))
    fm.append("url: " + url)
    og = [("title", yaml_quote(title)),
          ("description", yaml_quote(description)),
          ("type", og_type),
          ("url", og_url),
          ("image", image),
          ("locale", locale),
          ("site_name", yaml_quote(site))]
    if "image-missing" in defects:
        og = [kv for kv in og if kv[0] != "image"]
    if flat:
        fm += ["og:%s: %s" % (k, v) for k, v in og]
    else:
        fm.append("og:")
        fm += ["  %s: %s" % (k, v) for k, v in og]
    fm.append("twitter:card: summary_large_image")
    tags = rng.sample(WORDS, rng.randint(1, 4))
    fm.append("tags: [%s]" % ", ".join(tags))
    fm.append("draft: false")

    if "yaml-broken" in defects:
        how = rng.randrange(3)
        if how == 0:    # unterminated quoted scalar
            fm[0] = 'title: "' + page_title
        elif how == 1:  # a mapping value where none is allowed
            fm[1] = "description: " + description + ": really: yes"
        else:           # unclosed flow sequence
            fm = [l for l in fm if not l.startswith("tags:")]
            fm.insert(2, "tags: [%s" % ", ".join(tags))

    if dashes:
        head = "---\n" + "\n".join(fm) + "\n---\n"
    else:
        head = "```yaml\n" + "\n".join(fm) + "\n```\n"
    body = make_body(rng, pool, title)
    text = head + "\n" + body
    return folder, slug + ".md", text, dashes, defects


def main(argv):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("out_dir")
    ap.add_argument("n", nargs="?", type=int, default=20000)
    ap.add_argument("seed", nargs="?", type=int, default=1)
    ap.add_argument("--manifest", help="write path/style/defects TSV here")
    args = ap.parse_args(argv)
    if args.n < 0:
        ap.error("N must be >= 0")

    pool = make_sentences(random.Random("ogcheck-bench-pool:%d" % args.seed),
                          3000)
    counts = {name: 0 for name, _ in DEFECTS}
    clean = 0
    nbytes = 0
    made = set()
    manifest = open(args.manifest, "w", encoding="utf-8") if args.manifest \
        else None
    try:
        for i in range(args.n):
            folder, name, text, dashes, defects = make_file(i, args.seed,
                                                            pool)
            d = os.path.join(args.out_dir, folder)
            if d not in made:
                os.makedirs(d, exist_ok=True)
                made.add(d)
            data = text.encode("utf-8")
            with open(os.path.join(d, name), "wb") as f:
                f.write(data)
            nbytes += len(data)
            for name_ in defects:
                counts[name_] += 1
            if not defects:
                clean += 1
            if manifest:
                manifest.write("%s/%s\t%s\t%s\n" % (
                    folder, name, "dashes" if dashes else "fenced",
                    ",".join(defects) or "-"))
    finally:
        if manifest:
            manifest.close()

    print("gen_corpus: %d files, %.1f MB, seed %d, %d without defects; %s"
          % (args.n, nbytes / 1e6, args.seed, clean,
             ", ".join("%s %d" % kv for kv in counts.items())),
          file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
