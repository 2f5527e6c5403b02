// A deployment that reaches a tile server (map.tile_url) draws its streets under the kecamatan
// outlines on every map, with the credit the server asks for; the pages' CSP lets those images
// in and nothing else. The tile server here is a small one on loopback serving one grey tile.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { browserSuite } from './server.mjs';

// A 2x2 mid-grey PNG, drawn stretched over each tile's square.
const kTile = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAAAAABX3VL4AAAADklEQVR42mNoaGBoaAAABgYCATGpHqEAAAAASUVORK5CYII=', 'base64');
const asked = [];
const tiles = http.createServer((req, res) => {
  asked.push(req.url);
  if (!/^\/\d+\/\d+\/\d+\.png$/.test(req.url)) {
    res.writeHead(404).end();
    return;
  }
  res.writeHead(200, { 'Content-Type': 'image/png' }).end(kTile);
});
const listening = new Promise((resolve) => tiles.listen(0, '127.0.0.1', resolve));
before(() => listening);
after(() => new Promise((resolve) => tiles.close(resolve)));

const suite = browserSuite({
  env: async () => {
    await listening;
    return {
      SATUPINTU_TILE_URL: `http://127.0.0.1:${tiles.address().port}/{z}/{x}/{y}.png`,
      SATUPINTU_TILE_ATTRIBUTION: '© Peta Uji',
    };
  },
});

test('the public map draws the tile server under the kecamatan outlines, credited', async () => {
  const { context, page, problems } = await suite.phonePage();
  await page.goto(suite.server.base + '/pengaduan?region=36.04');
  await page.locator('.map svg.tiled image').first().waitFor({ state: 'attached' });
  const drawn = await page.locator('.map svg.tiled image').count();
  assert.ok(drawn >= 2 && drawn <= 64, `a handful of tiles cover the region: ${drawn}`);
  // Every tile drawn was asked for at one zoom, and the outlines sit above them.
  await page.waitForFunction((n) => performance.getEntriesByType('resource').filter((e) => e.name.endsWith('.png')).length >= n, drawn);
  // The tile decodes as a picture here (the pages' CSP lets the tile server's images in).
  const decoded = await page.locator('.map svg.tiled image').first().evaluate((image) => new Promise((resolve) => {
    const probe = new Image();
    probe.onload = () => resolve(probe.naturalWidth);
    probe.onerror = () => resolve(0);
    probe.src = image.getAttribute('href');
  }));
  assert.equal(decoded, 2, 'the 2x2 tile loads');
  const zooms = new Set(asked.map((u) => u.split('/')[1]));
  assert.equal(zooms.size, 1, `one zoom: ${[...zooms]}`);
  assert.ok(Number([...zooms][0]) >= 8, 'a regency fills the map at zoom 8 or more');
  const order = await page.locator('.map svg.tiled').first().evaluate((svg) =>
    [...svg.children].map((c) => c.getAttribute('class') ?? c.tagName));
  assert.ok(order.indexOf('tiles') < order.indexOf('kec'), order.join(' '));
  assert.equal(await page.locator('.map svg.tiled .credit').first().textContent(), '© Peta Uji');
  await page.locator('.map').first().screenshot({ path: `${suite.artifacts}/map-tiles-phone.png` });
  assert.deepEqual(problems, [], 'no CSP violation');
  await context.close();
});
