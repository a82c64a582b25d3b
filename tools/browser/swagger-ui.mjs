// Drives the API's real Swagger UI in headless Chromium, as a partner would: authorizes with a write key, uploads a CSV
// and an XLSX file to POST /api/v1/trade-records/import as multipart/form-data, does a dry run, then runs the CSV export.
// The counts are read from the response the UI shows; plain HTTP reads then check what was (and was not) written.
//
// Usage: npm test -- <baseUrl> <writeKey>     (or BASE_URL and API_KEY in the environment)
// CHROMIUM_PATH overrides the browser (default /usr/bin/chromium). Exits non-zero with a message on any failure and
// saves a screenshot and the HTML of the page to a temporary directory, whose path it prints.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import puppeteer from 'puppeteer-core';
import writeXlsxFile from 'write-excel-file/node';

const baseUrl = (process.argv[2] ?? process.env.BASE_URL ?? '').replace(/\/+$/, '');
const apiKey = process.argv[3] ?? process.env.API_KEY ?? '';
if (!baseUrl || !apiKey) {
    console.error('Usage: npm test -- <baseUrl> <writeKey>   (e.g. npm test -- http://127.0.0.1:5000 kkr_...)');
    process.exit(2);
}
const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const timeout = 30_000;

// The API may still be starting (migrating and seeding a new database): wait up to a minute for it to be ready.
for (let attempt = 0; ; attempt++) {
    if (await fetch(`${baseUrl}/health/ready`).then((answer) => answer.ok, () => false)) break;
    if (attempt === 300) {
        console.error(`Browser check FAILED: ${baseUrl} did not become ready (GET /health/ready) within a minute`);
        process.exit(1);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
}

const importOp = '#operations-Trade_records-importTradeRecords';
const exportOp = '#operations-Trade_records-exportTradeRecords';

// Keys of their own on every run, so the check also works against an API that already holds an earlier run's rows:
// external ids carry a run tag, and the unique key (reporter, partner, flow, year, month, hsCode) uses a 6-digit HS
// code and a year picked at random for the run (a clash with an earlier run on the same database is unlikely; CI's
// database is new). The seed's records have no HS code, so they never clash.
const run = Date.now().toString(36) + Math.floor(Math.random() * 36 ** 3).toString(36);
const year = 1995 + Math.floor(Math.random() * 25);
const hs = (suffix) => `2601${String(suffix).padStart(2, '0')}`;
const hsBase = 10 + Math.floor(Math.random() * 80);
const columns = ['externalId', 'reporterCountry', 'partnerCountry', 'flow', 'year', 'month', 'hsCode', 'commodity', 'valueUsd'];
const csvRows = [
    [`browser:${run}:csv-1`, 'KZ', 'KR', 'export', year, 3, hs(hsBase), 'Iron ores', '1234.50'],
    [`browser:${run}:csv-2`, 'KR', 'KZ', 'import', year, 4, hs(hsBase), 'Iron ores', '98765.01'],
];
const xlsxRows = [
    [`browser:${run}:xlsx-1`, 'KZ', 'KR', 'export', year, 5, hs(hsBase + 1), 'Iron ores, agglomerated', 2500.25],
    [`browser:${run}:xlsx-2`, 'KZ', 'KR', 'export', year, 6, hs(hsBase + 1), 'Iron ores, agglomerated', 3100],
    [`browser:${run}:xlsx-3`, 'KR', 'KZ', 'import', year, 6, hs(hsBase + 1), 'Iron ores, agglomerated', 42.5],
];
const dryRows = [
    [`browser:${run}:dry-1`, 'KZ', 'KR', 'export', year, 7, hs(hsBase + 2), 'Iron ores', '10.00'],
    [`browser:${run}:dry-2`, 'KZ', 'KR', 'export', year, 8, hs(hsBase + 2), 'Iron ores', '20.00'],
];

const csv = (rows) => [columns, ...rows].map((row) => row.join(',')).join('\r\n') + '\r\n';

class CheckFailed extends Error {}
const check = (condition, message) => {
    if (!condition) throw new CheckFailed(message);
};
const steps = [];
const step = (text) => {
    steps.push(text);
    console.log(`- ${text}`);
};

const work = await fs.mkdtemp(path.join(os.tmpdir(), 'relations-browser-'));
const csvFile = path.join(work, 'trade-records.csv');
const xlsxFile = path.join(work, 'trade-records.xlsx');
const dryFile = path.join(work, 'trade-records-dry-run.csv');
await fs.writeFile(csvFile, csv(csvRows));
await fs.writeFile(dryFile, csv(dryRows));
await writeXlsxFile([columns, ...xlsxRows]).toFile(xlsxFile);

const browser = await puppeteer.launch({
    executablePath,
    headless: true,
    args: ['--no-sandbox', '--disable-dev-shm-usage'],
});
const page = await browser.newPage();
page.setDefaultTimeout(timeout);
await page.setViewport({ width: 1400, height: 1000 });
const pageErrors = [];
page.on('pageerror', (error) => pageErrors.push(error.message));
page.on('console', (message) => {
    // The browser reports violations of the docs' Content-Security-Policy on the console: any is a failure.
    if (message.type() === 'error' && /Content Security Policy/i.test(message.text())) pageErrors.push(message.text());
});

/** Expands an operation and presses "Try it out" (unless it is already in that state). */
async function tryItOut(op) {
    await page.waitForSelector(`${op} .opblock-summary-control`);
    if (!(await page.$(`${op}.is-open`))) await page.click(`${op} .opblock-summary-control`);
    const button = await page.waitForSelector(`${op} .try-out__btn`);
    const label = await button.evaluate((element) => element.textContent.trim());
    check(label === 'Try it out', `${op}: expected a "Try it out" button, found "${label}"`);
    await button.click();
    await page.waitForSelector(`${op} .execute-wrapper button.execute`);
}

/** Presses Execute and returns the request the UI sent, its network response and the status and body the UI shows. */
async function execute(op, urlPart) {
    // A response shown from an earlier run of the same operation is cleared first, so the one read is the new one.
    const clear = await page.$(`${op} button.btn-clear`);
    if (clear) {
        await clear.click();
        await page.waitForSelector(`${op} .live-responses-table`, { hidden: true });
    }
    const button = await page.waitForSelector(`${op} .execute-wrapper button.execute`);
    check((await button.evaluate((element) => element.textContent.trim())) === 'Execute', `${op}: no Execute button`);
    const [response] = await Promise.all([
        page.waitForResponse((r) => r.url().includes(urlPart) && r.request().method() !== 'OPTIONS'),
        button.click(),
    ]);
    await page.waitForSelector(`${op} .live-responses-table tbody .response-col_status`);
    const shown = await page.$eval(`${op} .live-responses-table`, (table) => ({
        status: table.querySelector('tbody .response-col_status')?.textContent.trim(),
        body: table.querySelector('.highlight-code code')?.textContent ?? null,
        download: table.querySelector('a[download]')?.getAttribute('download') ?? null,
        downloadText: table.querySelector('a[download]')?.textContent.trim() ?? null,
    }));
    return { request: response.request(), response, shown };
}

/** In the import operation (already in "Try it out"): picks the file, the dryRun value, and executes. */
async function importFile(file, dryRun, label) {
    const mediaType = `${importOp} select[aria-label="Request content type"]`;
    await page.select(mediaType, 'multipart/form-data');
    check((await page.$eval(mediaType, (select) => select.value)) === 'multipart/form-data',
        'the request body media type selector did not switch to multipart/form-data');
    const input = await page.waitForSelector(`${importOp} tr[data-property-name="file"] input[type="file"]`);
    await input.uploadFile(file);
    await page.select(`${importOp} tr[data-param-name="dryRun"] select`, String(dryRun));
    await page.select(`${importOp} tr[data-param-name="mode"] select`, 'upsert');

    const { request, shown } = await execute(importOp, '/api/v1/trade-records/import');
    const headers = request.headers();
    check(/^multipart\/form-data; boundary=/.test(headers['content-type'] ?? ''),
        `${label}: the UI sent Content-Type "${headers['content-type']}", not multipart/form-data`);
    check(headers['x-api-key'] === apiKey, `${label}: the UI did not send the key in X-Api-Key (did Authorize work?)`);
    check(request.url().includes(`dryRun=${dryRun}`), `${label}: the request URL ${request.url()} lacks dryRun=${dryRun}`);
    check(shown.status === '200', `${label}: the UI shows status ${shown.status}, not 200; body: ${shown.body}`);
    let counts;
    try {
        counts = JSON.parse(shown.body);
    } catch {
        throw new CheckFailed(`${label}: the response body the UI shows is not JSON: ${shown.body}`);
    }
    return counts;
}

function expectCounts(label, counts, expected) {
    for (const [name, value] of Object.entries(expected)) {
        check(counts[name] === value,
            `${label}: expected ${name} = ${JSON.stringify(value)} in the response the UI shows, got ${JSON.stringify(counts)}`);
    }
    step(`${label}: the UI shows ${JSON.stringify(counts)}`);
}

async function findByExternalId(externalId) {
    const url = `${baseUrl}/api/v1/trade-records?externalId=${encodeURIComponent(externalId)}`;
    const response = await fetch(url, { headers: { Accept: 'application/json' } });
    check(response.ok, `GET ${url} answered ${response.status}`);
    return response.json();
}

let failed = false;
try {
    // 1. Swagger UI loads its document.
    await page.goto(`${baseUrl}/swagger`, { waitUntil: 'load' });
    await page.waitForSelector(importOp);
    step('Swagger UI loaded and lists importTradeRecords');

    // 2. Authorize with the key for the ApiKey scheme, then close the dialog.
    const authorize = await page.waitForSelector('.auth-wrapper button.authorize');
    check((await authorize.evaluate((b) => b.textContent.trim())) === 'Authorize', 'no "Authorize" button at the top');
    await authorize.click();
    await page.waitForSelector('.modal-ux');
    const scheme = await page.$eval('.modal-ux .auth-container h4 code', (code) => code.textContent.trim());
    check(scheme === 'ApiKey', `the Authorize dialog offers scheme "${scheme}", not ApiKey`);
    await page.type('.modal-ux input#api_key_value', apiKey);
    await page.click('.modal-ux button.auth.authorize');
    await page.waitForFunction(() => document.querySelector('.modal-ux .auth-container h6')?.textContent.trim() === 'Authorized');
    await page.click('.modal-ux button.btn-done');
    await page.waitForSelector('.modal-ux', { hidden: true });
    await page.waitForSelector('.auth-wrapper button.authorize.locked');
    step('authorized with the key (scheme ApiKey, header X-Api-Key)');

    // 3. Imports through the file chooser: CSV, XLSX, then a dry run.
    await tryItOut(importOp);
    expectCounts('CSV upload', await importFile(csvFile, false, 'CSV upload'),
        { dryRun: false, received: csvRows.length, created: csvRows.length, updated: 0, unchanged: 0 });
    expectCounts('XLSX upload', await importFile(xlsxFile, false, 'XLSX upload'),
        { dryRun: false, received: xlsxRows.length, created: xlsxRows.length, updated: 0, unchanged: 0 });
    expectCounts('dry run (CSV)', await importFile(dryFile, true, 'dry run'),
        { dryRun: true, received: dryRows.length, created: dryRows.length, updated: 0, unchanged: 0 });

    // 4. Over plain HTTP: the uploaded rows exist, the dry run's do not.
    for (const row of [...csvRows, ...xlsxRows]) {
        const { totalCount, items } = await findByExternalId(row[0]);
        check(totalCount === 1, `GET /api/v1/trade-records?externalId=${row[0]} gives totalCount ${totalCount}, expected 1 (uploaded)`);
        const stored = items[0];
        const expected = Object.fromEntries(columns.map((name, i) => [name, row[i]]));
        for (const name of columns) {
            const want = name === 'valueUsd' ? Number(expected[name]) : expected[name];
            check(stored[name] === want, `${row[0]}: stored ${name} is ${JSON.stringify(stored[name])}, uploaded ${JSON.stringify(want)}`);
        }
    }
    for (const row of dryRows) {
        const { totalCount } = await findByExternalId(row[0]);
        check(totalCount === 0, `GET /api/v1/trade-records?externalId=${row[0]} gives totalCount ${totalCount}, expected 0 (dry run)`);
    }
    step(`over HTTP: the ${csvRows.length + xlsxRows.length} uploaded records exist with the uploaded values, the ${dryRows.length} dry-run rows do not`);

    // 5. The CSV export through the UI: the filters "Try it out" fills from their examples are emptied (text boxes, and
    // the selects of the enum filters and the sort, several of them lists), format=csv.
    await tryItOut(exportOp);
    for (const input of await page.$$(`${exportOp} tr[data-param-in="query"] input[type="text"]`)) {
        await input.click({ count: 3 });
        await input.press('Backspace');
    }
    for (const select of await page.$$(`${exportOp} tr[data-param-in="query"] select`)) {
        await ((await select.evaluate((element) => element.multiple)) ? select.select() : select.select(''));
    }
    // hsCode is a prefix: 2601 covers every row this check uploads (and the dry run's, had it written any).
    await page.type(`${exportOp} tr[data-param-name="hsCode"] input`, '2601');
    await page.select(`${exportOp} tr[data-param-name="format"] select`, 'csv');
    const exported = await execute(exportOp, '/api/v1/trade-records/export');
    check(exported.request.url().includes('format=csv'), `export: the request URL ${exported.request.url()} lacks format=csv`);
    check(exported.shown.status === '200', `export: the UI shows status ${exported.shown.status}, not 200`);
    check(exported.shown.download === 'trade-records.csv' && exported.shown.downloadText === 'Download file',
        `export: the UI shows no "Download file" link for trade-records.csv (found ${exported.shown.download})`);
    const exportedCsv = await exported.response.text();
    const header = exportedCsv.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0];
    check(header.split(',').includes('externalId'), `export: the CSV the UI received has no externalId column: ${header}`);
    for (const row of [...csvRows, ...xlsxRows]) {
        check(exportedCsv.includes(row[0]), `export: the CSV the UI received lacks ${row[0]}`);
    }
    check(!dryRows.some((row) => exportedCsv.includes(row[0])), 'export: the CSV the UI received holds a dry-run row');
    step('CSV export (hsCode=2601): the UI shows 200 and "Download file" (trade-records.csv); the file holds the uploaded rows, no dry-run row');

    check(pageErrors.length === 0, `the page reported errors: ${pageErrors.join(' | ')}`);
} catch (error) {
    failed = true;
    const shot = path.join(work, 'failure.png');
    await page.screenshot({ path: shot, fullPage: true }).catch(() => {});
    await page.content().then((html) => fs.writeFile(path.join(work, 'failure.html'), html)).catch(() => {});
    console.error(`\nBrowser check FAILED: ${error instanceof CheckFailed ? error.message : error.stack ?? error}`);
    if (pageErrors.length) console.error(`Page errors: ${pageErrors.join(' | ')}`);
    console.error(`Screenshot: ${shot} (the page's HTML beside it, the uploaded files in the same directory)`);
} finally {
    await browser.close();
}

if (failed) process.exit(1);
await fs.rm(work, { recursive: true, force: true });
console.log(`Browser check passed (${steps.length} steps, run ${run}): Swagger UI in ${executablePath} at ${baseUrl}`);
