// Starts a real `satupintu` server (demo region seeded) on a free loopback port for browser tests.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import net from 'node:net';
import { before, after } from 'node:test';
import { chromium } from 'playwright-core';

async function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

// The server runs on a known date, whatever day the tests run: 10:00 WIB on Thursday
// 2026-12-31 (as the whole-server C++ tests), its clock moved there by libfaketime and then ticking.
export const PINNED_NOW = Date.parse('2026-12-31T03:00:00Z');

// The environment that moves a process's wall clock by the same offset for every process of a
// test (libfaketime preloaded; the monotonic clock is left alone).
function pinnedEnv() {
  const skew = Math.round((PINNED_NOW - Date.now()) / 1000);
  return { ...process.env, LD_PRELOAD: '/usr/lib/x86_64-linux-gnu/faketime/libfaketimeMT.so.1',
           FAKETIME: `${skew >= 0 ? '+' : ''}${skew}`, FAKETIME_DONT_FAKE_MONOTONIC: '1' };
}

// `beforeServe(dataDir)`, if given, runs between seeding and serving (to damage the data); `env`
// adds to the server's environment (its configuration).
export async function startServer(binary, { beforeServe, env: extra = {} } = {}) {
  const data = mkdtempSync(join(tmpdir(), 'sp-browser-'));
  const env = pinnedEnv();
  const seeded = spawnSync(binary, ['demo', '--data', data], { encoding: 'utf8', env });
  if (seeded.status !== 0) throw new Error(`demo failed: ${seeded.stderr}`);
  beforeServe?.(data);
  const port = await freePort();
  const child = spawn(binary, ['serve', '--data', data, '--listen', `127.0.0.1:${port}`],
                      { stdio: ['ignore', 'ignore', 'inherit'], env: { ...env, SATUPINTU_ACCESS_LOG: '0', ...extra } });
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 200; i++) {
    try {
      if ((await fetch(`${base}/healthz`)).ok) break;
    } catch { /* not up yet */ }
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    base,
    data,
    async stop() {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
      rmSync(data, { recursive: true, force: true });
    },
  };
}

// Debian's Chromium, headless, with the flags this sandboxed machine needs.
export const chromiumOptions = {
  executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
         '--disable-component-update', '--disable-sync'],
};

// Logs a demo account of Kabupaten Serang in through the login page and waits for `next`.
export async function login(page, base, who, next) {
  await page.goto(`${base}/login${next ? '?next=' + encodeURIComponent(next) : ''}`);
  await page.locator('#region option[value="36.04"]').waitFor({ state: 'attached' });
  await page.selectOption('#region', '36.04');
  await page.fill('#login', `${who}@serang.satupintu.test`);
  await page.fill('#password', 'SatuPintu-Demo-2026');
  await page.click('#submit');
  await page.waitForURL(`**${next ?? '/account'}`);
}

// A real PNG to upload: a screenshot of a small page of one colour.
export async function solidPng(browser, colour, { width = 64, height = 48 } = {}) {
  const page = await browser.newPage({ viewport: { width, height } });
  await page.setContent(`<body style="margin:0;background:${colour}"></body>`);
  const png = await page.screenshot({ type: 'png' });
  await page.close();
  return png;
}

// What a test file of pages shares: a seeded server (SATUPINTU_BIN) and Debian's Chromium, started
// before its tests and stopped after them, and a phone-sized page that collects console errors
// (a CSP violation shows up there; answers 4xx that a page expects may be ignored).
export function browserSuite({ ignore4xx = false, env = {} } = {}) {
  const suite = { artifacts: process.env.SATUPINTU_ARTIFACTS || 'test-artifacts', server: null, browser: null };
  before(async () => {
    assert.ok(process.env.SATUPINTU_BIN, 'SATUPINTU_BIN must name the satupintu binary');
    mkdirSync(suite.artifacts, { recursive: true });
    suite.server = await startServer(process.env.SATUPINTU_BIN, { env: typeof env === 'function' ? await env() : env });
    suite.browser = await chromium.launch(chromiumOptions);
  });
  after(async () => {
    await suite.browser?.close();
    await suite.server?.stop();
  });
  suite.phonePage = async () => {
    const context = await suite.browser.newContext({ viewport: { width: 360, height: 740 }, locale: 'id-ID' });
    const page = await context.newPage();
    const problems = [];
    page.on('console', (m) => {
      if (m.type() === 'error' && !(ignore4xx && /status of 4\d\d/.test(m.text()))) problems.push(m.text());
    });
    page.on('pageerror', (e) => problems.push(String(e)));
    return { context, page, problems };
  };
  return suite;
}
