// A person logs in through the login page in Debian's Chromium, on a phone-sized screen.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { browserSuite } from './server.mjs';

const suite = browserSuite();
const artifacts = suite.artifacts;
const phonePage = () => suite.phonePage();

test('the start page says where to log in', async () => {
  const { context, page, problems } = await phonePage();
  await page.goto(suite.server.base + '/');
  await page.getByRole('link', { name: 'Ke halaman masuk' }).click();
  await page.waitForURL('**/login');
  await page.locator('#region option[value="36.04"]').waitFor({ state: 'attached' });
  assert.deepEqual(problems, [], 'no console errors (CSP violations show up here)');
  await context.close();
});

test('an officer logs in, lands on the queue, and sees their account', async () => {
  const { context, page, problems } = await phonePage();
  await page.goto(suite.server.base + '/login');
  await page.locator('#region option[value="36.04"]').waitFor({ state: 'attached' });
  await page.selectOption('#region', '36.04');
  await page.fill('#login', 'petugas.pupr@serang.satupintu.test');
  await page.fill('#password', 'SatuPintu-Demo-2026');
  await page.click('#submit');
  await page.waitForURL('**/petugas', { waitUntil: 'commit' });  // staff land on their queue
  await page.goto(suite.server.base + '/account');
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
  await page.goto(suite.server.base + '/login');
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
    await page.goto(`${suite.server.base}/login?next=${next}`);
    await page.locator('#region option[value="36.04"]').waitFor({ state: 'attached' });
    await page.selectOption('#region', '36.04');
    await page.fill('#login', 'petugas.pupr@serang.satupintu.test');
    await page.fill('#password', 'SatuPintu-Demo-2026');
    await page.click('#submit');
    await page.waitForURL((url) => url.pathname !== '/login');
    assert.equal(new URL(page.url()).origin, new URL(suite.server.base).origin, `next=${next} stayed on this site`);
    await page.click('#logout');
    await page.waitForURL('**/login');
  }
  // A path of this site is still followed.
  await page.goto(`${suite.server.base}/login?next=${encodeURIComponent('/petugas?status=received')}`);
  await page.locator('#region option[value="36.04"]').waitFor({ state: 'attached' });
  await page.selectOption('#region', '36.04');
  await page.fill('#login', 'petugas.pupr@serang.satupintu.test');
  await page.fill('#password', 'SatuPintu-Demo-2026');
  await page.click('#submit');
  await page.waitForURL('**/petugas?status=received');
  await context.close();
});
