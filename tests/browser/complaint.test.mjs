// A complaint end to end in Debian's Chromium: a citizen files one with a photo on a phone, the
// verifier and the PUPR officer work it in the console (proof photo included), the citizen sees
// it resolved and rates it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { startServer, chromiumOptions, login as loginAs, solidPng } from './server.mjs';

const binary = process.env.SATUPINTU_BIN;
const artifacts = process.env.SATUPINTU_ARTIFACTS || 'test-artifacts';
const phone = { viewport: { width: 360, height: 740 }, locale: 'id-ID' };
let server;
let browser;
let photo;
let cameraPhoto;  // as large as a phone camera takes

before(async () => {
  assert.ok(binary, 'SATUPINTU_BIN must name the satupintu binary');
  mkdirSync(artifacts, { recursive: true });
  server = await startServer(binary);
  browser = await chromium.launch(chromiumOptions);
  photo = await solidPng(browser, '#c33');
  cameraPhoto = await solidPng(browser, 'linear-gradient(90deg, #c33, #36c)', { width: 2400, height: 1800 });
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

async function open(options = phone) {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  const problems = [];
  // A refused request (a form sent too soon) is the browser's console error, not the page's.
  page.on('console', (m) => { if (m.type() === 'error' && !/status of 4\d\d/.test(m.text())) problems.push(m.text()); });
  page.on('pageerror', (e) => problems.push(String(e)));
  return { context, page, problems };
}

function login(page, who, next) {
  return loginAs(page, server.base, who, next);
}

// Opens the case from the queue, chooses the step (its panel shows only its fields), fills them
// and sends it.
async function act(page, number, step, extra = async () => {}) {
  await page.locator('.queue li', { hasText: number }).getByRole('button', { name: number }).click();
  await page.locator('#detail h2', { hasText: number }).waitFor();
  await page.locator(`#act-form button[data-step="${step}"]`).click();
  await page.locator('#act-panel h4').waitFor();
  await extra();
  await page.click('#act-submit');
  await page.locator('#act-status', { hasText: 'Tersimpan.' }).waitFor();
}

const markup = 'Lubang besar <b>di depan</b> SD <script>alert(1)</script>';
let number;

test('a citizen files a complaint with a photo on a phone', async () => {
  const { context, page, problems } = await open({
    ...phone, geolocation: { latitude: -6.0401, longitude: 106.112759 }, permissions: ['geolocation'],
  });
  await login(page, 'warga', '/lapor');
  await page.locator('#category option[value="JALAN-RUSAK"]').waitFor({ state: 'attached' });
  // The citizen types a word of the problem and picks the category that matches it.
  await page.fill('#category-search', 'lubang');
  await page.locator('#category-matches button[data-code="JALAN-RUSAK"]').waitFor();
  await page.screenshot({ path: `${artifacts}/lapor-category-search-phone.png` });
  await page.locator('#category-matches button[data-code="JALAN-RUSAK"]').click();
  assert.equal(await page.inputValue('#category'), 'JALAN-RUSAK');
  // Sent too soon (no answer, no words, no place): every problem comes back at once, in
  // Indonesian, beside its field.
  await page.click('#submit');
  await page.locator('#description-error').waitFor();
  assert.match(await page.textContent('#attr-tingkat-error'), /Seberapa parah kerusakannya\?” wajib dijawab/);
  assert.match(await page.textContent('#description-error'), /Wajib diisi/);
  assert.match(await page.textContent('#kecamatan-error'), /Pilih kecamatan atau tandai titiknya di peta/);
  await page.screenshot({ path: `${artifacts}/complaint-three-problems-phone.png`, fullPage: true });
  await page.selectOption('#attr-tingkat', 'berat');
  await page.fill('#description', markup);
  await page.click('#locate');
  await page.locator('#locate-status', { hasText: 'Kramatwatu' }).waitFor();
  assert.equal(await page.inputValue('#kecamatan'), '36.04.05', 'the kecamatan is suggested from the point');
  await page.locator('#desa option[value="36.04.05.2001"]').waitFor({ state: 'attached' });
  await page.selectOption('#desa', '36.04.05.2001');
  // A camera-sized photo is made smaller in the browser before it goes, and shown first.
  await page.setInputFiles('#photos', { name: 'jalan.png', mimeType: 'image/png', buffer: cameraPhoto });
  const caption = page.locator('#previews figcaption');
  await caption.waitFor();
  assert.match(await caption.textContent(), /diperkecil/);
  assert.equal(await page.locator('#previews img').count(), 1);
  await page.screenshot({ path: `${artifacts}/complaint-form-phone.png`, fullPage: true });
  await page.click('#submit');
  await page.locator('#done').waitFor();
  number = (await page.textContent('#number')).trim();
  assert.match(number, /^ADU-\d{4}-\d{6}$/);
  await page.click('#track');
  await page.locator('dd[data-field="status"]', { hasText: 'Diterima' }).waitFor();
  // What the citizen typed is shown as text, never run as markup.
  assert.equal(await page.textContent('[data-field="description"]'), markup);
  assert.equal(await page.locator('[data-field="description"] b').count(), 0);
  assert.equal(await page.locator('.timeline img').count(), 1, 'the photo is on the timeline');
  await page.screenshot({ path: `${artifacts}/complaint-tracking-phone.png`, fullPage: true });
  assert.deepEqual(problems, []);
  await context.close();
});

test('a citizen without GPS taps the place on the map', async () => {
  const { context, page, problems } = await open();
  await login(page, 'warga', '/lapor');
  const map = page.locator('#pin-map svg');
  await map.waitFor();
  // The middle of Kramatwatu's outline, whatever is drawn there is where the tap lands.
  const area = page.locator('#pin-map path[data-code="36.04.05"]');
  await area.scrollIntoViewIfNeeded();
  const box = await area.boundingBox();
  const x = box.x + box.width / 2;
  const y = box.y + box.height / 2;
  const under = await page.evaluate(([px, py]) => document.elementFromPoint(px, py)?.dataset?.code, [x, y]);
  assert.ok(under, 'the tap lands on a kecamatan');
  await page.mouse.click(x, y);
  await page.locator('#locate-status', { hasText: 'Lokasi ditemukan' }).waitFor();
  assert.equal(await page.inputValue('#kecamatan'), under, 'the kecamatan under the tap is chosen');
  assert.equal(await page.locator('#pin-map circle.pin').getAttribute('visibility'), 'visible');
  await page.locator('#pin-map').screenshot({ path: `${artifacts}/lapor-pin-phone.png` });
  assert.deepEqual(problems, []);
  await context.close();
});

test('the verifier forwards it and the PUPR officer resolves it with proof', async () => {
  assert.ok(number, 'needs the complaint of the previous test');
  const verifier = await open();
  await login(verifier.page, 'verifikator', '/petugas');
  await verifier.page.locator('.queue li', { hasText: number }).waitFor();
  // The queue on the map: the new report is a point there, and the point opens it.
  await verifier.page.click('#show-map');
  const point = verifier.page.locator(`#queue-map a[data-number="${number}"] circle`);
  await point.waitFor();
  assert.ok(await verifier.page.locator('#queue-map circle').count() > 1, 'the queue\'s other reports are points too');
  await verifier.page.locator('#queue-map').screenshot({ path: `${artifacts}/officer-queue-map-phone.png` });
  await point.click();
  await verifier.page.locator('#detail h2', { hasText: number }).waitFor();
  await verifier.page.click('#show-map');
  // The verifier sees the evidence: the answers, the place on the map and the photo.
  await verifier.page.locator('.queue li', { hasText: number }).getByRole('button', { name: number }).click();
  const detail = verifier.page.locator('#detail');
  await detail.locator('.case-map svg circle').waitFor();
  assert.match(await detail.textContent(), /Kecamatan /, 'the kecamatan by name');
  assert.match(await detail.locator('[data-field="reporter"]').textContent(), /Warga Demo · \+6281200000001/,
               'the reporter, to call');
  assert.equal(await detail.locator('.photos img').count(), 1, 'the report photo');
  const sent = await verifier.page.request.get(server.base + await detail.locator('.photos a').getAttribute('href'));
  assert.equal(sent.headers()['content-type'], 'image/jpeg', 'the browser sent the smaller JPEG');
  // Only the chosen step's fields; a rejection asks once more and can be called off.
  await verifier.page.click('#act-form button[data-step="reject"]');
  assert.equal(await verifier.page.locator('#act-reason').count(), 1);
  assert.equal(await verifier.page.locator('#act-opd').count(), 0, 'no OPD field for a rejection');
  await verifier.page.click('#act-submit');
  await verifier.page.locator('#act-confirm').waitFor();
  await detail.screenshot({ path: `${artifacts}/officer-reject-confirm-phone.png` });
  await verifier.page.getByRole('button', { name: 'Batal' }).click();
  assert.equal(await verifier.page.locator('#act-confirm').count(), 0);
  await verifier.page.click('#act-form button[data-step="forward"]');
  assert.match(await verifier.page.locator('#act-panel').textContent(), /Hanya terlihat oleh petugas/,
               'a forwarding note is internal, and the panel says so');
  await detail.screenshot({ path: `${artifacts}/officer-case-evidence-phone.png` });
  await act(verifier.page, number, 'verify');
  await act(verifier.page, number, 'forward', () => verifier.page.fill('#act-note', 'Mohon ditinjau hari ini.'));
  assert.deepEqual(verifier.problems, []);
  await verifier.context.close();

  const officer = await open();
  await login(officer.page, 'petugas.pupr', '/petugas');
  const row = officer.page.locator('.queue li', { hasText: number });
  await row.waitFor();
  assert.match(await row.textContent(), /hari kerja lagi/, 'the queue shows the SLA countdown');
  await act(officer.page, number, 'start');
  await act(officer.page, number, 'follow_up', async () => {
    await officer.page.fill('#act-note', 'Lubang sudah ditambal aspal.');
    await officer.page.setInputFiles('#act-proof', { name: 'bukti.png', mimeType: 'image/png', buffer: photo });
  });
  await act(officer.page, number, 'resolve', () => officer.page.fill('#act-note', 'Selesai.'));
  await officer.page.screenshot({ path: `${artifacts}/officer-console-phone.png`, fullPage: true });
  assert.deepEqual(officer.problems, []);
  await officer.context.close();
});

test('the citizen sees it resolved and rates it', async () => {
  assert.ok(number);
  const { context, page, problems } = await open();
  await login(page, 'warga');
  await page.goto(`${server.base}/lacak/36.04/${number}`);
  await page.locator('dd[data-field="status"]', { hasText: 'Selesai' }).waitFor();
  assert.equal(await page.locator('.timeline img').count(), 2, 'the proof photo is public');
  await page.selectOption('#rating', '5');
  await page.fill('#comment', 'Cepat dan rapi');
  await page.selectOption('#ikm-U1', '4');
  await page.selectOption('#ikm-U7', '3');
  await page.click('#rate');
  await page.locator('#rated').waitFor();
  await page.screenshot({ path: `${artifacts}/complaint-rated-phone.png`, fullPage: true });
  // The public list shows it, and its point on the kecamatan map.
  await page.goto(`${server.base}/pengaduan`);
  await page.locator('#list a', { hasText: number }).waitFor();
  await page.locator('#map svg path').first().waitFor();
  assert.ok(await page.locator('#map svg circle').count() >= 1, 'complaints are on the map');
  assert.equal(await page.locator(`#map svg a[href$="${number}"]`).count(), 1);
  // The point lies inside the drawn region (one projection for the outlines and the points).
  const [mapBox, dotBox] = await Promise.all([page.locator('#map svg').boundingBox(),
                                              page.locator(`#map svg a[href$="${number}"] circle`).boundingBox()]);
  assert.ok(dotBox.x >= mapBox.x && dotBox.x + dotBox.width <= mapBox.x + mapBox.width + 1 &&
            dotBox.y >= mapBox.y && dotBox.y + dotBox.height <= mapBox.y + mapBox.height + 1, 'the point is on the map');
  await page.locator('#map').screenshot({ path: `${artifacts}/public-map-phone.png` });
  await page.screenshot({ path: `${artifacts}/public-complaints-phone.png`, fullPage: true });
  assert.deepEqual(problems, []);
  await context.close();
});
