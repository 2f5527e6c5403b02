// Joining and finding (issue 14), as a citizen on a cheap phone does it in Debian's Chromium:
// the "Lacak laporan" box on the home page, signing up by email (the privacy notice read and
// accepted, the emailed link opened) and by phone (the code from WhatsApp typed in), a forgotten
// password reset by the emailed link, and a report filed without an account by a proven phone.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { browserSuite } from './server.mjs';

const suite = browserSuite({ ignore4xx: true });
const artifacts = suite.artifacts;
const phonePage = () => suite.phonePage();

// The six digits of the newest SMS or WhatsApp message to `phone` (+62...), from the outbox.
function textedCode(phone) {
  const sql = `SELECT body FROM outbox WHERE target = '${phone}' AND channel IN ('sms', 'whatsapp') ORDER BY created_at DESC, id DESC LIMIT 1;`;
  const r = spawnSync('sqlite3', [join(suite.server.data, 'satupintu.db'), sql], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  const code = /\b\d{6}\b/.exec(r.stdout)?.[0];
  assert.ok(code, `a code in the message to ${phone}: ${r.stdout}`);
  return code;
}

// The newest link emailed to `email`, read from the outbox as the mail carries it.
function emailedLink(email, marker) {
  const sql = `SELECT body FROM outbox WHERE target = '${email}' AND body LIKE '%${marker}%' ORDER BY created_at DESC, id DESC LIMIT 1;`;
  const r = spawnSync('sqlite3', [join(suite.server.data, 'satupintu.db'), sql], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  const link = /https?:\/\/\S+/.exec(r.stdout)?.[0];
  assert.ok(link, `a link in the email to ${email}: ${r.stdout}`);
  const url = new URL(link);
  return suite.server.base + url.pathname + url.search;
}

test('the home page finds a case by its tracking number', async () => {
  const list = await (await fetch(`${suite.server.base}/api/v1/regions/36.04/complaints`)).json();
  const number = list.complaints[0].number;
  const { context, page, problems } = await phonePage();
  await page.goto(suite.server.base + '/');
  await page.fill('#nomor', number.toLowerCase());
  await page.screenshot({ path: `${artifacts}/lacak-box-phone.png`, fullPage: false });
  await page.getByRole('button', { name: 'Lacak' }).click();
  await page.waitForURL(`**/lacak/36.04/${number}`);
  await page.locator('#case h2, #case p').first().waitFor();
  // A number nobody has: the search page says so beside the field.
  await page.goto(suite.server.base + '/lacak?nomor=ADU-1999-999999');
  const note = page.locator('.field-error');
  await note.waitFor();
  assert.match(await note.textContent(), /tidak ditemukan/);
  await page.screenshot({ path: `${artifacts}/lacak-not-found-phone.png`, fullPage: true });
  // A dead link gives a page in Indonesian with the way back, not JSON.
  const dead = await page.goto(suite.server.base + '/laporan/lama/tidak-ada');
  assert.equal(dead.status(), 404);
  assert.equal(await page.locator('h1').textContent(), 'Halaman tidak ditemukan');
  await page.screenshot({ path: `${artifacts}/not-found-phone.png`, fullPage: true });
  assert.deepEqual(problems, []);
  await context.close();
});

test('a citizen signs up, accepts the privacy notice, opens the emailed link and logs in', async () => {
  const { context, page, problems } = await phonePage();
  await page.goto(suite.server.base + '/login');
  await page.getByRole('link', { name: 'Daftar akun warga' }).click();
  await page.waitForURL('**/daftar');
  await page.locator('#region option[value="36.04"]').waitFor({ state: 'attached' });
  await page.selectOption('#region', '36.04');
  await page.locator('#notice-text', { hasText: 'Kabupaten Serang' }).waitFor();
  await page.fill('#name', 'Sari Uji Daftar');
  await page.check('input[name="via"][value="email"]');
  // Four mistakes at once (an address without its domain, a short password, a NIK of five
  // digits, the notice not accepted): the server names all four, each beside its field, in
  // Indonesian, and nothing is sent.
  await page.fill('#email', 'sari.daftar');
  await page.fill('#password', 'pendek');
  await page.fill('#nik', '12345');
  await page.click('#submit');
  const notes = page.locator('.field-error');
  await notes.nth(3).waitFor();
  const said = Object.fromEntries(await notes.evaluateAll((ps) => ps.map((p) => [p.id, p.textContent])));
  assert.match(said['email-error'], /Alamat email tidak valid/);
  assert.match(said['password-error'], /paling sedikit 10 karakter/);
  assert.match(said['nik-error'], /16 angka/);
  assert.match(said['accept-error'], /pemberitahuan privasi/);
  assert.equal(await page.locator('[aria-invalid="true"]').count(), 4);
  await page.screenshot({ path: `${artifacts}/daftar-four-problems-phone.png`, fullPage: true });
  await page.fill('#email', 'sari.daftar@example.test');
  await page.fill('#password', 'Sandi-Sari-2026');
  await page.fill('#nik', '');
  await page.check('#accept');
  await page.click('#submit');
  await page.locator('#sent').waitFor();
  assert.match(await page.locator('#sent-text').textContent(), /sari\.daftar@example\.test/);
  await page.screenshot({ path: `${artifacts}/daftar-sent-phone.png`, fullPage: true });

  await page.goto(emailedLink('sari.daftar@example.test', 'konfirmasi='));
  await page.locator('#notice').waitFor();
  assert.match(await page.locator('#notice').textContent(), /sudah aktif/);
  await page.fill('#password', 'Sandi-Sari-2026');
  await page.click('#submit');
  await page.waitForURL('**/account');
  assert.equal(await page.locator('dd[data-field="name"]').textContent(), 'Sari Uji Daftar');

  // Someone else's open report of a problem that hits her too: she joins it instead of filing
  // it again, and the page counts her.
  const open = await fetch(`${suite.server.base}/api/v1/regions/36.04/complaints?status=open`).then((r) => r.json());
  const other = open.complaints[0].number;
  await page.goto(`${suite.server.base}/lacak/36.04/${other}`);
  await page.locator('#me-too').click();
  await page.locator('#following', { hasText: 'Tercatat' }).waitFor();
  assert.match(await page.locator('#also-affected').textContent(), /^\d+ warga juga mengalami ini\.$/);
  await page.screenshot({ path: `${artifacts}/lacak-me-too-phone.png`, fullPage: true });
  assert.deepEqual(problems, []);
  await context.close();
});

test('a forgotten password is reset through the emailed link', async () => {
  const { context, page, problems } = await phonePage();
  await page.goto(suite.server.base + '/login?region=36.04');
  await page.getByRole('link', { name: 'Lupa kata sandi?' }).click();
  await page.waitForURL('**/lupa-sandi**');
  await page.locator('#region option[value="36.04"]').waitFor({ state: 'attached' });
  await page.selectOption('#region', '36.04');
  await page.check('input[name="via"][value="email"]');
  await page.fill('#email', 'warga@serang.satupintu.test');
  await page.click('#ask-submit');
  await page.locator('#notice:not([hidden])').waitFor();
  assert.match(await page.locator('#notice').textContent(), /tautan/);
  await page.screenshot({ path: `${artifacts}/lupa-sandi-sent-phone.png`, fullPage: true });

  await page.goto(emailedLink('warga@serang.satupintu.test', 'token='));
  assert.ok(!page.url().includes('token='), 'the token leaves the address bar');
  await page.fill('#password', 'Sandi-Baru-Warga-1');
  await page.fill('#again', 'Sandi-Lain-Warga-2');
  await page.click('#choose-submit');
  assert.match(await page.locator('.field-error').textContent(), /tidak sama/);
  await page.fill('#again', 'Sandi-Baru-Warga-1');
  await page.click('#choose-submit');
  await page.locator('#notice:not([hidden])').waitFor();
  assert.match(await page.locator('#notice').textContent(), /tersimpan/);
  await page.screenshot({ path: `${artifacts}/lupa-sandi-done-phone.png`, fullPage: true });
  const login = await fetch(`${suite.server.base}/api/v1/auth/login`, {
    method: 'POST', headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ region: '36.04', login: 'warga@serang.satupintu.test', password: 'Sandi-Baru-Warga-1' }),
  });
  assert.equal(login.status, 200, 'the new password works');
  assert.deepEqual(problems, []);
  await context.close();
});

test('a citizen signs up by phone with the code sent by WhatsApp', async () => {
  const { context, page, problems } = await phonePage();
  await page.goto(suite.server.base + '/daftar?region=36.04');
  await page.locator('#notice-text', { hasText: 'Kabupaten Serang' }).waitFor();
  await page.fill('#name', 'Budi Uji Telepon');
  await page.fill('#phone', '0812 5555 0101');
  await page.selectOption('#channel', 'whatsapp');
  await page.fill('#password', 'Sandi-Budi-2026');
  await page.check('#accept');
  await page.screenshot({ path: `${artifacts}/daftar-by-phone-phone.png`, fullPage: true });
  await page.click('#submit');
  await page.locator('#confirm:not([hidden])').waitFor();
  assert.match(await page.locator('#code-sent').textContent(), /WhatsApp ke \+6281255550101/);
  // A wrong code is said beside the field; the right one activates the account.
  const code = textedCode('+6281255550101');
  await page.fill('#code', code === '000000' ? '111111' : '000000');
  await page.click('#confirm-submit');
  assert.match(await page.locator('#code-error').textContent(), /Kode salah/);
  await page.screenshot({ path: `${artifacts}/daftar-wrong-code-phone.png`, fullPage: true });
  await page.fill('#code', code);
  await page.click('#confirm-submit');
  await page.locator('#active:not([hidden])').waitFor();
  await page.screenshot({ path: `${artifacts}/daftar-active-phone.png`, fullPage: true });
  await page.click('#to-login');
  await page.locator('#region option[value="36.04"]').waitFor({ state: 'attached' });
  await page.selectOption('#region', '36.04');
  await page.fill('#login', '081255550101');
  await page.fill('#password', 'Sandi-Budi-2026');
  await page.click('#submit');
  await page.waitForURL('**/account');
  assert.equal(await page.locator('dd[data-field="name"]').textContent(), 'Budi Uji Telepon');
  assert.deepEqual(problems, []);
  await context.close();
});

test('a report is filed without an account by a phone proven with a code', async () => {
  const { context, page, problems } = await phonePage();
  await page.goto(suite.server.base + '/lapor?region=36.04');
  await page.locator('#guest:not([hidden])').waitFor();
  await page.locator('#category option[value="JALAN-RUSAK"]').waitFor({ state: 'attached' });
  await page.selectOption('#category', 'JALAN-RUSAK');
  await page.selectOption('#attr-tingkat', 'sedang');
  await page.fill('#description', 'Jalan berlubang di depan balai desa, dilaporkan tanpa akun');
  await page.selectOption('#kecamatan', { index: 1 });
  await page.fill('#guest-name', 'Ani Tanpa Akun');
  await page.fill('#guest-phone', '0812 5555 0202');
  await page.click('#send-code');
  await page.locator('#code-status', { hasText: 'SMS ke +6281255550202' }).waitFor();
  await page.fill('#guest-code', textedCode('+6281255550202'));
  await page.screenshot({ path: `${artifacts}/lapor-guest-phone.png`, fullPage: true });
  await page.click('#submit');
  await page.locator('#done:not([hidden])').waitFor();
  const number = (await page.locator('#number').textContent()).trim();
  assert.match(number, /^ADU-/);
  // The report is public by its number, and its reporter is reachable by the officers.
  await page.click('#track');
  await page.waitForURL(`**/lacak/36.04/${number}`);
  assert.deepEqual(problems, []);
  await context.close();
});

test('a rahasia report filed with no name and no phone is followed with its access key', async () => {
  const { context, page, problems } = await phonePage();
  await page.goto(suite.server.base + '/lapor?region=36.04');
  await page.locator('#category option[value="PUNGLI"]').waitFor({ state: 'attached' });
  await page.selectOption('#category', 'PUNGLI');
  await page.fill('#description', 'Diminta uang tambahan di loket tanpa tanda terima');
  await page.selectOption('#kecamatan', { index: 2 });
  await page.check('#anonymous');
  await page.check('#rahasia');
  await page.click('#submit');
  await page.locator('#key-box:not([hidden])').waitFor();
  const key = (await page.locator('#access-key').textContent()).trim();
  assert.match(key, /^([2-9A-HJ-NP-Z]{4}-){3}[2-9A-HJ-NP-Z]{4}$/);
  const number = (await page.locator('#number').textContent()).trim();
  await page.screenshot({ path: `${artifacts}/lapor-anonymous-key-phone.png`, fullPage: true });
  // The link carries the key in its fragment; the page shows the report and drops it from the bar.
  await page.click('#track');
  await page.locator('[data-field="description"]', { hasText: 'Diminta uang tambahan' }).waitFor();
  assert.ok(!page.url().includes('kunci'), 'the key leaves the address bar');
  await context.close();

  // Elsewhere, later: not found until the key is typed (as people type it).
  const other = await phonePage();
  await other.page.goto(`${suite.server.base}/lacak/36.04/${number}`);
  await other.page.locator('#access-key').waitFor();
  await other.page.fill('#access-key', key.toLowerCase().replaceAll('-', ' '));
  await other.page.getByRole('button', { name: 'Buka laporan' }).click();
  await other.page.locator('[data-field="description"]', { hasText: 'Diminta uang tambahan' }).waitFor();
  await other.page.screenshot({ path: `${artifacts}/lacak-with-key-phone.png`, fullPage: true });
  assert.deepEqual([...problems, ...other.problems], []);
  await other.context.close();
});
