// Checks every answer the integration suites received (recorded by the test HTTP client into the
// NDJSON file named by SATUPINTU_CONTRACT_LOG) against the OpenAPI document, with Ajv:
//   node tests/contract/validate.mjs web/openapi.json build/contract/answers-sqlite.ndjson
// An answer fails when its route (under /api/) or status is not documented, when its media type is not the
// documented one, or when its JSON body does not match the documented schema; a request the server
// accepted (2xx) fails when its JSON body does not match the documented request schema. Routes outside the
// document (Open311, which follows the GeoReport v2 specification; the HTML pages) are counted and
// skipped. Prints what was checked and which documented operations no suite reached.
import { readFileSync } from 'node:fs';
import Ajv2020 from 'ajv/dist/2020.js';

const [docPath, ...logs] = process.argv.slice(2);
if (!docPath || logs.length === 0) {
  console.error('usage: validate.mjs OPENAPI.json ANSWERS.ndjson...');
  process.exit(2);
}

const doc = JSON.parse(readFileSync(docPath, 'utf8'));
const ajv = new Ajv2020({ strict: false, validateFormats: false, allErrors: true });
ajv.addSchema({ $id: 'openapi.json', components: doc.components });

// Each documented path as a matcher: a {name} segment matches any one non-empty segment.
const routes = Object.entries(doc.paths).map(([template, ops]) => {
  const parts = template.split('/');
  return {
    template,
    ops,
    literal: parts.filter((p) => !p.startsWith('{')).length,
    match(segments) {
      return segments.length === parts.length &&
        parts.every((p, i) => (p.startsWith('{') ? segments[i] !== '' : p === segments[i]));
    },
  };
});

function findRoute(path) {
  const segments = path.split('/');
  // The most literal template wins (/cases/bulk-assign over /cases/{number}), as in the router.
  return routes.filter((r) => r.match(segments)).sort((a, b) => b.literal - a.literal)[0];
}

const validators = new Map();
function validatorFor(schema) {
  const key = JSON.stringify(schema);
  if (!validators.has(key)) {
    validators.set(key, ajv.compile({ $id: `answer-${validators.size}`, ...resolveRefs(schema) }));
  }
  return validators.get(key);
}
// Schemas inside the document refer to '#/components/...'; from a separate schema they must name it.
function resolveRefs(schema) {
  return JSON.parse(JSON.stringify(schema).replaceAll('"#/components/', '"openapi.json#/components/'));
}

const failures = new Map();  // message -> first target that showed it
const reached = new Set();
let checked = 0;
let requestsChecked = 0;
let outside = 0;
let withoutBody = 0;

function errorsOf(validate) {
  return validate.errors.slice(0, 3).map((e) => `${e.instancePath || '/'} ${e.message}`).join('; ');
}

function fail(message, answer) {
  if (!failures.has(message)) failures.set(message, `${answer.method} ${answer.target} -> ${answer.status}`);
}

for (const log of logs) {
  for (const line of readFileSync(log, 'utf8').split('\n')) {
    if (!line) continue;
    const answer = JSON.parse(line);
    const path = answer.target.split('?')[0];
    const route = findRoute(path);
    const op = route?.ops[answer.method.toLowerCase()];
    if (!route) {
      // A served API route must be documented; Open311 and the pages are outside by design.
      if (path.startsWith('/api/') && path !== '/api/docs' && answer.status !== 404) fail(`${answer.method} ${path}: route not documented`, answer);
      else outside += 1;
      continue;
    }
    const where = `${answer.method} ${route.template}`;
    if (!op) {
      // 405 answers for an undocumented method are the router's, documented nowhere by design.
      if (answer.status !== 405) fail(`${where}: method not documented`, answer);
      continue;
    }
    reached.add(where);
    // A request the server accepted must be one the contract says it accepts.
    const requestSchema = op.requestBody?.content?.['application/json']?.schema;
    if (answer.status < 300 && answer.request && requestSchema) {
      const validateRequest = validatorFor(requestSchema);
      requestsChecked += 1;
      if (!validateRequest(JSON.parse(answer.request))) {
        fail(`${where}: an accepted request body does not match: ${errorsOf(validateRequest)}`, answer);
      }
    }
    const response = op.responses[String(answer.status)] ?? (answer.status >= 400 ? op.responses.default : undefined);
    if (!response) {
      fail(`${where}: status ${answer.status} not documented`, answer);
      continue;
    }
    const type = answer.type.split(';')[0].trim();
    if (!response.content || answer.status === 304 || answer.method === 'HEAD') {
      withoutBody += 1;
      continue;
    }
    const media = response.content[type];
    if (!media) {
      fail(`${where} ${answer.status}: media type '${type}' not documented (${Object.keys(response.content)})`, answer);
      continue;
    }
    if (!type.endsWith('json')) {
      withoutBody += 1;
      continue;
    }
    let body;
    try {
      body = JSON.parse(answer.body);
    } catch {
      fail(`${where} ${answer.status}: body is not JSON`, answer);
      continue;
    }
    const validate = validatorFor(media.schema ?? {});
    checked += 1;
    if (!validate(body)) fail(`${where} ${answer.status}: ${errorsOf(validate)}`, answer);
  }
}

const documented = Object.entries(doc.paths).flatMap(([t, ops]) =>
  Object.keys(ops).filter((m) => m !== 'parameters').map((m) => `${m.toUpperCase()} ${t}`));
const unreached = documented.filter((o) => !reached.has(o));
console.log(`${checked} JSON answers and ${requestsChecked} accepted JSON requests checked against their schemas, ` +
  `${withoutBody} answers without a JSON body, ` +
  `${outside} outside the document (Open311, pages); ${reached.size} of ${documented.length} documented ` +
  'operations reached.');
if (unreached.length) console.log(`not reached by any suite: ${unreached.join(', ')}`);
for (const [message, example] of failures) console.error(`FAIL ${message}\n     e.g. ${example}`);
process.exit(failures.size === 0 ? 0 : 1);
