// The officer console: the OPD's queue with SLA countdowns and overdue highlighting, filters and
// search, bulk assignment, and the case page with its timeline and the steps the officer may take.
import { api, applyI18n, el, formatDate, formatDateTime, problemText, session, t, upload, wireLogout } from './i18n.js';
import { regionMap, svgElement } from './map.js';
import { pdfViewer } from './pdfview.js';

applyI18n();

const STAFF = ['admin', 'verifier', 'opd_head', 'officer', 'auditor', 'executive'];
// Steps offered elsewhere on the page (assignment has its own control in the queue).
const NOT_BUTTONS = new Set(['assign']);

const me = await session();
// The complaint workflow as the server defines it: its states for the filter and the reasons a
// rejection may give. Which steps a case offers comes with the case itself (c.actions).
let workflow = { states: [], actions: [] };
let next = null;
let opds = [];
let categories = [];
const kecamatanNames = new Map();
let opdFilter = '';  // an OPD chosen by drill-down (region-wide roles)
let shown = [];  // the cases the queue lists now (for its map)
let showing = 0;  // the newest case asked for (showCase)
let queueMap = null;  // the region's map for the queue, once asked for (a promise)

if (!me || !STAFF.includes(me.user.role)) {
  document.getElementById('no-access').hidden = false;
} else {
  wireLogout(me.csrf);
  await setup();
}

async function setup() {
  document.getElementById('filters').hidden = false;
  const wf = await api('/api/v1/workflows/pengaduan');
  if (wf.ok) workflow = wf.body;
  const status = document.getElementById('f-status');
  for (const s of workflow.states) status.append(el('option', t('status.' + s.name), { value: s.name }));
  const [cats, wilayah, opdList] = await Promise.all([api(`/api/v1/regions/${me.region}/complaint-categories`),
    api(`/api/v1/wilayah/${me.region}`), api('/api/v1/opds')]);
  const cat = document.getElementById('f-category');
  cat.append(el('option', '—', { value: '' }));
  categories = cats.ok ? cats.body.categories : [];
  for (const c of categories) cat.append(el('option', c.name, { value: c.code }));
  const kec = document.getElementById('f-kecamatan');
  kec.append(el('option', '—', { value: '' }));
  for (const k of wilayah.ok ? wilayah.body.children : []) {
    kec.append(el('option', k.name, { value: k.code }));
    kecamatanNames.set(k.code, k.name);
  }
  opds = opdList.ok ? opdList.body.opds : [];
  applyDrillDown();
  document.getElementById('filters').onsubmit = (e) => { e.preventDefault(); load(false); };
  document.getElementById('show-map').onclick = toggleQueueMap;
  document.getElementById('more').onclick = () => load(true);
  if (me.user.role === 'opd_head' || me.user.role === 'admin') await setupBulk();
  await load(false);
}

async function setupBulk() {
  const opd = me.user.opd_id;
  if (!opd) return;
  const res = await api(`/api/v1/opds/${opd}/staff`);
  const select = document.getElementById('assignee');
  for (const s of res.ok ? res.body.staff : []) select.append(el('option', s.name, { value: s.id }));
  document.getElementById('bulk').hidden = false;
  document.getElementById('assign').onclick = async () => {
    const numbers = [...document.querySelectorAll('.queue input[type=checkbox]:checked')].map((c) => c.value);
    const out = document.getElementById('bulk-status');
    const r = await api('/api/v1/cases/bulk-assign', { method: 'POST', csrf: me.csrf,
                                                      body: { numbers, assignee_id: select.value } });
    out.textContent = r.ok ? t('console.assigned', { n: r.body.assigned }) : problemText(r);
    if (r.ok) await load(false);
  };
}

// Drill-down from the command center: /petugas?opd=ID&overdue=1, ?kecamatan=CODE, ?status=S,
// ?service_code=C, ?q=... prefill the filters. The server still decides what this account may see
// (an OPD's own staff always get their own OPD's queue).
function applyDrillDown() {
  const p = new URLSearchParams(location.search);
  const set = (id, value) => {
    const field = document.getElementById(id);
    if (value !== null && [...(field.options ?? [])].some((o) => o.value === value)) field.value = value;
  };
  set('f-status', p.get('status'));
  set('f-category', p.get('service_code'));
  set('f-kecamatan', p.get('kecamatan'));
  if (p.get('q')) document.getElementById('f-q').value = p.get('q');
  document.getElementById('f-overdue').checked = p.get('overdue') === '1';
  const opd = opds.find((o) => o.id === p.get('opd'));
  if (opd && !['officer', 'opd_head'].includes(me.user.role)) {
    opdFilter = opd.id;
    const note = document.getElementById('opd-filter');
    note.textContent = t('console.opd_filter', { name: opd.name });
    note.hidden = false;
  }
}

function query(more) {
  const p = new URLSearchParams();
  if (opdFilter) p.set('opd', opdFilter);
  const v = (id) => document.getElementById(id).value;
  if (v('f-status')) p.set('status', v('f-status'));
  if (v('f-category')) p.set('service_code', v('f-category'));
  if (v('f-kecamatan')) p.set('kecamatan', v('f-kecamatan'));
  if (v('f-q').trim()) p.set('q', v('f-q').trim());
  if (document.getElementById('f-overdue').checked) p.set('overdue', '1');
  if (more && next) p.set('after', next);
  return p.toString();
}

function countdown(c) {
  if (c.paused) return t('track.paused');
  if (c.overdue) return t('track.overdue');
  if (c.working_days_left === null || c.working_days_left === undefined) return '';
  return t('track.days_left', { n: c.working_days_left });
}

// The queue on the region's map: each case with a point, overdue ones marked; a point opens it.
async function drawQueueMap() {
  const box = document.getElementById('queue-map');
  if (box.hidden) return;
  // The region's outlines are drawn once; each listing only replaces the points.
  queueMap ??= regionMap(me.region, { width: 640, height: 480, label: t('console.queue_map'), interactive: true });
  const map = await queueMap;
  if (!map) {
    box.replaceChildren(el('p', t('console.no_map'), { class: 'muted' }));
    return;
  }
  const points = svgElement('g', { class: 'points' });
  for (const c of shown) {
    if (typeof c.lat !== 'number' || typeof c.long !== 'number') continue;
    const [x, y] = map.point(c.long, c.lat);
    const link = svgElement('a', { href: '#', 'data-number': c.number });
    const dot = svgElement('circle', { cx: x.toFixed(1), cy: y.toFixed(1), r: '6', class: c.overdue ? 'pt late' : 'pt open' });
    const title = svgElement('title');
    title.textContent = `${c.number} · ${c.service_name ?? ''} · ${t('status.' + c.status)}`;
    dot.append(title);
    link.append(dot);
    link.addEventListener('click', (e) => { e.preventDefault(); showCase(c.number); });
    points.append(link);
  }
  map.svg.querySelector('g.points')?.remove();
  map.svg.append(points);
  const placed = shown.filter((c) => typeof c.lat === 'number').length;
  box.replaceChildren(map.svg, el('p', t('console.on_map', { n: placed, of: shown.length }), { class: 'small muted' }));
}

function toggleQueueMap(e) {
  const box = document.getElementById('queue-map');
  box.hidden = !box.hidden;
  e.target.setAttribute('aria-pressed', String(!box.hidden));
  e.target.textContent = t(box.hidden ? 'console.show_map' : 'console.hide_map');
  drawQueueMap();
}

async function load(more) {
  const res = await api('/api/v1/cases?' + query(more));
  const ul = document.getElementById('queue');
  if (!more) ul.replaceChildren();
  if (!res.ok) return;
  shown = more ? [...shown, ...res.body.cases] : res.body.cases;
  drawQueueMap();
  next = res.body.next;
  document.getElementById('more').hidden = !next;
  if (!more && res.body.cases.length === 0) ul.append(el('li', t('console.empty')));
  for (const c of res.body.cases) {
    const li = el('li', null, { class: c.overdue ? 'overdue' : '' });
    li.dataset.number = c.number;
    const box = el('input', null, { type: 'checkbox', value: c.number, 'aria-label': t('console.select') });
    const open = el('button', c.number, { type: 'button', class: 'link' });
    open.onclick = () => showCase(c.number);
    li.append(box, ' ', open, el('span', ` · ${c.service_name ?? ''} · ${t('status.' + c.status)}`),
              el('span', ` · ${countdown(c)}`, { class: c.overdue ? 'late' : 'muted' }),
              el('p', c.description.length > 140 ? c.description.slice(0, 140) + '…' : c.description));
    ul.append(li);
  }
}

// Where the case is: kecamatan and desa by name, the address, and the point on the region's map.
async function placeOf(c) {
  const box = el('div', null, { class: 'place' });
  const parts = [];
  if (c.kecamatan_code) parts.push(t('console.in_kecamatan', { k: kecamatanNames.get(c.kecamatan_code) ?? c.kecamatan_code }));
  if (c.desa_code && c.kecamatan_code) {
    const desa = await api(`/api/v1/wilayah/${c.kecamatan_code}`);
    const name = desa.ok ? desa.body.children.find((d) => d.code === c.desa_code)?.name : null;
    parts.push(t('console.in_desa', { d: name ?? c.desa_code }));
  }
  if (c.address) parts.push(c.address);
  box.append(el('p', parts.join(' · ') || t('console.no_place')));
  if (typeof c.lat === 'number' && typeof c.long === 'number') {
    const map = await regionMap(me.region, { width: 320, height: 240, label: t('console.map_label') });
    if (map) {
      map.areas.get(c.kecamatan_code)?.path.classList.add('here');
      const [x, y] = map.point(c.long, c.lat);
      map.svg.append(svgElement('circle', { cx: x.toFixed(1), cy: y.toFixed(1), r: '6', class: 'pt open' }));
      map.svg.setAttribute('aria-label', t('console.map_label'));
      const figure = el('div', null, { class: 'map case-map' });
      figure.append(map.svg);
      box.append(figure);
    }
    box.append(el('p', `${c.lat.toFixed(6)}, ${c.long.toFixed(6)}`, { class: 'muted small mono' }));
  }
  return box;
}

// The category's questions with the reporter's answers, labelled as the form asked them.
function answersOf(c) {
  const category = categories.find((x) => x.code === c.service_code) ?? categories.find((x) => x.name === c.service_name);
  const entries = Object.entries(c.attributes ?? {});
  if (entries.length === 0) return null;
  const dl = el('dl', null, { class: 'stack' });
  for (const [code, value] of entries) {
    const question = category?.attributes?.find((a) => a.code === code);
    const label = (v) => question?.values?.find((x) => x.key === v)?.name ?? v;
    const shown = Array.isArray(value) ? value.map(label).join(', ') : label(String(value));
    dl.append(el('dt', question?.description ?? code), el('dd', shown));
  }
  return dl;
}

// Photos and files of the case (the report's and each step's): a tap opens the full size; a
// PDF is drawn on the page by the PDF viewer, under the photos.
function photosOf(c) {
  const ids = c.timeline.flatMap((e) => e.attachments ?? []);
  if (ids.length === 0) return null;
  const row = el('div', null, { class: 'photos' });
  for (const id of ids) {
    const href = `/api/v1/regions/${me.region}/attachments/${id}`;
    const link = el('a', null, { href, target: '_blank', rel: 'noopener' });
    const img = el('img', null, { src: href, alt: t('console.photo'), loading: 'lazy' });
    img.onerror = async () => {
      const viewer = await pdfViewer(href, t('console.document'));
      link.remove();
      if (!viewer) return;
      row.after(viewer);
      viewer.draw();
    };
    link.append(img);
    row.append(link);
  }
  return row;
}

// The case is drawn aside and shown whole; a case opened meanwhile (a second tap) wins.
async function showCase(number) {
  const token = ++showing;
  const section = document.getElementById('detail');
  const res = await api(`/api/v1/cases/${number}`);
  if (!res.ok || token !== showing) return;
  const c = res.body;
  const view = document.createDocumentFragment();
  view.append(el('h2', c.number));
  const dl = el('dl');
  const add = (k, v) => dl.append(el('dt', t(k)), el('dd', v));
  add('track.status', t('status.' + c.status));
  add('track.category', c.service_name ?? '');
  add('track.opd', c.opd_name ?? '');
  add('track.filed', formatDateTime(c.filed_at));
  if (c.stage_due) add('track.deadline', `${formatDate(c.stage_due)} — ${countdown(c)}`);
  if (c.anonymous) add('report.anonymous', t('console.reporter_hidden'));
  if (c.rahasia) add('report.rahasia', t('console.rahasia'));
  if (c.also_affected > 0) add('console.affected', t('track.also_affected', { n: c.also_affected }));
  if (c.reporter_contact) {
    // The reporter, to ask what the report does not say: a call or a message from the phone.
    const who = el('dd', null, { 'data-field': 'reporter' });
    who.append(c.reporter_contact.name);
    if (c.reporter_contact.phone) who.append(' · ', el('a', c.reporter_contact.phone, { href: `tel:${c.reporter_contact.phone}` }));
    if (c.reporter_contact.email) who.append(' · ', el('a', c.reporter_contact.email, { href: `mailto:${c.reporter_contact.email}` }));
    dl.append(el('dt', t('console.reporter')), who);
  }
  view.append(dl, el('p', c.description, { class: 'quote' }));
  const answers = answersOf(c);
  if (answers) view.append(el('h3', t('console.answers')), answers);
  const place = await placeOf(c);
  if (token !== showing) return;
  view.append(el('h3', t('report.where')), place);
  const photos = photosOf(c);
  if (photos) view.append(el('h3', t('console.photos')), photos);
  view.append(el('h3', t('track.timeline')));
  for (const a of c.timeline) {
    const p = el('p', null, { class: 'small' });
    p.append(el('strong', t('action.' + a.action)), ` · ${formatDateTime(a.at)}`);
    if (a.note) p.append(` · ${a.note}`);
    if (a.note && a.public === false) p.append(' ', el('span', t('console.internal'), { class: 'tag' }));
    view.append(p);
  }
  const steps = (c.actions ?? []).filter((a) => !NOT_BUTTONS.has(a));
  if (steps.length) view.append(actionForm(c, steps));
  section.hidden = false;
  section.replaceChildren(view);
}

// The steps the officer may take now: choosing one opens its panel with only that step's
// fields (from the workflow's definition), says who will read the note, and asks once more
// before a rejection.
function actionForm(c, steps) {
  const form = el('form', null, { id: 'act-form' });
  form.append(el('h3', t('console.actions')));
  const buttons = el('div', null, { class: 'actions' });
  const panel = el('div', null, { id: 'act-panel', class: 'panel', hidden: '' });
  const out = el('p', null, { role: 'status', id: 'act-status' });
  for (const step of steps) {
    const b = el('button', t('action.' + step), { type: 'button', 'data-step': step, class: 'secondary' });
    b.onclick = () => {
      for (const other of buttons.children) other.setAttribute('aria-pressed', String(other === b));
      out.textContent = '';
      openPanel(panel, c, step, out);
    };
    buttons.append(b);
  }
  form.append(buttons, panel, out);
  form.onsubmit = (e) => e.preventDefault();
  return form;
}

function openPanel(panel, c, step, out) {
  const def = workflow.actions.find((a) => a.name === step) ?? {};
  panel.replaceChildren(el('h4', t('action.' + step)));
  panel.hidden = false;
  const field = (label, input, hint) => {
    panel.append(el('label', label, { for: input.id }), input);
    if (hint) panel.append(el('p', hint, { class: 'muted small' }));
    return input;
  };
  const required = def.note === 'required';
  const note = field(t(required ? 'console.note_required' : 'console.note'),
                     el('textarea', null, { id: 'act-note', rows: '3', maxlength: '4000' }),
                     t(def.public_note === false ? 'console.note_internal' : 'console.note_public'));
  let reason;
  if (def.reasons) {
    reason = field(t('console.reason'), el('select', null, { id: 'act-reason' }));
    for (const r of def.reasons) reason.append(el('option', t('reason.' + r), { value: r }));
  }
  let target;
  if (step === 'forward' || (def.inputs ?? []).includes('opd_id')) {
    target = field(t('console.target_opd'), el('select', null, { id: 'act-opd' }));
    for (const o of opds) target.append(el('option', o.name, { value: o.id }));
    target.value = c.opd_id;
  }
  let merge;
  if ((def.inputs ?? []).includes('target_number'))
    merge = field(t('console.target_number'), el('input', null, { id: 'act-target', maxlength: '40' }));
  let proof;
  if (def.proof || def.attachments)
    proof = field(t('console.proof'), el('input', null, { id: 'act-proof', type: 'file',
                                                           accept: 'image/jpeg,image/png,image/webp', multiple: '' }));
  const submit = el('button', t('console.submit_step', { step: t('action.' + step) }),
                    { type: 'button', id: 'act-submit', class: step === 'reject' ? 'danger' : '' });
  panel.append(submit);
  const send = async () => {
    if (required && !note.value.trim()) {
      out.textContent = t('console.note_needed');
      note.focus();
      return;
    }
    const body = { action: step, note: note.value };
    if (reason) body.reason = reason.value;
    if (target) body.opd_id = target.value;
    if (merge) body.target_number = merge.value.trim();
    submit.disabled = true;
    try {
      if (proof?.files.length) {
        body.attachments = [];
        for (const f of proof.files) body.attachments.push(await upload(f, me.csrf));
      }
      const r = await api(`/api/v1/cases/${c.number}/actions`, { method: 'POST', body, csrf: me.csrf });
      if (!r.ok) {
        out.textContent = problemText(r);
        return;
      }
      await showCase(c.number);
      await load(false);
      document.getElementById('act-status')?.replaceChildren(t('console.done'));
    } catch (e) {
      out.textContent = String(e.message ?? e);
    } finally {
      submit.disabled = false;
    }
  };
  submit.onclick = () => {
    if (step !== 'reject') return send();
    // A rejection ends the case for the reporter: asked once more, beside the button.
    submit.hidden = true;
    const ask = el('div', null, { class: 'confirm', role: 'alertdialog', 'aria-label': t('console.reject_confirm') });
    const yes = el('button', t('console.reject_yes'), { type: 'button', id: 'act-confirm', class: 'danger' });
    const no = el('button', t('console.reject_no'), { type: 'button', class: 'secondary' });
    yes.onclick = () => { ask.remove(); submit.hidden = false; send(); };
    no.onclick = () => { ask.remove(); submit.hidden = false; };
    ask.append(el('p', t('console.reject_confirm')), yes, ' ', no);
    panel.append(ask);
    yes.focus();
  };
}
