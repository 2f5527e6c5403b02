// The web UI's message catalog: Bahasa Indonesia and English have the same keys and the same
// {placeholders}, and every key the pages name exists. Runs in Node (no browser needed).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { catalogOf } from '../../web/static/js/i18n.js';

const id = catalogOf('id');
const en = catalogOf('en');
const placeholders = (text) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

test('Indonesian and English have the same keys and placeholders', () => {
  assert.deepEqual(Object.keys(en).sort(), Object.keys(id).sort());
  for (const key of Object.keys(id)) {
    assert.deepEqual(placeholders(en[key]), placeholders(id[key]), key);
    assert.ok(id[key].trim() && en[key].trim(), `${key} is not empty`);
  }
});

test('every key a page names is in the catalog', () => {
  const web = new URL('../../web/', import.meta.url).pathname;
  const used = new Set();
  for (const file of readdirSync(web).filter((f) => f.endsWith('.html'))) {
    for (const m of readFileSync(join(web, file), 'utf8').matchAll(/data-i18n="([^"]+)"/g)) used.add(m[1]);
  }
  const js = join(web, 'static/js');
  for (const file of readdirSync(js).filter((f) => f.endsWith('.js'))) {
    // Literal keys only: t('status.' + s) names a family, checked through the statuses below.
    for (const m of readFileSync(join(js, file), 'utf8').matchAll(/\bt\('([a-z0-9_]+\.[a-z0-9_.]+)'\s*[,)]/g)) used.add(m[1]);
  }
  const missing = [...used].filter((k) => !(k in id));
  assert.deepEqual(missing, [], 'keys used by the pages but missing from the catalog');
});

test('every state and step of the complaint workflow has its words', () => {
  const wf = JSON.parse(readFileSync(new URL('../../data/catalog/workflows/pengaduan.json', import.meta.url), 'utf8'));
  const missing = [...wf.states.map((s) => `status.${s.name}`), ...wf.actions.map((a) => `action.${a.name}`)]
    .filter((k) => !(k in id));
  assert.deepEqual(missing, []);
});
