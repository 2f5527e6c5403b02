// The OpenAPI contract (web/openapi.json, served at /api/v1/openapi.json) as a person reads it at
// /api/docs. The answers themselves are checked against its schemas by tests/contract/validate.mjs,
// over every answer the integration suites receive on both stores.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { startServer, chromiumOptions } from './server.mjs';

const binary = process.env.SATUPINTU_BIN;
let server;

before(async () => {
  assert.ok(binary, 'SATUPINTU_BIN must name the satupintu binary');
  server = await startServer(binary);
});

after(async () => { await server?.stop(); });

test('a person reads the contract at /api/docs, within the content security policy', async () => {
  const artifacts = process.env.SATUPINTU_ARTIFACTS || 'test-artifacts';
  mkdirSync(artifacts, { recursive: true });
  const browser = await chromium.launch(chromiumOptions);
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const problems = [];
    page.on('console', (m) => { if (m.type() === 'error') problems.push(m.text()); });
    page.on('pageerror', (e) => problems.push(String(e)));
    await page.goto(`${server.base}/api/docs`);
    // RapiDoc renders into its shadow root; Playwright's text locators pierce it.
    await page.getByText('take a step of the case\'s workflow').first().waitFor({ timeout: 15000 });
    await page.screenshot({ path: `${artifacts}/api-docs.png` });
    assert.deepEqual(problems, [], 'no console errors (CSP violations show up here)');
  } finally {
    await browser.close();
  }
});
