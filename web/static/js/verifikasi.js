// The page a document's QR code opens: whether the document is authentic and still valid, and a
// check of a PDF file itself (signature and every byte) against the region's published key.
import { applyI18n, api, el, formatDate, lang, t } from './i18n.js';

applyI18n();

const [, , region, id] = location.pathname.split('/').map(decodeURIComponent);
const record = document.getElementById('record');

function details(doc) {
  const dl = el('dl');
  const add = (label, value) => { if (value) dl.append(el('dt', t(label)), el('dd', value)); };
  add('verify.number', doc.number);
  add('verify.doc_title', doc.title);
  add('verify.holder', doc.holder_name);
  add('verify.office', doc.office);
  add('verify.signer', doc.signer_name ? `${doc.signer_name}, ${doc.signer_title}` : doc.signer_title);
  add('verify.issued', formatDate(doc.issued_on));
  add('verify.valid_until', doc.valid_until ? formatDate(doc.valid_until) : '');
  add('verify.key', doc.key_id);
  return dl;
}

function verdict(doc) {
  const ok = doc.authentic && doc.status === 'valid';
  // A document still being rendered has no signature yet: say so, not "not authentic".
  const key = doc.status === 'pending' ? 'pending' : doc.authentic ? doc.status : 'not_authentic';
  const p = el('p', t('verify.status.' + key), { class: ok ? 'big ok' : key === 'pending' ? 'big' : 'big error' });
  p.dataset.field = 'status';
  const parts = [p];
  if (doc.status === 'revoked') parts.push(el('p', `${t('verify.reason')}: ${doc.revoke_reason}`, { class: 'error' }));
  return parts;
}

if (region && id) {
  record.hidden = false;
  record.replaceChildren(el('p', t('common.loading')));
  const res = await api(`/api/v1/regions/${encodeURIComponent(region)}/documents/${encodeURIComponent(id)}`);
  if (!res.ok) record.replaceChildren(el('p', t('verify.not_found'), { class: 'big error' }));
  else record.replaceChildren(...verdict(res.body), details(res.body));
}

document.getElementById('check').addEventListener('submit', async (event) => {
  event.preventDefault();
  const out = document.getElementById('result');
  const file = document.getElementById('file').files[0];
  if (!file) return;
  out.replaceChildren(el('p', t('common.loading')));
  const res = await fetch('/api/v1/documents/verify', {
    method: 'POST', body: file, headers: { 'Content-Type': 'application/pdf', 'Accept-Language': lang() },
  });
  const body = await res.json().catch(() => null);
  if (!res.ok || !body) {
    out.replaceChildren(el('p', body?.title ?? `HTTP ${res.status}`, { class: 'error' }));
    return;
  }
  const head = el('p', t('verify.file.' + body.result), { class: body.result === 'authentic' ? 'big ok' : 'big error' });
  head.dataset.field = 'file-result';
  const parts = [head];
  if (body.document) parts.push(...verdict(body.document), details(body.document));
  out.replaceChildren(...parts);
});
