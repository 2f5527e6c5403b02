// Real answers of a running server checked against the schemas of the OpenAPI contract
// (web/static/openapi.json served at /api/v1/openapi.json) with Ajv, a maintained JSON Schema
// validator (draft 2020-12, as OpenAPI 3.1 uses). No browser: plain HTTP from Node.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import Ajv2020 from 'ajv/dist/2020.js';
import { mkdirSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { startServer, chromiumOptions } from './server.mjs';

const binary = process.env.SATUPINTU_BIN;
let server;
let ajv;

before(async () => {
  assert.ok(binary, 'SATUPINTU_BIN must name the satupintu binary');
  server = await startServer(binary);
  const doc = await (await fetch(`${server.base}/api/v1/openapi.json`)).json();
  ajv = new Ajv2020({ strict: false, validateFormats: false, allErrors: true });
  ajv.addSchema({ $id: 'openapi.json', components: doc.components });
});

after(async () => { await server?.stop(); });

function check(schema, body, what) {
  const validate = ajv.getSchema(`openapi.json#/components/schemas/${schema}`);
  assert.ok(validate, `schema ${schema}`);
  assert.ok(validate(body), `${what} as ${schema}: ${ajv.errorsText(validate.errors)}`);
}

async function get(path, headers = {}) {
  const res = await fetch(server.base + path, { headers: { Accept: 'application/json', ...headers } });
  return { status: res.status, body: await res.json(), type: res.headers.get('content-type') };
}

async function login(who) {
  const res = await fetch(`${server.base}/api/v1/auth/login`, {
    method: 'POST', headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ region: '36.04', login: `${who}@serang.satupintu.test`, password: 'SatuPintu-Demo-2026' }),
  });
  assert.equal(res.status, 200);
  return { Cookie: res.headers.get('set-cookie').split(';')[0] };
}

test('public answers match their schemas', async () => {
  check('Status', (await get('/healthz')).body, '/healthz');
  check('Regions', (await get('/api/v1/regions')).body, '/api/v1/regions');
  check('Categories', (await get('/api/v1/regions/36.04/complaint-categories')).body, 'categories');
  check('Workflow', (await get('/api/v1/workflows/pengaduan')).body, 'the complaint workflow');
  check('Summary', (await get('/api/v1/regions/36.04/dashboard/summary')).body, 'the dashboard summary');
  const list = (await get('/api/v1/regions/36.04/complaints')).body;
  const number = list.complaints[0].number;
  check('Case', (await get(`/api/v1/regions/36.04/complaints/${number}`)).body, 'a tracking view');
  const missing = await get('/api/v1/regions/36.04/complaints/ADU-1900-000000');
  assert.equal(missing.status, 404);
  assert.equal(missing.type, 'application/problem+json; charset=utf-8');
  check('Problem', missing.body, 'a 404');
});

test('staff answers match their schemas', async () => {
  const verifier = await login('verifikator');
  check('Me', (await get('/api/v1/me', verifier)).body, '/api/v1/me');
  const queue = (await get('/api/v1/cases', verifier)).body;
  check('CaseList', queue, 'the queue');
  check('CaseStaffView', (await get(`/api/v1/cases/${queue.cases[0].number}`, verifier)).body, 'a case');
  const forbidden = await get('/api/v1/users/nobody', await login('warga'));
  assert.equal(forbidden.status, 403);
  check('Problem', forbidden.body, 'a 403');
});

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
