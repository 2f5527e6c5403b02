// Pages on a slow line (issue 14): Debian's Chromium, with the network throttled through the
// DevTools protocol to 400 kbit/s both ways and 400 ms of latency, opens the reporting page as a
// signed-in citizen on a phone and the command center on a wall screen, with an empty cache, and
// prints how long each took until it could be used (the goal: reporting within 3 s, the wall
// within 5 s) and how many bytes went over the line.
//
//   cmake --build build --target satupintu && SATUPINTU_BIN=build/satupintu node bench/slow-network.mjs
import { chromium } from 'playwright-core';
import { startServer, chromiumOptions, login } from '../tests/browser/server.mjs';

const KBPS = 400;
const LATENCY_MS = 400;
const binary = process.env.SATUPINTU_BIN ?? 'build/satupintu';

const server = await startServer(binary);
const browser = await chromium.launch(chromiumOptions);

async function throttled(viewport) {
  const context = await browser.newContext({ viewport, locale: 'id-ID' });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  const throttle = async (on) => cdp.send('Network.emulateNetworkConditions', {
    offline: false,
    latency: on ? LATENCY_MS : 0,
    downloadThroughput: on ? (KBPS * 1000) / 8 : -1,
    uploadThroughput: on ? (KBPS * 1000) / 8 : -1,
  });
  let bytes = 0;
  cdp.on('Network.loadingFinished', (e) => { bytes += e.encodedDataLength; });
  return { context, page, throttle, bytes: () => bytes, reset: () => { bytes = 0; } };
}

// Opens `path` on the slow line and returns the seconds until `ready` is on the page.
async function measure(t, path, ready) {
  t.reset();
  await t.throttle(true);
  const started = Date.now();
  await t.page.goto(server.base + path, { waitUntil: 'commit' });
  await t.page.locator(ready).first().waitFor({ state: 'attached', timeout: 60000 });
  return { seconds: (Date.now() - started) / 1000, kb: Math.round(t.bytes() / 1024) };
}

try {
  // The citizen signs in through the login page on a fast line, then opens /lapor on the slow one.
  const phone = await throttled({ width: 360, height: 740 });
  await login(phone.page, server.base, 'warga', '/account');
  const report = await measure(phone, '/lapor', '#category option[value="JALAN-RUSAK"]');
  const wall = await throttled({ width: 1920, height: 1080 });
  const komando = await measure(wall, '/komando/36.04?layar=dinding', '.live.on');
  console.log(`slow line: ${KBPS} kbit/s each way, ${LATENCY_MS} ms latency, empty cache (Chromium DevTools throttling)`);
  console.log(`reporting page (/lapor, signed in, phone): usable in ${report.seconds.toFixed(2)} s, ${report.kb} KB (goal 3 s)`);
  console.log(`command center (/komando, wall): live in ${komando.seconds.toFixed(2)} s, ${komando.kb} KB (goal 5 s)`);
} finally {
  await browser.close();
  await server.stop();
}
