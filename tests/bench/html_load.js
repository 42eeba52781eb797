#!/usr/bin/env node
// SPDX-License-Identifier: MIT
// How long the html report of a large site takes to open in chromium:
// html_load.js OGCHECK [PAGES] [WITH_FINDINGS].
//
// Writes a site of PAGES built pages (default 10,000), WITH_FINDINGS of
// them (default half) with an overlong title and a missing og:type, runs
// `ogcheck --offline --format html` over it and opens the report from
// disk in Debian's chromium (puppeteer-core of tests/browser/). Prints the
// report's size, the time from page.goto to the 'load' event (the best of
// three, with JavaScript and without), the first contentful paint, and the
// time to open one page's previews (its cards drawn). Not a test:
// docs/benchmarks.md quotes its figures.
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');
const { spawnSync } = require('child_process');

const puppeteer = require(path.join(__dirname, '..', 'browser', 'node_modules',
    'puppeteer-core'));

const ogcheck = path.resolve(process.argv[2]);
const total = Number(process.argv[3] || 10000);
const bad = Number(process.argv[4] || total / 2);
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'ogcheck-html-load-'));

function page(i) {
    const title = i < bad ? 'A title much longer than what a card or a search ' +
        'result can show on one line, page ' + i : 'Page ' + i;
    return '<!DOCTYPE html>\n<html><head><meta charset="utf-8">\n<title>' + title +
        '</title>\n<meta name="description" content="What page ' + i + ' is about.">\n' +
        '<meta property="og:title" content="' + title + '">\n' +
        (i < bad ? '' : '<meta property="og:type" content="article">\n') +
        '<meta property="og:url" content="https://example.org/p/' + i + '/">\n' +
        '<meta property="og:image" content="https://example.org/img/' + i + '.jpg">\n' +
        '<link rel="canonical" href="https://example.org/p/' + i + '/">\n' +
        '</head><body></body></html>\n';
}

async function main() {
    for (let i = 0; i < total; i++) {
        const dir = path.join(scratch, 'site', 'd' + (i % 100));
        fs.mkdirSync(dir, { recursive: true });
        fs.writeFileSync(path.join(dir, 'p' + i + '.html'), page(i));
    }
    const report = path.join(scratch, 'report.html');
    const t0 = process.hrtime.bigint();
    const run = spawnSync(ogcheck, ['--offline', '--format', 'html', '--output',
        report, 'site'], { cwd: scratch, stdio: 'ignore' });
    const tRun = Number(process.hrtime.bigint() - t0) / 1e6;
    if (run.status !== 1) {
        throw new Error('ogcheck exited ' + run.status + ' ' + (run.error || ''));
    }
    const browser = await puppeteer.launch({
        executablePath: '/usr/bin/chromium', headless: true,
        args: ['--no-sandbox', '--disable-gpu', '--no-first-run',
            '--user-data-dir=' + path.join(scratch, 'profile')],
    });
    try {
        // the best of three loads, with JavaScript and without
        const load = {};
        let fcp = -1;
        for (const js of [true, false]) {
            for (let k = 0; k < 3; k++) {
                const tab = await browser.newPage();
                await tab.setJavaScriptEnabled(js);
                await tab.setViewport({ width: 1280, height: 900 });
                const t1 = Date.now();
                await tab.goto('file://' + report, { waitUntil: 'load', timeout: 600000 });
                const ms = Date.now() - t1;
                load[js] = Math.min(load[js] || ms, ms);
                if (js && k === 0) {
                    fcp = await tab.evaluate(() => {
                        const e = performance.getEntriesByName('first-contentful-paint')[0];
                        return e ? Math.round(e.startTime) : -1;
                    });
                }
                await tab.close();
            }
        }
        const tab = await browser.newPage();
        await tab.setViewport({ width: 1280, height: 900 });
        await tab.goto('file://' + report, { waitUntil: 'load', timeout: 600000 });
        const open = await tab.evaluate(() => {
            const d = document.querySelector('details.pvd') ||
                document.querySelector('article.page details');
            const t = performance.now();
            d.open = true;
            return new Promise((resolve) => setTimeout(() => {
                const n = d.querySelectorAll('[data-pv]').length;
                void document.body.offsetHeight;
                resolve([Math.round(performance.now() - t), n]);
            }, 0));
        });
        console.log(JSON.stringify({
            pages: total, with_findings: bad,
            report_bytes: fs.statSync(report).size,
            ogcheck_ms: Math.round(tRun), load_ms: load[true],
            load_ms_without_js: load[false], first_paint_ms: fcp,
            open_section_ms: open[0], cards_drawn: open[1],
        }));
    } finally {
        await browser.close();
        fs.rmSync(scratch, { recursive: true, force: true });
    }
}

main().catch((e) => {
    console.log(e.stack || String(e));
    process.exit(1);
});
