#!/usr/bin/env node
// SPDX-License-Identifier: MIT
// The html report in a real browser: report_check.js OGCHECK SITE [SHOTS].
//
// Runs ogcheck over the golden site SITE (a folder of content) with a json
// and an html report of the same run, opens the html one from disk in
// Debian's chromium through puppeteer-core, and checks that no request
// leaves file: and data:, that every finding of the json report is at its
// page and the counts agree, that opening a page's previews draws its
// cards, that an overlong title is cut in the Facebook and Google previews
// and a short one is not, that the filters work, and that the findings,
// and the previews' facts as text, are there with JavaScript off; and that
// with --report-images link the cards' <img> elements load the pages' own
// image URLs (those requests are caught and aborted), and with embed the
// images ogcheck fetched (from a server of this script on 127.0.0.1) are
// shown from the report itself. Screenshots at 1280 and
// 390 px wide go to SHOTS (default: the scratch folder). Exit 77 (skipped)
// when chromium or node_modules is missing.
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');
const http = require('http');
const zlib = require('zlib');
const { execFileSync, spawn, spawnSync } = require('child_process');

const CHROMIUM = '/usr/bin/chromium';
let puppeteer;
try {
    puppeteer = require('puppeteer-core');
} catch (e) {
    console.log('SKIP: puppeteer-core is not installed (npm ci in tests/browser)');
    process.exit(77);
}
if (!fs.existsSync(CHROMIUM)) {
    console.log('SKIP: ' + CHROMIUM + ' is missing (ci/deps installs chromium)');
    process.exit(77);
}

const [ogcheck, site, shotsArg] = process.argv.slice(2).map((a) => path.resolve(a));
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'ogcheck-browser-'));
const shots = shotsArg || scratch;
let failures = 0;

function check(ok, what) {
    if (!ok) {
        failures++;
        console.log('FAIL: ' + what);
    } else {
        console.log('ok: ' + what);
    }
}

function runOgcheck() {
    fs.cpSync(site, path.join(scratch, 'content'), { recursive: true });
    const run = spawnSync(ogcheck, ['--offline', '--preset', 'none',
        '--format', 'json', '--output', 'report.json',
        '--format', 'html', '--output', 'report.html', 'content'],
        { cwd: scratch, env: { ...process.env, SOURCE_DATE_EPOCH: '1796169600' } });
    if (run.status !== 1) {
        console.log('ogcheck exited ' + run.status + ': ' + run.stderr);
        process.exit(1);
    }
    return JSON.parse(fs.readFileSync(path.join(scratch, 'report.json')));
}

// What the page shows: each article's file, rows and the totals.
function readPage() {
    const text = (sel) => {
        const e = document.querySelector(sel);
        return e ? e.textContent : null;
    };
    return {
        totals: {
            files: text('#n-files'), errors: text('#n-errors'),
            warnings: text('#n-warnings'), infos: text('#n-infos'),
        },
        pages: [...document.querySelectorAll('article.page')].map((a) => ({
            file: a.querySelector('h2').textContent,
            visible: a.offsetParent !== null,
            rows: [...a.querySelectorAll('tr[data-r]')].map((tr) => ({
                rule: tr.getAttribute('data-r'),
                at: tr.cells[0].textContent,
                message: tr.cells[3].textContent,
                visible: tr.offsetParent !== null,
            })),
        })),
    };
}

function checkFindings(shown, report, how) {
    const rows = shown.pages.reduce((n, p) => n + p.rows.length, 0);
    check(rows === report.diagnostics.length, how + ': ' + rows +
        ' finding rows for ' + report.diagnostics.length + ' json findings');
    for (const d of report.diagnostics) {
        const page = shown.pages.find((p) => p.file === d.file);
        const row = page && page.rows.find((r) => r.rule === d.rule &&
            r.at === d.line + ':' + d.column && r.message === d.message);
        check(row !== undefined, how + ': ' + d.file + ':' + d.line + ' ' +
            d.rule + ' is at its page');
    }
}

async function cut(page, file, platform) {
    return page.evaluate((f, p) => {
        const a = [...document.querySelectorAll('article.page')].find(
            (x) => x.querySelector('h2').textContent === f);
        const t = a.querySelector('[data-pv="' + p + '"] .ti');
        return t.scrollWidth > t.clientWidth + 1 ||
            t.scrollHeight > t.clientHeight + 1;
    }, file, platform);
}

// --report-images link: the cards' <img> elements load each page's own
// image URLs, and the browser asks for nothing else. Its requests are
// caught here and aborted, so nothing leaves the machine.
async function checkLinkedImages(browser) {
    const run = spawnSync(ogcheck, ['--offline', '--preset', 'none',
        '--report-images', 'link', '--format', 'html', '--output',
        'report-link.html', 'content'],
    { cwd: scratch, env: { ...process.env, SOURCE_DATE_EPOCH: '1796169600' } });
    check(run.status === 1, '--report-images link: ogcheck exited ' + run.status);
    const page = await browser.newPage();
    const asked = [];
    await onlyLocal(page, asked);
    await page.setViewport({ width: 1280, height: 900 });
    await page.goto('file://' + path.join(scratch, 'report-link.html'),
        { waitUntil: 'load' });
    await openPreviews(page);
    const seen = await page.evaluate(() => {
        const records = JSON.parse(document.getElementById('pv-data').textContent);
        return [...document.querySelectorAll('article.page')].map((a) => ({
            values: Object.values(records[+a.querySelector('details.pvd')
                .getAttribute('data-i')].v),
            srcs: [...a.querySelectorAll('.pvs img')].map((i) => i.src),
            referrer: [...a.querySelectorAll('.pvs img')].every(
                (i) => i.referrerPolicy === 'no-referrer'),
        }));
    });
    const srcs = seen.flatMap((p) => p.srcs);
    check(srcs.length > 0 && seen.every((p) => p.referrer &&
        p.srcs.every((u) => /^https?:\/\//.test(u) && p.values.includes(u))),
    '--report-images link: every <img> src is a remote URL of its own page, ' +
        'sent without a referrer: ' + JSON.stringify(srcs));
    // the images load lazily: bring one into view and wait for its request
    await page.evaluate(() => document.querySelector('.pvs img').scrollIntoView());
    for (let i = 0; i < 50 && asked.length === 0; i++) {
        await new Promise((r) => setTimeout(r, 100));
    }
    check(asked.length > 0 && asked.every((u) => srcs.includes(u)),
        '--report-images link: the browser asks only for the pages\' images: ' +
        JSON.stringify([...new Set(asked)]));
    await page.close();
}

// Lets the page load file: and data: only; any other request is caught
// here, noted in `asked` and aborted, so nothing leaves the machine.
// Opens every page's previews and waits until each has drawn its cards.
async function openPreviews(page) {
    await page.evaluate(() => document.querySelectorAll('details.pvd').forEach(
        (d) => { d.open = true; }));
    await page.waitForFunction(() => [...document.querySelectorAll(
        'details.pvd')].every((d) => d.querySelector('.pvs [data-pv]')),
    { timeout: 10000 });
}

async function onlyLocal(page, asked) {
    await page.setRequestInterception(true);
    page.on('request', (req) => {
        const u = req.url();
        if (u.startsWith('file:') || u.startsWith('data:')) {
            req.continue();
        } else {
            asked.push(u);
            req.abort();
        }
    });
}

// A w x h PNG of one grey, made here (zlib.crc32: node >= 20.15).
function makePng(w, h) {
    function chunk(type, data) {
        const len = Buffer.alloc(4);
        len.writeUInt32BE(data.length);
        const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
        const crc = Buffer.alloc(4);
        crc.writeUInt32BE(zlib.crc32(body) >>> 0);
        return Buffer.concat([len, body, crc]);
    }
    const ihdr = Buffer.alloc(13);
    ihdr.writeUInt32BE(w, 0);
    ihdr.writeUInt32BE(h, 4);
    ihdr[8] = 8; // bit depth
    ihdr[9] = 0; // greyscale
    const rows = Buffer.alloc((w + 1) * h, 0x80);
    for (let y = 0; y < h; y++) rows[y * (w + 1)] = 0; // filter: none
    return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
        chunk('IHDR', ihdr), chunk('IDAT', zlib.deflateSync(rows)),
        chunk('IEND', Buffer.alloc(0))]);
}

// --report-images embed: ogcheck fetches the pages' image from a server on
// 127.0.0.1 (its only network use here) and inlines it; opened from disk,
// the report shows it at its real size and asks for nothing but file: and
// data:.
async function checkEmbeddedImages(browser) {
    const png = makePng(300, 200);
    let served = 0;
    const server = http.createServer((req, res) => {
        served++;
        res.writeHead(200, { 'Content-Type': 'image/png',
            'Content-Length': png.length });
        res.end(png);
    });
    await new Promise((r) => server.listen(0, '127.0.0.1', r));
    const image = 'http://127.0.0.1:' + server.address().port + '/card.png';
    const folder = path.join(scratch, 'embed');
    fs.mkdirSync(folder);
    for (const name of ['a', 'b']) {
        fs.writeFileSync(path.join(folder, name + '.md'), '---\ntitle: Page ' +
            name + '\ndescription: A page whose image is under 1200 px wide.\n' +
            'og:type: article\nog:url: https://example.org/' + name + '/\n' +
            'og:image: ' + image + '\n---\nText.\n');
    }
    const env = { ...process.env, SOURCE_DATE_EPOCH: '1796169600' };
    for (const v of ['http_proxy', 'https_proxy', 'all_proxy', 'HTTP_PROXY',
        'HTTPS_PROXY', 'ALL_PROXY']) delete env[v];
    // asynchronous: this process serves the image while ogcheck runs
    const status = await new Promise((resolve) => {
        const child = spawn(ogcheck, ['--preset', 'none', '--report-images',
            'embed', '--format', 'html', '--output', 'report-embed.html',
            'embed'], { cwd: scratch, env, stdio: 'ignore' });
        child.on('exit', (code) => resolve(code));
    });
    server.close();
    check(status === 1 && served === 1, '--report-images embed: ogcheck exited ' +
        status + ' after asking for the image ' + served + ' time(s)');
    const page = await browser.newPage();
    const outside = [];
    await onlyLocal(page, outside);
    await page.goto('file://' + path.join(scratch, 'report-embed.html'),
        { waitUntil: 'load' });
    await openPreviews(page);
    await page.evaluate(() => Promise.all([...document.querySelectorAll('.pvs img')]
        .map((i) => { i.loading = 'eager'; return i.decode().catch(() => {}); })));
    const imgs = await page.evaluate(() => [...document.querySelectorAll('.pvs img')]
        .map((i) => ({ w: i.naturalWidth, h: i.naturalHeight,
            data: i.src.startsWith('data:image/png;base64,') })));
    check(imgs.length >= 2 && imgs.every((i) => i.w === 300 && i.h === 200 && i.data),
        '--report-images embed: every card shows the inlined 300x200 PNG: ' +
        JSON.stringify(imgs.slice(0, 3)) + ' (' + imgs.length + ')');
    const uris = await page.evaluate(() =>
        JSON.parse(document.getElementById('pv-img').textContent).length);
    check(uris === 1, '--report-images embed: the image shared by two pages is ' +
        'inlined once (' + uris + ')');
    check(outside.length === 0, '--report-images embed: no request left file: ' +
        'and data: ' + JSON.stringify(outside));
    await page.close();
}

async function main() {
    const report = runOgcheck();
    const url = 'file://' + path.join(scratch, 'report.html');
    const browser = await puppeteer.launch({
        executablePath: CHROMIUM,
        headless: true,
        args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking',
            '--disable-component-update', '--no-first-run', '--disable-sync',
            '--disable-quic', '--user-data-dir=' + path.join(scratch, 'profile')],
    });
    try {
        const page = await browser.newPage();
        const outside = [];
        await onlyLocal(page, outside);
        await page.setViewport({ width: 1280, height: 900 });
        await page.goto(url, { waitUntil: 'load' });
        const before = await page.evaluate(() => document.querySelectorAll(
            '.pvs [data-pv]').length);
        check(before === 0, 'no card is drawn before a section is opened (' +
            before + ')');
        // open one page's previews: its eight cards, then every section
        const first = await page.evaluate(() => {
            const d = document.querySelector('details.pvd');
            d.open = true;
            return d.closest('article').id;
        });
        await page.waitForFunction((id) => document.querySelectorAll(
            '#' + id + ' .pvs [data-pv]').length > 0, { timeout: 5000 }, first);
        const drawn = await page.evaluate(() => ({
            cards: document.querySelectorAll('.pvs [data-pv]').length,
            pvs: [...document.querySelectorAll('.pvs [data-pv]')].map(
                (c) => c.getAttribute('data-pv')).join(' '),
            captions: [...document.querySelectorAll('.pvs figcaption')].every(
                (f) => /Uses /.test(f.textContent)),
        }));
        check(drawn.cards === 8 && drawn.pvs === 'facebook x-large x-summary ' +
            'linkedin slack discord imessage google' && drawn.captions,
            'opening a section draws its eight cards with their captions: ' +
            drawn.pvs);
        await page.evaluate(() => document.querySelectorAll('details').forEach(
            (d) => { d.open = true; }));
        await page.waitForFunction(() => [...document.querySelectorAll(
            'details.pvd')].every((d) => d.querySelector('.pvs [data-pv]')),
        { timeout: 10000 });

        const hostile = await page.evaluate(() => {
            const a = [...document.querySelectorAll('article.page')].find(
                (x) => x.querySelector('h2').textContent.startsWith('content/about/'));
            const de = a.querySelector('[data-pv="slack"] .de');
            return { title: document.title, text: de.textContent,
                elements: de.children.length };
        });
        check(hostile.title === 'ogcheck report' && hostile.elements === 0 &&
            hostile.text.includes('</script><script>') &&
            hostile.text.includes('</noscript><b>not bold</b>'),
            'a description holding </script> and </noscript> is drawn as text: ' +
            JSON.stringify(hostile));
        const shown = await page.evaluate(readPage);
        const s = report.summary;
        check(shown.totals.files === String(s.files) &&
            shown.totals.errors === String(s.errors) &&
            shown.totals.warnings === String(s.warnings) &&
            shown.totals.infos === String(s.infos),
            'the totals are the json summary\'s ' + JSON.stringify(shown.totals));
        const files = new Set(report.diagnostics.map((d) => d.file));
        check(shown.pages.length === files.size, shown.pages.length +
            ' page sections for ' + files.size + ' files with findings');
        checkFindings(shown, report, 'with JavaScript');

        const long = 'content/posts/long-title.html';
        const short = 'content/posts/short.html';
        check(await cut(page, long, 'facebook'), 'the long title is cut in the Facebook card');
        check(await cut(page, long, 'google'), 'the long title is cut in the Google result');
        check(!await cut(page, short, 'facebook'), 'the short title is whole in the Facebook card');
        check(!await cut(page, short, 'google'), 'the short title is whole in the Google result');

        // filters: a rule of the overview's table, a severity, then all
        await page.click('#by-rule a[data-fr="og-type"]');
        let now = await page.evaluate(readPage);
        let visible = now.pages.filter((p) => p.visible).map((p) => p.file);
        check(visible.length === 1 && visible[0] === short,
            'the og-type filter shows only ' + short + ': ' + visible);
        await page.click('#reset');
        await page.select('#filters select[name=s]', 'error');
        now = await page.evaluate(readPage);
        visible = now.pages.filter((p) => p.visible);
        check(visible.length > 0 && visible.every((p) => p.rows.every(
            (r) => !r.visible || report.diagnostics.some((d) => d.file === p.file &&
                d.rule === r.rule && d.severity === 'error'))),
            'the severity filter shows only errors');
        await page.click('#by-folder a[data-ff="content/docs/"]').catch(() => {});
        await page.click('#reset');
        now = await page.evaluate(readPage);
        check(now.pages.every((p) => p.visible), 'show all shows every page again');

        // the previews of one page, for the README
        const cards = await page.evaluateHandle(() => [...document.querySelectorAll(
            'article.page')].find((x) => x.querySelector('h2').textContent ===
            'content/posts/long-title.html').querySelector('.pvs'));
        // (the sticky filter bar would lie over the cards)
        await page.evaluate(() => { document.getElementById('filters').style.visibility = 'hidden'; });
        await cards.screenshot({ path: path.join(shots, 'report-previews.png') });
        await page.evaluate(() => { document.getElementById('filters').style.visibility = ''; });
        await page.evaluate(() => window.scrollTo(0, 0));
        await page.screenshot({ path: path.join(shots, 'report-1280.png'), fullPage: false });
        await page.setViewport({ width: 390, height: 844 });
        await page.screenshot({ path: path.join(shots, 'report-390.png'), fullPage: false });
        const narrow = await page.evaluate(() => document.documentElement.scrollWidth);
        check(narrow <= 390, 'at 390 px the page does not scroll sideways (' + narrow + ')');

        // without JavaScript: the same findings, no filter bar
        const plain = await browser.newPage();
        await plain.setJavaScriptEnabled(false);
        await onlyLocal(plain, outside);
        await plain.goto(url, { waitUntil: 'load' });
        checkFindings(await plain.evaluate(readPage), report, 'without JavaScript');
        const facts = await plain.evaluate(() => {
            const a = [...document.querySelectorAll('article.page')].find(
                (x) => x.querySelector('h2').textContent ===
                    'content/posts/long-title.html');
            const d = a.querySelector('details.pvd');
            d.open = true;
            return {
                cards: a.querySelectorAll('[data-pv]').length,
                platforms: [...d.querySelectorAll('.pvu li')].map(
                    (li) => li.querySelector('b').textContent),
                facebook: d.querySelector('.pvu li').textContent,
                shown: d.querySelector('.pvu').offsetParent !== null,
                fields: [...d.querySelectorAll('.pvf dt')].map((x) => x.textContent),
                image: [...d.querySelectorAll('.pvf dd')].map((x) => x.textContent)
                    .find((x) => x.startsWith('https://news.example.org/media/')),
            };
        });
        check(facts.cards === 0 && facts.shown && facts.platforms.length === 8 &&
            /title: og:title, description: og:description, image: og:image/
                .test(facts.facebook),
            'without JavaScript the previews are facts as text: ' +
            JSON.stringify(facts.platforms) + ' ' + facts.facebook);
        check(facts.fields.includes('og:title') && facts.fields.includes('twitter:card') &&
            /1200\u00d7900 \(declared\)/.test(facts.image || ''),
            'without JavaScript the page\'s fields and image facts are listed: ' +
            facts.image);
        check(await plain.evaluate(() => document.getElementById('filters').hidden),
            'without JavaScript the filter bar stays hidden');
        check(outside.length === 0, 'no request left file: and data: ' +
            JSON.stringify(outside));
        await checkLinkedImages(browser);
        await checkEmbeddedImages(browser);
    } finally {
        await browser.close();
    }
}

main().then(() => {
    fs.rmSync(path.join(scratch, 'profile'), { recursive: true, force: true });
    console.log(failures === 0 ? 'all passed' : failures + ' failed');
    process.exit(failures === 0 ? 0 : 1);
}, (e) => {
    console.log(e.stack || String(e));
    process.exit(1);
});
