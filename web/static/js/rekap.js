// The roll-up across regions: every region of the deployment (or of one province) and their
// OPDs ranked by on-time rate and IKM, from GET /api/v1/rollup.
import { api, applyI18n, el, lang } from './i18n.js';

applyI18n();

const number = new Intl.NumberFormat(lang() === 'en' ? 'en-GB' : 'id-ID');
const rate = (r) => (r === null ? '—' : `${Math.round(r * 100)}%`);
const ikm = (i) => (i.value === null ? '—' : `${i.value.toFixed(2)} (${i.category})`);

const select = document.getElementById('province');
const regions = await api('/api/v1/regions');
const provinces = new Set((regions.ok ? regions.body.regions : []).map((r) => r.code.slice(0, 2)));
for (const p of [...provinces].sort()) select.append(el('option', p, { value: p }));
select.value = new URLSearchParams(location.search).get('province') ?? '';
select.onchange = () => show(select.value);
await show(select.value);

async function show(province) {
  const res = await api('/api/v1/rollup' + (province ? `?province=${province}` : ''));
  if (!res.ok) return;
  fill('#regions', res.body.regions, (r) => [r.rank, link(r.name, `/komando/${r.region}`), number.format(r.received),
                                             number.format(r.open), number.format(r.open_overdue),
                                             rate(r.on_time_rate), ikm(r.ikm)]);
  const opdRow = (o) => [o.rank, o.name, link(o.region_name, `/komando/${o.region}`), rate(o.on_time_rate), ikm(o.ikm)];
  fill('#best', res.body.opds_best, opdRow);
  fill('#worst', res.body.opds_worst, opdRow);
}

function link(text, href) {
  return el('a', text, { href });
}

function fill(selector, rows, cells) {
  document.querySelector(`${selector} tbody`).replaceChildren(...rows.map((r) => {
    const tr = el('tr');
    tr.append(...cells(r).map((c) => {
      const td = el('td');
      td.append(c instanceof Node ? c : document.createTextNode(String(c)));
      return td;
    }));
    return tr;
  }));
}
