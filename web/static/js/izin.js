// Applications: a citizen's own list (/izin/saya), the officers' queue (/petugas/izin), and one
// application (/izin/{number}) with its bills (kode bayar), issued documents, the step decision
// for the officer whose turn it is, and the timeline.
import { api, applyI18n, el, formatDate, formatDateTime, problemText, rupiah, session, t } from './i18n.js';
import { pdfViewer } from './pdfview.js';

applyI18n();

const parts = location.pathname.split('/').map(decodeURIComponent);
const me = await session();

// The service's form (labels of fields, options and documents) and the region's kecamatan, to show
// an application's answers as words rather than codes.
let form = { fields: new Map(), documents: new Map() };
let kecamatan = new Map();

if (!me) {
  document.getElementById('need-login').hidden = false;
  document.getElementById('login-link').href = `/login?next=${encodeURIComponent(location.pathname)}`;
} else if (parts[1] === 'petugas' || parts[2] === 'saya') {
  await showList(parts[1] === 'petugas');
} else {
  await showApplication(parts[2]);
}

async function showList(staff) {
  document.getElementById('title').textContent = t(staff ? 'permit.queue' : 'permit.mine');
  document.getElementById('list').hidden = false;
  const res = await api(staff ? '/api/v1/applications' : '/api/v1/me/applications');
  const items = document.getElementById('items');
  const list = res.ok ? res.body.applications : [];
  if (!list.length) items.append(el('li', t('permit.none')));
  for (const a of list) {
    const li = el('li');
    li.append(el('a', `${a.number} — ${a.service_name}`, { href: `/izin/${encodeURIComponent(a.number)}` }),
              el('p', `${t('pstatus.' + a.status)}${a.stage_label ? ' · ' + a.stage_label : ''}${a.stage_due ? ' · ' + t('permit.due', { d: formatDate(a.stage_due) }) : ''}`,
                 { class: 'small muted' }));
    items.append(li);
  }
}

async function showApplication(number) {
  const res = await api(`/api/v1/applications/${encodeURIComponent(number)}`);
  if (!res.ok) {
    document.getElementById('title').textContent = t('permit.not_found');
    return;
  }
  const [service, places] = await Promise.all([
    api(`/api/v1/regions/${encodeURIComponent(me.region)}/services/${encodeURIComponent(res.body.service_code)}`),
    api(`/api/v1/wilayah/${encodeURIComponent(me.region)}`),
  ]);
  if (service.ok) {
    form = { fields: new Map(service.body.form.map((f) => [f.code, f])),
             documents: new Map(service.body.documents.map((d) => [d.code, d.label])) };
  }
  if (places.ok) kecamatan = new Map(places.body.children.map((k) => [k.code, k.name]));
  render(res.body);
}

// An answer as a person reads it: an option's words, a place's names, a list's entries.
function answerText(field, v) {
  if (Array.isArray(v)) {
    const sub = new Map((field?.fields ?? []).map((f) => [f.code, f]));
    return v.map((item) => Object.entries(item).map(([k, x]) => answerText(sub.get(k), x)).join(', ')).join('; ');
  }
  if (v && typeof v === 'object') return [kecamatan.get(v.kecamatan) ?? v.kecamatan, v.desa].filter(Boolean).join(' / ');
  if (field?.type === 'select') return t('opt.' + v) === 'opt.' + v ? String(v) : t('opt.' + v);
  if (field?.type === 'date') return formatDate(String(v));
  return String(v);
}

// A place's desa is named once its kecamatan's villages have come.
async function nameDesa(dd, value) {
  if (!value?.desa || !value.kecamatan) return;
  const r = await api(`/api/v1/wilayah/${encodeURIComponent(value.kecamatan)}`);
  const desa = r.ok ? r.body.children.find((d) => d.code === value.desa) : null;
  if (desa) dd.textContent = `${kecamatan.get(value.kecamatan) ?? value.kecamatan} / ${desa.name}`;
}

function render(a) {
  document.getElementById('title').textContent = `${a.number}`;
  document.getElementById('app').hidden = false;
  const status = document.getElementById('status');
  status.textContent = t('pstatus.' + a.status);
  status.dataset.field = 'status';
  const facts = document.getElementById('facts');
  facts.replaceChildren();
  const fact = (k, v) => { if (v) facts.append(el('dt', t(k)), el('dd', v)); };
  fact('permit.service', a.service_name);
  fact('track.opd', a.opd_name);
  fact('permit.stage', a.stage_label);
  fact('track.deadline', a.stage_due && !a.paused ? formatDate(a.stage_due) : '');
  fact('permit.filed', a.status === 'draft' ? '' : formatDate(a.filed_at));
  if (a.can_edit) {
    const link = el('a', t(a.status === 'returned' ? 'permit.correct' : 'permit.continue'),
                    { class: 'button', href: `/layanan/${encodeURIComponent(a.service_code)}?edit=${encodeURIComponent(a.number)}` });
    facts.after(link);
  }
  const bills = document.getElementById('bill-list');
  bills.replaceChildren();
  document.getElementById('bills').hidden = !a.bills.length;
  for (const b of a.bills) {
    const li = el('li');
    const kode = el('p', `${t('permit.kode_bayar')}: ${b.kode_bayar}`, { class: 'big mono' });
    kode.dataset.field = 'kode-bayar';
    li.append(kode, el('p', `${rupiah(b.amount)} — ${t('bill.' + b.status)}${b.ntpd ? ` · NTPD ${b.ntpd}` : ''}`),
              el('p', b.rule, { class: 'small muted' }));
    if (b.status === 'unpaid') li.append(el('p', t('permit.pay_how', { d: formatDate(b.expires_at) }), { class: 'notice' }));
    bills.append(li);
  }
  const docs = document.getElementById('doc-list');
  docs.replaceChildren();
  document.getElementById('docs').hidden = !a.issued_documents.length;
  for (const d of a.issued_documents) {
    const li = el('li');
    const dl = el('a', `${t('permit.download')} ${d.title} (${d.number})`, { href: d.download, download: '' });
    dl.dataset.field = 'download';
    li.append(dl, el('br'), el('a', t('permit.check'), { href: d.verify, class: 'small' }));
    docs.append(li);
  }
  const decide = document.getElementById('decide');
  decide.hidden = !a.can_decide;
  const buttons = document.getElementById('decisions');
  buttons.replaceChildren();
  for (const d of a.decisions) {
    const b = el('button', t('decision.' + d), { type: 'button', class: d === 'approve' ? '' : 'secondary' });
    b.dataset.decision = d;
    b.onclick = async () => {
      const err = document.getElementById('decide-error');
      const res = await api(`/api/v1/applications/${encodeURIComponent(a.number)}/decision`,
                            { method: 'POST', body: { action: d, note: document.getElementById('note').value }, csrf: me.csrf });
      if (!res.ok) {
        err.textContent = problemText(res);
        err.hidden = false;
        return;
      }
      document.getElementById('note').value = '';
      render(res.body);
    };
    buttons.append(b);
  }
  const answers = document.getElementById('answers');
  answers.replaceChildren();
  for (const [k, v] of Object.entries(a.answers)) {
    const field = form.fields.get(k);
    const dd = el('dd', answerText(field, v));
    dd.dataset.field = k;
    answers.append(el('dt', field?.label ?? k), dd);
    if (field?.type === 'location') nameDesa(dd, v);
  }
  // The documents the applicant uploaded, for those who decide: photos and scans shown on the
  // page (full size on tap), a PDF drawn on the page with its pages to turn (and the link to
  // open or save it).
  const uploads = document.getElementById('upload-list');
  uploads.replaceChildren();
  const uploaded = Object.entries(a.documents ?? {});
  document.getElementById('uploads').hidden = uploaded.length === 0;
  for (const [code, id] of uploaded) {
    const href = `/api/v1/regions/${encodeURIComponent(me.region)}/attachments/${encodeURIComponent(id)}`;
    const li = el('li', null, { class: 'upload' });
    li.dataset.document = code;
    li.append(el('strong', form.documents.get(code) ?? code), el('br'));
    const link = el('a', t('permit.open_document'), { href, target: '_blank', rel: 'noopener' });
    const img = el('img', null, { src: href, alt: form.documents.get(code) ?? code, loading: 'lazy', class: 'doc-preview' });
    const full = el('a', null, { href, target: '_blank', rel: 'noopener' });
    // A PDF is not an image: then it is drawn by the PDF viewer (or only the link stays).
    img.onerror = async () => {
      const viewer = await pdfViewer(href, form.documents.get(code) ?? code);
      if (!viewer) return void full.remove();
      full.replaceWith(viewer);
      viewer.draw();
    };
    full.append(img);
    li.append(full, link);
    uploads.append(li);
  }
  const tl = document.getElementById('timeline');
  tl.replaceChildren();
  for (const e of a.timeline) {
    const li = el('li');
    li.append(el('strong', `${formatDateTime(e.at)} — ${t('paction.' + e.action)}`));
    if (e.note) li.append(el('p', e.note, { class: 'quote' }));
    tl.append(li);
  }
}
