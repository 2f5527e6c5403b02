// The public list of non-confidential complaints and each OPD's on-time rate.
import { applyI18n, api, el, formatDate, pageRegion, t } from './i18n.js';
import { regionMap, svgElement } from './map.js';

applyI18n();

const select = document.getElementById('region');
const regions = await api('/api/v1/regions');
for (const r of regions.ok ? regions.body.regions : []) select.append(el('option', r.name, { value: r.code }));
select.value = pageRegion(new URLSearchParams(location.search).get('region'), null,
                          regions.ok ? regions.body.regions : []);
select.onchange = () => show(select.value);
await show(select.value);

async function show(region) {
  const [perf, list] = await Promise.all([api(`/api/v1/regions/${region}/performance`),
                                          api(`/api/v1/regions/${region}/complaints`)]);
  const body = document.querySelector('#performance tbody');
  body.replaceChildren();
  for (const o of perf.ok ? perf.body.opds : []) {
    const rate = o.on_time_rate === null ? '—' : `${Math.round(o.on_time_rate * 100)}%`;
    const tr = el('tr');
    tr.append(el('td', o.opd_name), el('td', o.received), el('td', rate));
    body.append(tr);
  }
  await drawMap(region, list.ok ? list.body.complaints : []);
  const ul = document.getElementById('list');
  ul.replaceChildren();
  const items = list.ok ? list.body.complaints : [];
  if (items.length === 0) ul.append(el('li', t('public.none')));
  for (const c of items) {
    const li = el('li', null, { class: c.overdue ? 'overdue' : '' });
    li.append(el('a', c.number, { href: `/lacak/${region}/${c.number}` }),
              el('span', ` · ${c.service_name ?? ''} · ${t('status.' + c.status)} · ${formatDate(c.filed_at)}`, { class: 'muted' }),
              el('p', c.description.length > 200 ? c.description.slice(0, 200) + '…' : c.description));
    ul.append(li);
  }
}

// Kecamatan outlines and complaint points (map.js): no tile server, nothing to download but the
// region's boundary file (cached for a day).
async function drawMap(region, complaints) {
  const box = document.getElementById('map');
  box.replaceChildren();
  const map = await regionMap(region, { width: 600, height: 520, label: t('public.map_label'), interactive: true });
  if (!map) return;
  for (const c of complaints) {
    if (typeof c.lat !== 'number' || typeof c.long !== 'number') continue;
    const [x, y] = map.point(c.long, c.lat);
    const link = svgElement('a', { href: `/lacak/${region}/${c.number}` });
    const dot = svgElement('circle', { cx: x.toFixed(1), cy: y.toFixed(1), r: '5',
                                       class: c.open && c.status !== 'resolved' ? 'pt open' : 'pt closed' });
    const title = svgElement('title');
    title.textContent = `${c.number} · ${c.service_name ?? ''} · ${t('status.' + c.status)}`;
    dot.append(title);
    link.append(dot);
    map.svg.append(link);
  }
  box.append(map.svg);
}
