// The public list of non-confidential complaints and each OPD's on-time rate.
import { applyI18n, api, el, formatDate, t } from './i18n.js';

applyI18n();

const SVG = 'http://www.w3.org/2000/svg';

const select = document.getElementById('region');
const regions = await api('/api/v1/regions');
for (const r of regions.ok ? regions.body.regions : []) select.append(el('option', r.name, { value: r.code }));
select.value = new URLSearchParams(location.search).get('region') ?? '36.04';
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

// Kecamatan outlines and complaint points as SVG: no tile server, nothing to download but the
// region's boundary file (cached for a day).
async function drawMap(region, complaints) {
  const box = document.getElementById('map');
  box.replaceChildren();
  const res = await fetch(`/api/v1/regions/${region}/boundaries`);
  if (!res.ok) return;
  const geo = await res.json();
  const [minLng, minLat, maxLng, maxLat] = geo.bbox;
  const k = Math.cos(((minLat + maxLat) / 2) * Math.PI / 180);
  const width = 600;
  const height = Math.round(width * (maxLat - minLat) / ((maxLng - minLng) * k));
  const x = (lng) => ((lng - minLng) / (maxLng - minLng)) * width;
  const y = (lat) => ((maxLat - lat) / (maxLat - minLat)) * height;
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('viewBox', `0 0 ${width} ${height}`);
  for (const f of geo.features) {
    const polys = f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates;
    for (const poly of polys) {
      const path = document.createElementNS(SVG, 'path');
      path.setAttribute('d', poly.map((ring) => 'M' + ring.map(([lng, lat]) => `${x(lng).toFixed(1)},${y(lat).toFixed(1)}`).join('L') + 'Z').join(''));
      path.setAttribute('class', 'kec');
      const title = document.createElementNS(SVG, 'title');
      title.textContent = f.properties.name;
      path.append(title);
      svg.append(path);
    }
  }
  for (const c of complaints) {
    if (typeof c.lat !== 'number' || typeof c.long !== 'number') continue;
    const link = document.createElementNS(SVG, 'a');
    link.setAttribute('href', `/lacak/${region}/${c.number}`);
    const dot = document.createElementNS(SVG, 'circle');
    dot.setAttribute('cx', x(c.long).toFixed(1));
    dot.setAttribute('cy', y(c.lat).toFixed(1));
    dot.setAttribute('r', '5');
    dot.setAttribute('class', c.open && c.status !== 'resolved' ? 'pt open' : 'pt closed');
    const title = document.createElementNS(SVG, 'title');
    title.textContent = `${c.number} · ${c.service_name ?? ''} · ${t('status.' + c.status)}`;
    dot.append(title);
    link.append(dot);
    svg.append(link);
  }
  box.append(svg);
}
