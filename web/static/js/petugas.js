// The officer console: the OPD's queue with SLA countdowns and overdue highlighting, filters and
// search, bulk assignment, and the case page with its timeline and the steps the officer may take.
import { applyI18n, api, el, formatDate, formatDateTime, session, t, upload } from './i18n.js';

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
let opdFilter = '';  // an OPD chosen by drill-down (region-wide roles)

if (!me || !STAFF.includes(me.user.role)) {
  document.getElementById('no-access').hidden = false;
} else {
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
  for (const c of cats.ok ? cats.body.categories : []) cat.append(el('option', c.name, { value: c.code }));
  const kec = document.getElementById('f-kecamatan');
  kec.append(el('option', '—', { value: '' }));
  for (const k of wilayah.ok ? wilayah.body.children : []) kec.append(el('option', k.name, { value: k.code }));
  opds = opdList.ok ? opdList.body.opds : [];
  applyDrillDown();
  document.getElementById('filters').onsubmit = (e) => { e.preventDefault(); load(false); };
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
    out.textContent = r.ok ? t('console.assigned', { n: r.body.assigned }) : `${r.body?.title ?? r.status} ${r.body?.detail ?? ''}`;
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

async function load(more) {
  const res = await api('/api/v1/cases?' + query(more));
  const ul = document.getElementById('queue');
  if (!more) ul.replaceChildren();
  if (!res.ok) return;
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

async function showCase(number) {
  const section = document.getElementById('detail');
  const res = await api(`/api/v1/cases/${number}`);
  if (!res.ok) return;
  const c = res.body;
  section.hidden = false;
  section.replaceChildren();
  section.append(el('h2', c.number));
  const dl = el('dl');
  const add = (k, v) => dl.append(el('dt', t(k)), el('dd', v));
  add('track.status', t('status.' + c.status));
  add('track.category', c.service_name ?? '');
  add('track.opd', c.opd_name ?? '');
  add('track.filed', formatDate(c.filed_at));
  if (c.stage_due) add('track.deadline', `${formatDate(c.stage_due)} — ${countdown(c)}`);
  if (c.anonymous) add('report.anonymous', t('console.reporter_hidden'));
  section.append(dl, el('p', c.description, { class: 'quote' }));
  for (const a of c.timeline) {
    const p = el('p', null, { class: 'small' });
    p.append(el('strong', t('action.' + a.action)), ` · ${formatDateTime(a.at)} · ${a.note}`);
    section.append(p);
  }
  const steps = (c.actions ?? []).filter((a) => !NOT_BUTTONS.has(a));
  if (steps.length === 0) return;
  const form = el('form', null, { id: 'act-form' });
  form.append(el('h3', t('console.actions')));
  const note = el('textarea', null, { id: 'act-note', rows: '3', maxlength: '4000' });
  form.append(el('label', t('console.note'), { for: 'act-note' }), note);
  const reason = el('select', null, { id: 'act-reason' });
  const reasons = workflow.actions.find((a) => a.name === 'reject')?.reasons ?? [];
  for (const r of reasons) reason.append(el('option', t('reason.' + r), { value: r }));
  const target = el('select', null, { id: 'act-opd' });
  for (const o of opds) target.append(el('option', o.name, { value: o.id }));
  target.value = c.opd_id;
  const merge = el('input', null, { id: 'act-target', maxlength: '40' });
  const proof = el('input', null, { id: 'act-proof', type: 'file', accept: 'image/jpeg,image/png,image/webp', multiple: '' });
  form.append(el('label', t('console.reason'), { for: 'act-reason' }), reason,
              el('label', t('console.target_opd'), { for: 'act-opd' }), target,
              el('label', t('console.target_number'), { for: 'act-target' }), merge,
              el('label', t('console.proof'), { for: 'act-proof' }), proof);
  const out = el('p', null, { role: 'status', id: 'act-status' });
  const buttons = el('div', null, { class: 'actions' });
  for (const step of steps) {
    const b = el('button', t('action.' + step), { type: 'button', 'data-step': step });
    b.onclick = async () => {
      const body = { action: step, note: note.value };
      if (step === 'reject') body.reason = reason.value;
      if (step === 'forward' || step === 'pass_on') body.opd_id = target.value;
      if (step === 'merge') body.target_number = merge.value.trim();
      try {
        if (step === 'follow_up' && proof.files.length) {
          body.attachments = [];
          for (const f of proof.files) body.attachments.push(await upload(f, me.csrf));
        }
      } catch (e) {
        out.textContent = String(e.message ?? e);
        return;
      }
      const r = await api(`/api/v1/cases/${number}/actions`, { method: 'POST', body, csrf: me.csrf });
      out.textContent = r.ok ? t('console.done') : `${r.body?.title ?? r.status} ${r.body?.detail ?? ''}`;
      if (r.ok) {
        await showCase(number);
        await load(false);
        document.getElementById('act-status')?.replaceChildren(t('console.done'));
      }
    };
    buttons.append(b);
  }
  form.append(buttons, out);
  section.append(form);
}
