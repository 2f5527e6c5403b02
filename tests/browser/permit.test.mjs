// A citizen applies for the research recommendation letter on a phone in Debian's Chromium, the
// verifier and Kesbangpol's head approve it in their queue, and the citizen downloads the signed
// PDF, whose QR page and file check say authentic. Also: the public tax calculator.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { startServer, chromiumOptions, login as loginAs, solidPng } from './server.mjs';

const binary = process.env.SATUPINTU_BIN;
const artifacts = process.env.SATUPINTU_ARTIFACTS || 'test-artifacts';
const phone = { viewport: { width: 360, height: 740 }, locale: 'id-ID', acceptDownloads: true };
let server;
let browser;
let scan;
let proposal;  // a real PDF of two pages, as an applicant's proposal is

before(async () => {
  assert.ok(binary, 'SATUPINTU_BIN must name the satupintu binary');
  mkdirSync(artifacts, { recursive: true });
  server = await startServer(binary);
  browser = await chromium.launch(chromiumOptions);
  scan = await solidPng(browser, '#36c');
  const page = await browser.newPage();
  await page.setContent('<h1>Proposal penelitian</h1><p>Waktu penyelesaian pengaduan di desa.</p>'
    + '<h2 style="break-before: page">Lampiran</h2><p>Jadwal penelitian.</p>');
  proposal = await page.pdf({ format: 'A4' });
  await page.close();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

async function open(options = phone) {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(String(e)));
  return { context, page, problems };
}

function login(page, who, next) {
  return loginAs(page, server.base, who, next);
}

async function approveAs(who, number, { look = false } = {}) {
  const { context, page, problems } = await open(look ? { viewport: { width: 1366, height: 900 }, locale: 'id-ID' } : undefined);
  await login(page, who, '/petugas/izin');
  await page.locator('#items a', { hasText: number }).click();
  await page.waitForURL(`**/izin/${number}`);
  if (look) {
    // The officer decides seeing the evidence: answers by their labels and places by name, and
    // the uploaded scans on the page.
    await page.locator('#upload-list img').nth(1).waitFor();
    const answers = await page.locator('#answers').innerText();
    assert.match(answers, /Nama lengkap\s+Rahmawati Ayu/);
    assert.match(answers, /Kramatwatu/);
    assert.doesNotMatch(answers, /36\.04\.05|\bnama\b/);
    assert.match(await page.locator('#upload-list').innerText(), /KTP pemohon/);
    // The proposal, a PDF, is drawn on the page with its pages to turn.
    const viewer = page.locator('#upload-list [data-document="proposal"] .pdf-view');
    await viewer.locator('text=Halaman 1 dari 2').waitFor();
    const shown = await page.locator('#upload-list img').evaluateAll((imgs) => imgs.map((i) => i.naturalWidth > 0));
    assert.deepEqual(shown, [true, true], 'every scan is shown');
    const inked = () => viewer.locator('canvas').evaluate((c) => {
      const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
      let dark = 0;
      for (let i = 0; i < d.length; i += 4) if (d[i] < 100 && d[i + 1] < 100 && d[i + 2] < 100 && d[i + 3] > 0) dark++;
      return dark;
    });
    assert.ok(await inked() > 200, 'the first page has text on it');
    await viewer.getByRole('button', { name: 'Halaman berikutnya ›' }).click();
    await viewer.locator('text=Halaman 2 dari 2').waitFor();
    assert.ok(await viewer.getByRole('button', { name: 'Halaman berikutnya ›' }).isDisabled());
    await page.screenshot({ path: `${artifacts}/permit-verifier-evidence-desk.png`, fullPage: true });
  }
  await page.locator('#decisions button[data-decision="approve"]').click();
  await page.locator('#decide').waitFor({ state: 'hidden' });
  assert.deepEqual(problems, []);
  await context.close();
}

test('a citizen applies for a research letter on a phone and downloads a verifiable PDF', async () => {
  const { context, page, problems } = await open();
  await login(page, 'warga', '/layanan/REKOM-PENELITIAN');
  // The public standard is on the page before the form.
  await page.locator('#standard dt', { hasText: '14.' }).waitFor();
  assert.match(await page.locator('#facts').innerText(), /Gratis/);
  await page.fill('#f-nama', 'Rahmawati Ayu');
  await page.fill('#f-nik', '3604055501909001');
  await page.fill('#f-lembaga', 'Universitas Uji Coba');
  await page.fill('#f-judul', 'Waktu penyelesaian pengaduan di desa');
  await page.selectOption('#f-lokasi', '36.04.05');
  await page.locator('#f-lokasi-desa option[value="36.04.05.2001"]').waitFor({ state: 'attached' });
  await page.selectOption('#f-lokasi-desa', '36.04.05.2001');
  await page.fill('#f-mulai', '2026-12-01');
  await page.fill('#f-selesai', '2027-02-26');
  for (const d of ['ktp', 'pengantar']) {
    await page.setInputFiles(`#d-${d}`, { name: `${d}.png`, mimeType: 'image/png', buffer: scan });
  }
  await page.setInputFiles('#d-proposal', { name: 'proposal.pdf', mimeType: 'application/pdf', buffer: proposal });
  await page.screenshot({ path: `${artifacts}/permit-form-phone.png`, fullPage: true });
  await page.click('#send');
  await page.waitForURL(/\/izin\/IZN-\d{4}-\d{6}$/);
  const number = decodeURIComponent(page.url().split('/').pop());
  await page.locator('#status', { hasText: 'Sedang diproses' }).waitFor();

  await approveAs('verifikator', number, { look: true });
  await approveAs('kepala.kesbangpol', number);

  await page.reload();
  await page.locator('#status', { hasText: 'Disetujui' }).waitFor();
  await page.screenshot({ path: `${artifacts}/permit-approved-phone.png`, fullPage: true });
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-field="download"]')]);
  const file = await download.path();
  const bytes = readFileSync(file);
  assert.equal(bytes.subarray(0, 5).toString(), '%PDF-');
  writeFileSync(`${artifacts}/permit-letter.pdf`, bytes);  // to look at (pdftoppm) as an office would
  // What the letter says is Indonesian: no English sentence word and no internal code (the
  // verification address is a link, not words).
  const text = execFileSync('pdftotext', ['-layout', `${artifacts}/permit-letter.pdf`, '-'], { encoding: 'utf8' })
    .replace(/https?:\/\/\S+/g, '');
  assert.match(text, /SURAT KETERANGAN PENELITIAN/);
  assert.doesNotMatch(text, /\b(the|is|are|must|required|valid until|signed|document)\b/i);
  assert.doesNotMatch(text, /\b[a-z][a-z0-9]*(_[a-z0-9]+)+\b/);

  // The QR code's page, then the file itself checked on it.
  await page.click('text=Periksa keaslian');
  await page.waitForURL(/\/verifikasi\/36\.04\//);
  await page.locator('[data-field="status"]', { hasText: 'Asli dan berlaku' }).waitFor();
  await page.setInputFiles('#file', { name: 'surat.pdf', mimeType: 'application/pdf', buffer: bytes });
  await page.click('#check button[type="submit"]');
  await page.locator('[data-field="file-result"]', { hasText: 'Berkas asli' }).waitFor();
  const altered = Buffer.from(bytes);
  altered[Math.floor(altered.length / 2)] ^= 1;
  await page.setInputFiles('#file', { name: 'ubah.pdf', mimeType: 'application/pdf', buffer: altered });
  await page.click('#check button[type="submit"]');
  await page.locator('[data-field="file-result"]', { hasText: /DIUBAH|PALSU|tidak bertanda/ }).waitFor();
  await page.screenshot({ path: `${artifacts}/permit-verified-phone.png`, fullPage: true });
  assert.deepEqual(problems, []);
  await context.close();
});

test('the public tax calculator shows the amount and its rule', async () => {
  const { context, page, problems } = await open();
  await page.goto(`${server.base}/kalkulator-pajak?region=36.04`);
  await page.locator('#region option[value="36.04"]').waitFor({ state: 'attached' });
  await page.fill('#pbb-njop', '1.000.000.000');
  await page.click('#pbb button[type="submit"]');
  await page.locator('#pbb [data-field="amount"]', { hasText: 'Rp792.000' }).waitFor();
  assert.match(await page.locator('#pbb .result').innerText(), /0,2%/);
  assert.deepEqual(problems, []);
  await context.close();
});

test('a region admin edits a service in the browser and a broken definition names its field', async () => {
  const { context, page, problems } = await open();
  await login(page, 'admin', '/admin/layanan');
  await page.locator('#service option[value="PBG"]').waitFor({ state: 'attached' });
  await page.selectOption('#service', 'PBG');
  await page.waitForFunction(() => document.getElementById('definition').value.includes('"standard"'));
  const definition = JSON.parse(await page.inputValue('#definition'));
  delete definition.spec.standard.evaluasi;
  await page.fill('#definition', JSON.stringify(definition));
  await page.click('#editor button[type="submit"]');
  await page.locator('#error', { hasText: 'spec.standard.evaluasi' }).waitFor();
  definition.spec.standard.evaluasi = 'IKM setiap bulan';
  definition.name = 'Persetujuan Bangunan Gedung (PBG)';
  await page.fill('#definition', JSON.stringify(definition));
  await page.click('#editor button[type="submit"]');
  await page.locator('#saved', { hasText: 'versi 2' }).waitFor();
  const res = await fetch(`${server.base}/api/v1/regions/36.04/services/PBG`);
  const service = await res.json();
  assert.equal(service.name, 'Persetujuan Bangunan Gedung (PBG)');
  assert.equal(service.version, 2);
  await page.screenshot({ path: `${artifacts}/admin-service-editor.png`, fullPage: true });
  assert.deepEqual(problems, []);
  await context.close();
});
