// End-to-end test of `annalist serve` in headless Chromium (Debian's /usr/bin/chromium, driven by
// playwright-core). Run by scripts/browser-test.sh, which builds the binary and ingests the corpus:
//   ANNALIST_BIN=... ANNALIST_DB=... SHOTS=dir node e2e.mjs
// Starts the server on a free loopback port, walks ledger → filter by country → the Kerman bombing
// (conflicting casualty claims with their quotes) → actor → map (zoom, pan, clusters) → timeline
// (bars per period), then a second server started with --allow-review and a token as an analyst
// uses it: sign in, set a field, reject a row, see both in the incident page, the ledger, /reviews
// and the CSV download of the view; with ANNALIST_WIDE_DB (a store of many countries) the map
// and timeline of that store too. Screenshots go to SHOTS.
import { chromium } from 'playwright-core';
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

const bin = process.env.ANNALIST_BIN;
const db = process.env.ANNALIST_DB;
const wideDb = process.env.ANNALIST_WIDE_DB;
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

// Rows of a CSV file (quoted fields with doubled quotes and newlines inside them).
function parseCsv(text) {
  const rows = [];
  let row = [], field = '', quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i++; }
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { row.push(field); field = ''; }
    else if (c === '\n') { row.push(field); rows.push(row); row = []; field = ''; }
    else if (c !== '\r') field += c;
  }
  if (field || row.length) { row.push(field); rows.push(row); }
  return rows;
}

// Whether any two of the elements matched by `selector` overlap on screen.
async function overlapping(page, selector) {
  return page.evaluate((sel) => {
    const boxes = [...document.querySelectorAll(sel)].map((e) => e.getBoundingClientRect());
    const hits = [];
    for (let i = 0; i < boxes.length; i++) {
      for (let j = i + 1; j < boxes.length; j++) {
        const a = boxes[i], b = boxes[j];
        if (a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom) hits.push([i, j]);
      }
    }
    const els = [...document.querySelectorAll(sel)];
    return hits.map(([i, j]) => `${els[i].textContent} / ${els[j].textContent}`).join('; ');
  }, selector);
}

async function spawnServer(dbPath, extra) {
  const p = await freePort();
  const url = `http://127.0.0.1:${p}`;
  const proc = spawn(bin, ['serve', '--db', dbPath, '--addr', `127.0.0.1:${p}`, ...extra], { stdio: ['ignore', 'inherit', 'inherit'] });
  await waitUp(url, proc);
  return { url, proc };
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
    const marks = await page.locator('svg.map circle.dot').count() + await page.locator('svg.map circle.cluster').count();
    check(marks >= 1, `${marks} marks`);
    await page.screenshot({ path: join(shots, '07-map.png'), fullPage: true });
  });

  await step('the map zooms, pans and fits a country filter without a script', async () => {
    await page.goto(`${base}/map?country=IR`);
    const fitted = await page.locator('svg.map').getAttribute('data-bbox');
    const [w, s, e, n] = fitted.split(',').map(Number);
    check(w > 30 && e < 80 && s > 10 && n < 50, `Iran's view: ${fitted}`);
    check(await page.locator('main script').count() === 0, 'a script on the map page');
    await Promise.all([page.waitForURL(/bbox=/), page.click('#map-in')]);
    const zoomed = (await page.locator('svg.map').getAttribute('data-bbox')).split(',').map(Number);
    check(zoomed[2] - zoomed[0] < (e - w) * 0.6, `not closer: ${zoomed}`);
    await Promise.all([page.waitForURL(/bbox=/), page.click('#map-east')]);
    const panned = (await page.locator('svg.map').getAttribute('data-bbox')).split(',').map(Number);
    check(panned[0] > zoomed[0], `not east: ${panned} after ${zoomed}`);
    await page.goto(`${base}/map?country=IR`);
    await page.screenshot({ path: join(shots, '07b-map-iran.png'), fullPage: true });
  });

  await step('the timeline draws every dated incident, with bars per period', async () => {
    await page.goto(`${base}/timeline`);
    const dots = await page.locator('svg.timeline circle').count();
    const rows = await page.locator('table.ledger tbody tr[data-id]').count();
    check(dots >= 2 && dots === rows, `${dots} dots for ${rows} rows`);
    const bars = await page.locator('svg.timeline rect.bar').evaluateAll((els) => els.map((e) => Number(e.dataset.count)));
    check(bars.reduce((a, b) => a + b, 0) === dots, `bars count ${bars} for ${dots} dots`);
    await page.screenshot({ path: join(shots, '08-timeline.png'), fullPage: true });
    await page.locator('figure.chart').screenshot({ path: join(shots, '08b-timeline-chart.png') });
    { const o = await overlapping(page, 'svg.timeline text'); check(o === '', `timeline labels overlap: ${o}`); }
  });

  await step('search finds incidents by stemmed words of their evidence, then articles', async () => {
    await page.goto(`${base}/`);
    await page.fill('input[name="q"]', 'explosion');
    await Promise.all([page.waitForURL(/q=explosion/), page.click('#apply')]);
    const rows = await page.locator('table.ledger tbody tr[data-id]').count();
    check(rows >= 1, 'no incident for "explosion" ("explosions" in a quote)');
    await page.goto(`${base}/search?q=bombs`);
    check(await page.locator('table.ledger tbody tr[data-id]').count() >= 1, 'no incidents on the search page');
    check(await page.locator('ol.hits li').count() >= 1, 'no articles on the search page');
    await page.screenshot({ path: join(shots, '08c-search.png'), fullPage: false });
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

  await step('an analyst signs in, sets a field and rejects a row; the ledger, /reviews and the CSV show it', async () => {
    const reviewer = await spawnServer(db, ['--allow-review', '--token', 'e2e-review']);
    const rb = reviewer.url;
    try {
      const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      const p = await ctx.newPage();
      await p.goto(`${rb}/review/login`);
      await p.screenshot({ path: join(shots, '10-review-login.png') });
      await p.fill('#author', 'E2E Analyst');
      await p.fill('#token', 'wrong');
      await p.click('#sign-in');
      check((await p.locator('#error').textContent()).includes('wrong token'), 'a wrong token signed in');
      await p.goto(`${rb}/review/login`);
      await p.fill('#author', 'E2E Analyst');
      await p.fill('#token', 'e2e-review');
      await Promise.all([p.waitForURL(`${rb}/`), p.click('#sign-in')]);
      // from here on, as on the read-only server, no console errors (the wrong token's 401 above is one)
      p.on('console', (m) => { if (m.type() === 'error') consoleErrors.push(m.text()); });
      // the Kerman bombing: set its killed to a figure of the analyst's own
      await p.goto(`${rb}/?country=IR&sort=killed&order=desc`);
      const kerman = p.locator('table.ledger tbody tr[data-id]', { hasText: 'Kerman' }).filter({ hasText: 'bombing' }).first();
      const kermanId = await kerman.getAttribute('data-id');
      await Promise.all([p.waitForURL(/\/incidents\//), kerman.locator('a.row-link').click()]);
      check(await p.locator('#review-forms').count() === 1, 'no review forms after signing in');
      await p.screenshot({ path: join(shots, '11-review-forms.png'), fullPage: false });
      await p.locator('#review-forms').screenshot({ path: join(shots, '11b-review-forms-close.png') });
      const machineKilled = (await p.locator('section.field[data-field="killed"] h3 .value').textContent()).trim();
      await p.selectOption('#set-field', 'killed');
      await p.fill('#set-value', '94');
      await p.locator('#form-set input[name="note"]').fill('the health ministry revised it to 94');
      await Promise.all([p.waitForURL(/\/incidents\//), p.click('#set')]);
      const machine = p.locator('#review-state ul.machine li[data-field="killed"]');
      check(await machine.count() === 1, 'the machine value is not shown');
      check((await machine.textContent()).includes(machineKilled), `machine said ${machineKilled}: ${await machine.textContent()}`);
      const shownKilled = (await p.locator('section.field[data-field="killed"] h3 .value').textContent()).trim();
      check(shownKilled === '94', `reviewed killed shown as ${shownKilled}`);
      check((await p.locator('#review-state ol.reviews').textContent()).includes('E2E Analyst'), 'no author on the review');
      await p.screenshot({ path: join(shots, '12-reviewed-incident.png'), fullPage: false });
      await p.locator('#review-state').screenshot({ path: join(shots, '12b-review-state.png') });
      // reject another row as not an incident
      await p.goto(`${rb}/?sort=killed&order=asc`);
      const other = p.locator('table.ledger tbody tr[data-id]').filter({ hasNot: p.locator(`a[href="/incidents/${kermanId}"]`) }).first();
      const otherId = await other.getAttribute('data-id');
      const before = await p.locator('table.ledger tbody tr[data-id]').count();
      await Promise.all([p.waitForURL(/\/incidents\//), other.locator('a.row-link').click()]);
      await p.selectOption('#reject-reason', 'not_an_incident');
      await p.locator('#form-reject input[name="note"]').fill('a drama, not an attack');
      await Promise.all([p.waitForURL(/\/incidents\//), p.click('#reject')]);
      check((await p.locator('#review-state p.rejected').textContent()).includes('not_an_incident'), 'no rejection shown');
      await p.goto(`${rb}/?sort=killed&order=asc`);
      const after = await p.locator('table.ledger tbody tr[data-id]').count();
      check(after === before - 1, `${before} rows before, ${after} after`);
      check(await p.locator(`table.ledger tbody tr[data-id="${otherId}"]`).count() === 0, 'the rejected row is still listed');
      check(await p.locator(`table.ledger tbody tr[data-id="${kermanId}"] .badge.reviewed`).count() === 1, 'no reviewed badge');
      await p.screenshot({ path: join(shots, '13-ledger-after-review.png'), fullPage: true });
      // the audit page
      await p.goto(`${rb}/reviews`);
      const audit = await p.locator('table.reviews tbody tr[data-review]').allTextContents();
      check(audit.length === 2, `${audit.length} reviews listed`);
      check(audit.some((r) => r.includes('E2E Analyst') && r.includes('killed')), `no set review: ${audit}`);
      check(audit.some((r) => r.includes('not_an_incident') || r.includes('reject')), `no rejection: ${audit}`);
      await p.screenshot({ path: join(shots, '14-reviews.png'), fullPage: true });
      // the CSV link of the view on screen gives its rows, in its order
      await p.goto(`${rb}/?country=IR&sort=killed&order=desc`);
      const shown = await p.locator('table.ledger tbody tr[data-id]').evaluateAll((els) => els.map((e) => e.dataset.id));
      const href = await p.locator('#download-csv').getAttribute('href');
      check(href.includes('country=IR') && href.includes('sort=killed'), `download link drops the view: ${href}`);
      const csv = await p.request.get(`${rb}${href}`);
      check(csv.ok() && /text\/csv/.test(csv.headers()['content-type']), `download: ${csv.status()} ${csv.headers()['content-type']}`);
      const table = parseCsv(await csv.text());
      const head = table[0];
      const idCol = head.indexOf('id');
      const killedCol = head.findIndex((h) => h === 'killed_low' || h === 'killed');
      const body = table.slice(1).filter((r) => r.length > 1);
      check(idCol >= 0, `no id column: ${head}`);
      check(JSON.stringify(body.map((r) => r[idCol])) === JSON.stringify(shown), `CSV ids ${body.map((r) => r[idCol])} for ${shown}`);
      check(!body.some((r) => r[idCol] === otherId), 'the rejected row is in the CSV');
      const kRow = body.find((r) => r[idCol] === kermanId);
      check(kRow && (killedCol < 0 || kRow[killedCol].startsWith('94')), `the CSV has not the reviewed killed: ${kRow}`);
      await ctx.close();
    } finally {
      reviewer.proc.kill('SIGINT');
    }
  });

  if (wideDb) {
    await step('a store of many countries: clusters on the world map, closer views, bars and labels apart', async () => {
      const wide = await spawnServer(wideDb, []);
      try {
        const p = await browser.newPage({ viewport: { width: 1280, height: 900 } });
        await p.goto(`${wide.url}/map?bbox=-180,-90,180,90`);
        await p.screenshot({ path: join(shots, '20-wide-map-world.png'), fullPage: true });
        await p.locator('figure.chart').screenshot({ path: join(shots, '20b-wide-map-world-chart.png') });
        const clusters = p.locator('svg.map a.cluster');
        if (await clusters.count() > 0) {
          const n = Number(await clusters.first().locator('circle').getAttribute('data-count'));
          check(n >= 2, `a cluster of ${n}`);
          await Promise.all([p.waitForURL(/bbox=/), clusters.first().click()]);
          await p.screenshot({ path: join(shots, '21-wide-map-cluster-opened.png'), fullPage: true });
        }
        await p.goto(`${wide.url}/map`);
        await p.screenshot({ path: join(shots, '22-wide-map-fitted.png'), fullPage: true });
        await p.goto(`${wide.url}/timeline`);
        await p.screenshot({ path: join(shots, '23-wide-timeline.png'), fullPage: true });
        await p.locator('figure.chart').screenshot({ path: join(shots, '23b-wide-timeline-chart.png') });
        { const o = await overlapping(p, 'svg.timeline text'); check(o === '', `timeline labels overlap: ${o}`); }
        check(await p.locator('svg.timeline rect.bar').count() >= 1, 'no bars');
        await p.close();
      } finally {
        wide.proc.kill('SIGINT');
      }
    });
  }

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
