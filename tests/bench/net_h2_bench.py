# net_h2_bench.py: issue 17's network benchmarks, side by side.
# SPDX-License-Identifier: MIT
#
# Usage: net_h2_bench.py OGCHECK WORKDIR [--pages N] [--hole-pages N]
#                        [--before OGCHECK]
#
# 1. One HTTP/2 host (tests/net/h2server.js, node, a certificate made here)
#    answering each request after 80 ms; N pages (default 1,000) each with
#    its own og:image URL there. ogcheck at its default caps against
#    `curl --parallel --parallel-max 100 --http2` on the same URLs; the
#    server counts connections, peak streams and requests.
# 2. A black-hole listener on 127.0.0.1 (accepts, never answers); N pages
#    (default 300) with their image there, `--timeout 2`: wall time and the
#    connections it accepted.
# Every request goes to 127.0.0.1. Best of 3 for the timings.

import argparse
import os
import subprocess
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", "net"))
from h2 import BlackHole, H2Server  # noqa: E402
from server import make_ca, make_png  # noqa: E402

ENV = {k: v for k, v in os.environ.items()
       if k.lower() not in ("http_proxy", "https_proxy", "all_proxy",
                            "no_proxy")}


def write_pages(folder, urls):
    os.makedirs(folder, exist_ok=True)
    for n, url in enumerate(urls):
        with open(os.path.join(folder, f"p{n:05}.md"), "w") as f:
            f.write(f"---\ntitle: Page {n}\nog:\n  image: {url}\n---\n")


def timed(argv, cwd):
    started = time.monotonic()
    proc = subprocess.run(argv, cwd=cwd, env=ENV, capture_output=True,
                          text=True)
    return time.monotonic() - started, proc


def h2_case(label, argv_for, ca, pages, folder):
    best = None
    for _ in range(3):
        with H2Server(ca, make_png(1200, 630), delay_ms=80,
                      max_streams=100) as srv:
            urls = [srv.url(f"/img/{n}.png") for n in range(pages)]
            write_pages(folder, urls)
            wall, proc = timed(argv_for(urls), folder)
        stats = srv.stats
        if best is None or wall < best[0]:
            best = (wall, stats, proc.returncode)
    wall, stats, rc = best
    print(f"| {label} | {wall:.2f} s | {sum(stats['requests'].values())} "
          f"({len(stats['requests'])} distinct) | "
          f"{stats['connections']} (at once {stats['peak_connections']}) | "
          f"{stats['peak_streams']} | exit {rc} |", flush=True)
    return wall


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("ogcheck")
    ap.add_argument("work")
    ap.add_argument("--pages", type=int, default=1000)
    ap.add_argument("--hole-pages", type=int, default=300)
    ap.add_argument("--before")
    a = ap.parse_args()
    work = os.path.abspath(a.work)
    ca = make_ca(os.path.join(work, "h2-ca"))
    folder = os.path.join(work, "h2-pages")
    print("| run | wall | requests | connections | streams at once (peak) "
          "| |\n|---|---|---|---|---|---|")
    ogc = [os.path.abspath(a.ogcheck), "--format", "json", "--cacert",
           ca.ca_cert, "."]
    runs = [("ogcheck, default caps", lambda urls: ogc)]
    if a.before:
        before = [os.path.abspath(a.before)] + ogc[1:]
        runs.insert(0, ("ogcheck before (--before)", lambda urls: before))
    runs.append(("curl --parallel --parallel-max 100 --http2",
                 lambda urls: ["curl", "-s", "--parallel", "--parallel-max",
                               "100", "--http2", "--cacert", ca.ca_cert] +
                 [x for u in urls for x in ("-o", "/dev/null", u)]))
    walls = {}
    for label, argv_for in runs:
        if a.pages > 0:
            walls[label] = h2_case(label, argv_for, ca, a.pages, folder)
    if a.hole_pages > 0:
        hole_folder = os.path.join(work, "hole-pages")
        bins = [("ogcheck", os.path.abspath(a.ogcheck))]
        if a.before:
            bins.insert(0, ("ogcheck before", os.path.abspath(a.before)))
        print("\n| black hole run | wall | connections | findings |\n"
              "|---|---|---|---|")
        for label, binary in bins:
            with BlackHole() as hole:
                write_pages(hole_folder, [hole.url(f"/img/{n}.png")
                                          for n in range(a.hole_pages)])
                wall, proc = timed([binary, "--format", "text", "--timeout",
                                    "2", "."], hole_folder)
                conns = hole.connections
            lines = [x for x in proc.stdout.splitlines() if x]
            print(f"| {label}, {a.hole_pages} pages, --timeout 2 | "
                  f"{wall:.2f} s | {conns} | {len(lines)} text lines |",
                  flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
