// The command center's wall view in Debian's Chromium: a complaint filed through the API shows
// on the wall (today's count and the kecamatan map) within two seconds, pushed by the stream.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { startServer, chromiumOptions, login } from './server.mjs';

const binary = process.env.SATUPINTU_BIN;
const artifacts = process.env.SATUPINTU_ARTIFACTS || 'test-artifacts';
let server;
let browser;

before(async () => {
  assert.ok(binary, 'SATUPINTU_BIN must name the satupintu binary');
  mkdirSync(artifacts, { recursive: true });
  process.env.SATUPINTU_SLA_SWEEP_SECONDS = '1';  // alerts are evaluated with each sweep
  server = await startServer(binary);
  browser = await chromium.launch(chromiumOptions);
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

// Logs the demo citizen in over the JSON API (no page): the cookie and CSRF token.
async function apiLogin(who) {
  const res = await fetch(`${server.base}/api/v1/auth/login`, {
    method: 'POST', headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ region: '36.04', login: `${who}@serang.satupintu.test`, password: 'SatuPintu-Demo-2026' }),
  });
  assert.equal(res.status, 200);
  const cookie = res.headers.get('set-cookie').split(';')[0];
  return { cookie, csrf: (await res.json()).csrf_token };
}

// A page of its own context, collecting console errors and page errors (CSP violations included).
async function newPage(width, height) {
  const context = await browser.newContext({ viewport: { width, height }, locale: 'id-ID' });
  const page = await context.newPage();
  const problems = [];
  page.on('console', (m) => { if (m.type() === 'error') problems.push(m.text()); });
  page.on('pageerror', (e) => problems.push(String(e)));
  return { context, page, problems };
}

// The command center of the demo region, once its stream is live.
async function openPage(width, height) {
  const { context, page, problems } = await newPage(width, height);
  await page.goto(`${server.base}/komando/36.04`);
  await page.locator('#live.on').waitFor();
  return { context, page, problems };
}

test('a complaint filed through the API shows on the wall within two seconds', async () => {
  const { context, page, problems } = await openPage(1920, 1080);
  assert.ok(await page.evaluate(() => document.body.classList.contains('wall')), 'a 1920x1080 screen is a wall');
  const kramatwatu = page.locator('#map path[data-code="36.04.05"]');
  await kramatwatu.waitFor();
  const tileBefore = Number(await page.textContent('#tile-complaint-in'));
  const mapBefore = Number(await kramatwatu.getAttribute('data-count'));
  assert.equal(await page.locator('#map path').count(), 29, 'every kecamatan of Kabupaten Serang is drawn');

  const { cookie, csrf } = await apiLogin('warga');
  const filed = await fetch(`${server.base}/api/v1/complaints`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Cookie: cookie, 'X-CSRF-Token': csrf },
    body: JSON.stringify({ service_code: 'SAMPAH', description: 'Sampah menumpuk di depan pasar Kramatwatu',
                           lat: -6.0401, long: 106.112759 }),
  });
  assert.equal(filed.status, 201, await filed.text());
  const started = Date.now();
  await page.waitForFunction(([tile, map]) =>
    Number(document.getElementById('tile-complaint-in').textContent) === tile &&
    Number(document.querySelector('#map path[data-code="36.04.05"]').dataset.count) === map,
  [tileBefore + 1, mapBefore + 1], { timeout: 2000 });
  console.log(`  the wall changed ${Date.now() - started} ms after the filing was answered`);
  await page.screenshot({ path: join(artifacts, 'komando-wall.png') });
  assert.deepEqual(problems, [], 'no console errors (CSP violations show up here)');
  await context.close();
});

test('the same numbers fit a phone, one column, with the map and charts', async () => {
  const { context, page, problems } = await openPage(360, 740);
  assert.ok(!(await page.evaluate(() => document.body.classList.contains('wall'))));
  assert.equal(await page.locator('#map path').count(), 29);
  assert.ok(await page.locator('#categories').isVisible());
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `no sideways scrolling (overflow ${overflow}px)`);
  await page.screenshot({ path: join(artifacts, 'komando-phone.png'), fullPage: true });
  assert.deepEqual(problems, [], 'no console errors');
  await context.close();
});

test('the roll-up ranks the regions and links each to its command center', async () => {
  const { context, page, problems } = await newPage(360, 740);
  await page.goto(`${server.base}/rekap`);
  const first = page.locator('#regions tbody tr').first();
  await first.waitFor();
  assert.equal(await first.locator('td').first().textContent(), '1');
  await first.getByRole('link', { name: 'Kabupaten Serang' }).click();
  await page.waitForURL('**/komando/36.04');
  await page.locator('#live.on').waitFor();
  assert.deepEqual(problems, []);
  await context.close();
});

test('the public portal shows OPD performance, standards, the audit head and open data links', async () => {
  const { context, page, problems } = await newPage(360, 740);
  await page.goto(`${server.base}/portal`);
  await page.locator('#opds tbody tr').first().waitFor();
  await page.locator('#services li').first().waitFor();
  assert.match(await page.textContent('#audit'), /#\d+ [0-9a-f]{64}/);
  const csv = page.locator('#datasets a', { hasText: 'CSV' }).first();
  const res = await fetch(new URL(await csv.getAttribute('href'), server.base));
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-type'), /text\/csv/);
  await page.screenshot({ path: join(artifacts, 'portal-phone.png'), fullPage: true });
  assert.deepEqual(problems, []);
  await context.close();
});

test('a spike of complaints in one kecamatan raises an alert on the wall', async () => {
  const { context, page, problems } = await openPage(1920, 1080);
  assert.ok(await page.locator('#alerts').isHidden());
  const { cookie, csrf } = await apiLogin('warga');
  for (let i = 0; i < 5; i++) {
    const res = await fetch(`${server.base}/api/v1/complaints`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Cookie: cookie, 'X-CSRF-Token': csrf },
      body: JSON.stringify({ service_code: 'BANSOS', description: `Bantuan sosial tidak sampai ${i}`,
                             lat: -6.285697, long: 106.376698 }),  // Kopo
    });
    assert.equal(res.status, 201);
  }
  const alert = page.locator('#alerts li.complaint_spike');
  await alert.waitFor({ timeout: 10000 });
  assert.match(await alert.textContent(), /Kopo/);
  await page.screenshot({ path: join(artifacts, 'komando-alert.png') });
  assert.deepEqual(problems, []);
  await context.close();
});

test('staff drill down from an OPD\'s breaches on the wall to those cases in the console', async () => {
  const { context, page, problems } = await newPage(1920, 1080);
  await login(page, server.base, 'verifikator', '/petugas');
  await page.goto(`${server.base}/komando/36.04`);
  const link = page.locator('#opds a.breaches').first();
  await link.waitFor();
  const breaches = Number(await link.textContent());
  const opd = new URL(await link.getAttribute('href'), server.base).searchParams.get('opd');
  await link.click();
  await page.waitForURL(`**/petugas?opd=${opd}&overdue=1`);
  await page.locator('#opd-filter').waitFor();
  await page.locator('#queue li[data-number]').first().waitFor();
  const items = page.locator('#queue li[data-number]');
  assert.equal(await items.count(), breaches, 'the queue shows exactly the overdue cases the wall counted');
  assert.equal(await page.locator('#queue li[data-number]:not(.overdue)').count(), 0);
  assert.deepEqual(problems, []);
  await context.close();
});

test('a broken audit chain stops every write and the wall says so above everything', async () => {
  // Someone with the database file drops the append-only guard and changes one recorded byte.
  const tampered = await startServer(binary, {
    beforeServe(data) {
      const sql = "DROP TRIGGER events_no_update; UPDATE events SET payload = replace(payload, 'Serang', 'Sereng') " +
        "WHERE tenant = '36.04' AND seq = (SELECT min(seq) FROM events WHERE tenant = '36.04' AND payload LIKE '%Serang%');";
      const r = spawnSync('sqlite3', [join(data, 'satupintu.db'), sql], { encoding: 'utf8' });
      assert.equal(r.status, 0, r.stderr);
    },
  });
  const { context, page, problems } = await newPage(1366, 768);
  try {
    assert.equal((await fetch(`${tampered.base}/readyz`)).status, 503);
    await page.goto(`${tampered.base}/komando/36.04`);
    const banner = page.locator('#halted');
    await banner.waitFor({ state: 'visible' });
    assert.match(await banner.innerText(), /Rantai audit tidak utuh/);
    await page.screenshot({ path: join(artifacts, 'komando-halted.png') });
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
    await tampered.stop();
  }
});
