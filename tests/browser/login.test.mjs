// A person logs in through the login page in Debian's Chromium, on a phone-sized screen.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { startServer, chromiumOptions } from './server.mjs';

const binary = process.env.SATUPINTU_BIN;
const artifacts = process.env.SATUPINTU_ARTIFACTS || 'test-artifacts';
let server;
let browser;

before(async () => {
  assert.ok(binary, 'SATUPINTU_BIN must name the satupintu binary');
  mkdirSync(artifacts, { recursive: true });
  server = await startServer(binary);
  browser = await chromium.launch(chromiumOptions);
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

async function phonePage() {
  const context = await browser.newContext({ viewport: { width: 360, height: 740 }, locale: 'id-ID' });
  const page = await context.newPage();
  const problems = [];
  page.on('console', (m) => { if (m.type() === 'error') problems.push(m.text()); });
  page.on('pageerror', (e) => problems.push(String(e)));
  return { context, page, problems };
}

test('the start page says where to log in', async () => {
  const { context, page, problems } = await phonePage();
  await page.goto(server.base + '/');
  await page.getByRole('link', { name: 'Ke halaman masuk' }).click();
  await page.waitForURL('**/login');
  await page.locator('#region option[value="36.04"]').waitFor({ state: 'attached' });
  assert.deepEqual(problems, [], 'no console errors (CSP violations show up here)');
  await context.close();
});

test('an officer logs in, lands on the queue, and sees their account', async () => {
  const { context, page, problems } = await phonePage();
  await page.goto(server.base + '/login');
  await page.locator('#region option[value="36.04"]').waitFor({ state: 'attached' });
  await page.selectOption('#region', '36.04');
  await page.fill('#login', 'petugas.pupr@serang.satupintu.test');
  await page.fill('#password', 'SatuPintu-Demo-2026');
  await page.click('#submit');
  await page.waitForURL('**/petugas', { waitUntil: 'commit' });  // staff land on their queue
  await page.goto(server.base + '/account');
  const name = page.locator('dd[data-field="name"]');
  await name.waitFor();
  assert.equal(await name.textContent(), 'Petugas PUPR (Demo)');
  assert.equal(await page.locator('dd[data-field="role"]').textContent(), 'Petugas');
  const cookies = await context.cookies();
  const session = cookies.find((c) => c.name === '__Host-sp_session');
  assert.ok(session?.httpOnly && session.secure, 'the session cookie is HttpOnly and Secure');
  await page.screenshot({ path: `${artifacts}/login-account-phone.png`, fullPage: true });
  await page.click('#logout');
  await page.waitForURL('**/login');
  assert.deepEqual(problems, []);
  await context.close();
});

test('a wrong password shows the reason in Indonesian and stays on the page', async () => {
  const { context, page } = await phonePage();
  await page.goto(server.base + '/login');
  await page.locator('#region option[value="36.04"]').waitFor({ state: 'attached' });
  await page.fill('#login', 'petugas.pupr@serang.satupintu.test');
  await page.fill('#password', 'salah-sandi-sekali');
  await page.click('#submit');
  const error = page.locator('#error');
  await error.waitFor({ state: 'visible' });
  assert.equal(await error.textContent(), 'Email/telepon atau kata sandi salah.');
  assert.ok(page.url().endsWith('/login'));
  await context.close();
});

// Regression (issue 13, finding 3): /login?next=/%5Cevil.example/phish and /%09/... landed on
// another site; the page only refused a leading "//".
test('after login the page never leaves this site, whatever next says', async () => {
  const { context, page } = await phonePage();
  for (const next of ['/%5Cevil.example/phish', '/%09/evil.example/phish', '//evil.example', 'https://evil.example/',
                      '/\\evil.example']) {
    await page.goto(`${server.base}/login?next=${next}`);
    await page.locator('#region option[value="36.04"]').waitFor({ state: 'attached' });
    await page.selectOption('#region', '36.04');
    await page.fill('#login', 'petugas.pupr@serang.satupintu.test');
    await page.fill('#password', 'SatuPintu-Demo-2026');
    await page.click('#submit');
    await page.waitForURL((url) => url.pathname !== '/login');
    assert.equal(new URL(page.url()).origin, new URL(server.base).origin, `next=${next} stayed on this site`);
    await page.click('#logout');
    await page.waitForURL('**/login');
  }
  // A path of this site is still followed.
  await page.goto(`${server.base}/login?next=${encodeURIComponent('/petugas?status=received')}`);
  await page.locator('#region option[value="36.04"]').waitFor({ state: 'attached' });
  await page.selectOption('#region', '36.04');
  await page.fill('#login', 'petugas.pupr@serang.satupintu.test');
  await page.fill('#password', 'SatuPintu-Demo-2026');
  await page.click('#submit');
  await page.waitForURL('**/petugas?status=received');
  await context.close();
});
