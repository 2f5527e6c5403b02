// The public service catalog and one service's page: its Standar Pelayanan, tariff, steps and
// measured times; for a logged-in citizen, the application form built from the service's own
// form definition (also used to correct a returned application: ?edit=NUMBER).
import { applyI18n, api, el, pageRegion, rupiah, session, showFieldErrors, showProblem, t, upload } from './i18n.js';

applyI18n();

const code = decodeURIComponent(location.pathname.split('/')[2] ?? '');
const params = new URLSearchParams(location.search);
const me = await session();
const region = pageRegion(params.get('region'), me) ?? pageRegion(null, null, (await api('/api/v1/regions')).body?.regions);

function feeText(fee) {
  if (fee.type === 'free') return t('permit.free');
  if (fee.type === 'fixed') return rupiah(fee.amount);
  if (fee.type === 'tariff') {
    return fee.table.map((r) => `${r.up_to === null ? t('permit.above') : '≤ ' + r.up_to}: ` +
      [r.amount ? rupiah(r.amount) : '', r.per_unit ? `${rupiah(r.per_unit)} × ${fee.field}` : ''].filter(Boolean).join(' + ')).join('; ');
  }
  if (fee.formula === 'reklame') return t('permit.fee_reklame', { nsr: rupiah(fee.nsr_per_m2_day), pct: fee.rate_ppm / 10000 });
  return t('permit.fee_' + fee.formula.replace('-', '_'));
}

if (!code) {
  document.getElementById('list').hidden = false;
  const res = await api(`/api/v1/regions/${region}/services`);
  const list = document.getElementById('services');
  for (const s of res.ok ? res.body.services : []) {
    const li = el('li');
    li.append(el('a', s.name, { href: `/layanan/${encodeURIComponent(s.code)}?region=${region}` }),
              el('p', `${s.opd_name} · ${t('permit.days', { n: s.working_days })} · ${feeText(s.fee)}`, { class: 'small muted' }));
    list.append(li);
  }
} else {
  await showService();
}

async function showService() {
  const res = await api(`/api/v1/regions/${region}/services/${encodeURIComponent(code)}`);
  if (!res.ok) {
    document.getElementById('title').textContent = t('permit.not_found');
    return;
  }
  const s = res.body;
  document.title = `${s.name} — SatuPintu`;
  document.getElementById('title').textContent = s.name;
  document.getElementById('detail').hidden = false;
  document.getElementById('about').textContent = `${s.description} (${s.opd_name})`;
  const facts = document.getElementById('facts');
  const fact = (k, v) => facts.append(el('dt', t(k)), el('dd', v));
  fact('permit.fee', feeText(s.fee) + (s.fee.legal_basis ? ` — ${s.fee.legal_basis}` : ''));
  fact('permit.promised', t('permit.days', { n: s.working_days }));
  const c = s.completion;
  fact('permit.measured', c.count ? t('permit.measured_text', { median: c.median_working_days, p90: c.p90_working_days, n: c.count })
                                  : t('permit.no_data'));
  fact('permit.output', s.output);
  const std = document.getElementById('standard');
  s.standard.forEach((item, i) => {
    const value = Array.isArray(item.value) ? item.value.join('; ') : item.value;
    std.append(el('dt', `${i + 1}. ${t('std.' + item.component)}`), el('dd', value));
  });
  const steps = document.getElementById('steps');
  for (const st of s.steps) {
    steps.append(el('li', st.bill ? `${st.label} (${t('permit.by_bank')})` : `${st.label} — ${t('permit.days', { n: st.sla_days })}`));
  }
  if (!me || me.user.role !== 'citizen') {
    document.getElementById('login-needed').hidden = false;
    document.getElementById('login-link').href = `/login?next=${encodeURIComponent(location.pathname)}`;
    return;
  }
  await buildForm(s);
}

async function buildForm(s) {
  const form = document.getElementById('apply');
  form.hidden = false;
  const edit = params.get('edit');
  const existing = edit ? await api(`/api/v1/applications/${encodeURIComponent(edit)}`) : null;
  const answers = existing?.ok ? existing.body.answers : {};
  const wilayah = await api(`/api/v1/wilayah/${region}`);
  const kecamatan = wilayah.ok ? wilayah.body.children : [];
  const getters = {};
  const box = document.getElementById('fields');

  function input(f, id, value) {
    if (f.type === 'select') {
      const sel = el('select', null, { id, name: f.code });
      sel.append(el('option', t('report.choose'), { value: '' }));
      for (const o of f.options) sel.append(el('option', t('opt.' + o) === 'opt.' + o ? o : t('opt.' + o), { value: o }));
      sel.value = value ?? '';
      return [sel, () => sel.value];
    }
    if (f.type === 'location') {
      const wrap = el('div');
      const kec = el('select', null, { id, name: f.code });
      const desa = el('select', null, { id: id + '-desa', 'aria-label': t('report.desa') });
      kec.append(el('option', t('report.choose'), { value: '' }));
      for (const k of kecamatan) kec.append(el('option', k.name, { value: k.code }));
      const loadDesa = async (selected) => {
        desa.replaceChildren(el('option', t('report.choose'), { value: '' }));
        if (!kec.value) return;
        const r = await api(`/api/v1/wilayah/${kec.value}`);
        for (const d of r.ok ? r.body.children : []) desa.append(el('option', d.name, { value: d.code }));
        if (selected) desa.value = selected;
      };
      kec.onchange = () => loadDesa();
      if (value?.kecamatan) { kec.value = value.kecamatan; loadDesa(value.desa); }
      wrap.append(kec, desa);
      return [wrap, () => (kec.value ? { kecamatan: kec.value, ...(desa.value ? { desa: desa.value } : {}) } : '')];
    }
    if (f.type === 'file') {
      const file = el('input', null, { id, type: 'file', accept: 'image/*,application/pdf' });
      return [file, async () => (file.files[0] ? upload(file.files[0], me.csrf) : undefined)];
    }
    const attrs = { id, name: f.code };
    if (f.type === 'number') Object.assign(attrs, { inputmode: 'numeric', pattern: '[0-9]*' });
    if (f.type === 'nik') Object.assign(attrs, { inputmode: 'numeric', maxlength: '16', autocomplete: 'off' });
    if (f.type === 'date') attrs.type = 'date';
    const i = el('input', null, attrs);
    // A stored NIK comes back masked: leave it empty to keep it.
    if (value !== undefined && !(f.type === 'nik' && String(value).includes('*'))) i.value = value;
    if (f.type === 'nik' && value) i.placeholder = value;
    return [i, () => i.value.trim()];
  }

  for (const f of s.form) {
    const id = `f-${f.code}`;
    if (f.type === 'group') {
      const fs = el('fieldset');
      fs.append(el('legend', f.label));
      const rows = el('div');
      const getRow = [];  // [{ get: {code: getter}, field: {code: the input a problem goes beside} }]
      const add = (item = {}) => {
        const row = el('div', null, { class: 'group-row' });
        const g = { get: {}, field: {} };
        for (const sub of f.fields) {
          const sid = `${id}-${getRow.length}-${sub.code}`;
          const [node, get] = input(sub, sid, item[sub.code]);
          row.append(el('label', sub.label, { for: sid }), node);
          g.get[sub.code] = get;
          g.field[sub.code] = node.matches('input, select, textarea') ? node : node.querySelector('select, input');
        }
        getRow.push(g);
        rows.append(row);
      };
      for (const item of answers[f.code] ?? []) add(item);
      const more = el('button', t('permit.add_row'), { type: 'button', class: 'secondary' });
      more.onclick = () => { if (getRow.length < f.max_items) add(); };
      fs.append(rows, more);
      more.dataset.field = `answers.${f.code}`;
      box.append(fs);
      // The rows filled in, in order; each input learns the path the server names its problems by
      // (answers.anggota.0.nama), counted over the rows sent.
      getters[f.code] = async () => {
        const sent = [];
        for (const g of getRow) {
          const value = Object.fromEntries(Object.entries(g.get).map(([k, get]) => [k, get()]));
          if (!Object.values(value).some((v) => v)) continue;
          for (const [k, node] of Object.entries(g.field)) node.dataset.field = `answers.${f.code}.${sent.length}.${k}`;
          sent.push(value);
        }
        return sent;
      };
      continue;
    }
    const [node, get] = input(f, id, answers[f.code]);
    // The server names a problem by its path (answers.luas_m2): the message goes beside it.
    (node.matches('input, select, textarea') ? node : node.querySelector('select, input')).dataset.field = `answers.${f.code}`;
    box.append(el('label', f.label + (f.required ? ' *' : ''), { for: id }), node);
    getters[f.code] = get;
  }
  const docBox = document.getElementById('docs');
  const docGetters = {};
  for (const d of s.documents) {
    const id = `d-${d.code}`;
    const have = existing?.ok && existing.body.documents?.[d.code];
    const file = el('input', null, { id, type: 'file', accept: 'image/*,application/pdf' });
    file.dataset.field = `documents.${d.code}`;
    docBox.append(el('label', d.label + (d.required && !have ? ' *' : '') + (have ? ` (${t('permit.uploaded')})` : ''), { for: id }), file);
    docGetters[d.code] = async () => (file.files[0] ? upload(file.files[0], me.csrf) : undefined);
  }
  const error = document.getElementById('error');

  async function send(submit) {
    error.hidden = true;
    showFieldErrors(form, []);
    const body = { answers: {}, documents: {}, submit };
    try {
      for (const [k, get] of Object.entries(getters)) {
        const v = await get();
        if (v !== undefined && v !== '' && !(Array.isArray(v) && !v.length)) body.answers[k] = v;
      }
      for (const [k, get] of Object.entries(docGetters)) {
        const v = await get();
        if (v) body.documents[k] = v;
      }
    } catch (e) {
      error.textContent = e.message;
      error.hidden = false;
      return;
    }
    const res = edit ? await api(`/api/v1/applications/${encodeURIComponent(edit)}`, { method: 'PUT', body, csrf: me.csrf })
                     : await api('/api/v1/applications', { method: 'POST', body: { service_code: s.code, ...body }, csrf: me.csrf });
    if (!res.ok) {
      showProblem(form, res, error);  // every problem beside its field
      return;
    }
    location.href = `/izin/${encodeURIComponent(res.body.number)}`;
  }
  form.addEventListener('submit', (e) => { e.preventDefault(); send(true); });
  document.getElementById('draft').onclick = () => send(false);
}
