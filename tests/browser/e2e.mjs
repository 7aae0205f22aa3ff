// End-to-end test of `annalist serve` in headless Chromium (Debian's /usr/bin/chromium, driven by
// playwright-core). Run by scripts/browser-test.sh, which builds the binary and ingests the corpus:
//   ANNALIST_BIN=... ANNALIST_DB=... SHOTS=dir node e2e.mjs
// Starts the server on a free loopback port, walks ledger → filter by country → the Kerman bombing
// (conflicting casualty claims with their quotes) → actor → map → timeline, saving screenshots.
import { chromium } from 'playwright-core';
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

const bin = process.env.ANNALIST_BIN;
const db = process.env.ANNALIST_DB;
const shots = process.env.SHOTS || 'target/browser-shots';
const browserPath = process.env.CHROMIUM || '/usr/bin/chromium';
if (!bin || !db) {
  console.error('set ANNALIST_BIN and ANNALIST_DB (scripts/browser-test.sh does)');
  process.exit(2);
}
mkdirSync(shots, { recursive: true });

function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

async function waitUp(base, server) {
  for (let i = 0; i < 100; i++) {
    if (server.exitCode !== null) throw new Error(`annalist serve exited with ${server.exitCode}`);
    try {
      const r = await fetch(`${base}/api/incidents?limit=1`);
      if (r.ok) return;
    } catch { /* not yet */ }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('annalist serve did not come up');
}

let passed = 0;
let failed = 0;
async function step(name, fn) {
  try {
    await fn();
    passed++;
    console.log(`ok - ${name}`);
  } catch (e) {
    failed++;
    console.log(`not ok - ${name}\n  ${String(e && e.stack || e).split('\n').join('\n  ')}`);
  }
}
function check(cond, msg) {
  if (!cond) throw new Error(msg);
}

const port = await freePort();
const base = `http://127.0.0.1:${port}`;
const server = spawn(bin, ['serve', '--db', db, '--addr', `127.0.0.1:${port}`], { stdio: ['ignore', 'inherit', 'inherit'] });
let browser;
try {
  await waitUp(base, server);
  browser = await chromium.launch({ executablePath: browserPath, headless: true, args: ['--no-sandbox'] });
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const consoleErrors = [];
  page.on('console', (m) => { if (m.type() === 'error') consoleErrors.push(m.text()); });
  page.on('request', (r) => {
    if (!r.url().startsWith(base)) consoleErrors.push(`request off the server: ${r.url()}`);
  });

  await step('the ledger lists incidents with a link per row', async () => {
    await page.goto(`${base}/`);
    const rows = await page.locator('table.ledger tbody tr[data-id]').count();
    check(rows >= 2, `only ${rows} rows`);
    const links = await page.locator('table.ledger tbody tr[data-id] a.row-link').count();
    check(links === rows, `${links} links for ${rows} rows`);
    await page.screenshot({ path: join(shots, '01-ledger.png'), fullPage: true });
  });

  await step('filtering by country keeps only that country', async () => {
    await page.selectOption('#f-country', 'IR');
    await Promise.all([page.waitForURL(/country=IR/), page.click('#apply')]);
    const countries = await page.locator('table.ledger tbody tr[data-id] td:nth-child(4)').allTextContents();
    check(countries.length >= 1, 'no rows for IR');
    check(countries.every((c) => c.includes('(IR)')), `other countries: ${countries}`);
    await page.screenshot({ path: join(shots, '02-ledger-iran.png'), fullPage: true });
  });

  await step('sorting by killed puts the deadliest first', async () => {
    await Promise.all([page.waitForURL(/sort=killed/), page.click('a.sort[data-sort="killed"]')]);
    const first = await page.locator('table.ledger tbody tr[data-id]').first().textContent();
    check(first.includes('Kerman') && first.includes('bombing'), `first row: ${first}`);
  });

  await step('the Kerman bombing shows its conflicting casualty claims with their quotes', async () => {
    const row = page.locator('table.ledger tbody tr[data-id]', { hasText: 'Kerman' }).filter({ hasText: 'bombing' }).first();
    await Promise.all([page.waitForURL(/\/incidents\//), row.locator('a.row-link').click()]);
    const h1 = await page.locator('h1').textContent();
    check(/bombing/i.test(h1) && h1.includes('Kerman'), `title: ${h1}`);
    const disputed = page.locator('section.field.disputed-field').filter({ has: page.locator('h3', { hasText: /killed|wounded/ }) });
    check(await disputed.count() >= 1, 'no disputed casualty field');
    const field = disputed.first();
    check((await field.textContent()).includes('sources disagree'), 'no disagreement marker');
    const values = new Set(await field.locator('li.claim .claim-value').allTextContents());
    check(values.size >= 2, `one value only: ${[...values]}`);
    const quotes = await field.locator('li.claim blockquote.quote').allTextContents();
    check(quotes.length >= 2 && quotes.every((q) => q.trim().length > 10), `quotes: ${quotes}`);
    check(await page.locator('section.conflicts li.conflict').count() >= 1, 'no conflict list');
    check(await page.locator('article.article mark.quote').count() >= 1, 'no quote highlighted in the article text');
    check(await page.locator('section.sources section.outlet-group').count() >= 1, 'no sources by outlet');
    await page.screenshot({ path: join(shots, '03-incident.png'), fullPage: true });
    await field.screenshot({ path: join(shots, '04-incident-casualty-claims.png') });
  });

  await step('a claim links to its quote highlighted in the article', async () => {
    const link = page.locator('section.field.disputed-field li.claim .by a').first();
    const href = await link.getAttribute('href');
    await link.click();
    const target = page.locator(href.replace(/^#/, '#'));
    check(await target.count() === 1, `no anchor ${href}`);
    check(await target.evaluate((el) => el.tagName) === 'MARK', 'anchor is not a highlight');
    await page.screenshot({ path: join(shots, '05-quote-in-article.png') });
  });

  await step('the perpetrator links to an actor page with aliases and claims', async () => {
    await page.goto(page.url().split('#')[0]);
    const actor = page.locator('section.field p.actors a').first();
    check(await actor.count() === 1, 'no actor link');
    await Promise.all([page.waitForURL(/\/actors\//), actor.click()]);
    check(await page.locator('ul.aliases li').count() >= 1, 'no aliases');
    check(await page.locator('ul.claims li.claim').count() >= 1, 'no claims');
    await page.screenshot({ path: join(shots, '06-actor.png'), fullPage: true });
  });

  await step('the map draws country shapes and a dot per located incident', async () => {
    await page.goto(`${base}/map`);
    check(await page.locator('svg.map path.country').count() > 150, 'country shapes missing');
    check(await page.locator('svg.map path.country.has[data-iso="IR"]').count() === 1, 'Iran not shaded');
    const dots = await page.locator('svg.map circle.dot').count();
    check(dots >= 2, `${dots} dots`);
    await page.screenshot({ path: join(shots, '07-map.png'), fullPage: true });
  });

  await step('the timeline draws every dated incident', async () => {
    await page.goto(`${base}/timeline`);
    const dots = await page.locator('svg.timeline circle').count();
    const rows = await page.locator('table.ledger tbody tr[data-id]').count();
    check(dots >= 2 && dots === rows, `${dots} dots for ${rows} rows`);
    await page.screenshot({ path: join(shots, '08-timeline.png'), fullPage: true });
  });

  await step('with --allow-ingest, POST /api/ingest needs the token; posted script shows as text', async () => {
    const port2 = await freePort();
    const base2 = `http://127.0.0.1:${port2}`;
    const writer = spawn(bin, ['serve', '--db', db, '--addr', `127.0.0.1:${port2}`, '--allow-ingest', '--token', 'e2e-secret'], { stdio: ['ignore', 'inherit', 'inherit'] });
    try {
      await waitUp(base2, writer);
      const record = {
        id: 'posted-1',
        url: 'https://example.org/posted-1',
        title: 'Posted <script>alert(1)</script> report',
        date: '2024-02-01',
        outlet: 'Test Wire',
        text: 'A bomb exploded at a market in Quetta, Pakistan, on Thursday, killing 12 people, police said.\nA reader wrote <script>alert(1)</script> below the story.',
      };
      const denied = await fetch(`${base2}/api/ingest`, { method: 'POST', body: JSON.stringify(record) + '\n' });
      check(denied.status === 401, `no token: ${denied.status}`);
      check((await denied.json()).error.status === 401, 'no JSON error');
      const ok = await fetch(`${base2}/api/ingest`, { method: 'POST', body: JSON.stringify(record) + '\n', headers: { Authorization: 'Bearer e2e-secret' } });
      const summary = await ok.json();
      check(ok.status === 200 && /1 new/.test(summary.summary), `ingest: ${ok.status} ${JSON.stringify(summary)}`);
      let dialogs = 0;
      page.on('dialog', (d) => { dialogs++; d.dismiss(); });
      await page.goto(`${base}/documents/posted-1`);
      const h1 = await page.locator('h1').textContent();
      check(h1.includes('<script>alert(1)</script>'), `title not shown as text: ${h1}`);
      check((await page.locator('div.text').textContent()).includes('<script>alert(1)</script>'), 'text not shown as text');
      check(await page.locator('main script').count() === 0, 'a script element in the page');
      check(dialogs === 0, 'a script ran');
      const readOnly = await fetch(`${base}/api/ingest`, { method: 'POST', body: '{}', headers: { Authorization: 'Bearer e2e-secret' } });
      check(readOnly.status === 403, `the plain server accepted ingest: ${readOnly.status}`);
      await page.screenshot({ path: join(shots, '09-posted-script-as-text.png') });
    } finally {
      writer.kill('SIGINT');
    }
  });

  await step('no console errors and no request off the server', async () => {
    check(consoleErrors.length === 0, consoleErrors.join('\n'));
  });
} catch (e) {
  failed++;
  console.log(`not ok - setup\n  ${e && e.stack || e}`);
} finally {
  if (browser) await browser.close();
  server.kill('SIGINT');
}
console.log(`screenshots in ${shots}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
