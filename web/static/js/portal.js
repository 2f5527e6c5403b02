// The public transparency portal: per-OPD performance, service standards and tariffs, today's
// audit head hash and the open data downloads of one region. No login; nothing personal.
import { api, applyI18n, el, lang, pageRegion, t } from './i18n.js';

applyI18n();

const number = new Intl.NumberFormat(lang() === 'en' ? 'en-GB' : 'id-ID');
const select = document.getElementById('region');
const regions = await api('/api/v1/regions');
for (const r of regions.ok ? regions.body.regions : []) select.append(el('option', r.name, { value: r.code }));
select.value = pageRegion(new URLSearchParams(location.search).get('region'), null,
                          regions.ok ? regions.body.regions : []);
select.onchange = () => show(select.value);
await show(select.value);

async function show(region) {
  document.getElementById('live-link').href = `/komando/${region}`;
  document.getElementById('map-link').href = `/pengaduan?region=${region}`;
  const [portal, services, heads, catalog] = await Promise.all([
    api(`/api/v1/regions/${region}/portal`), api(`/api/v1/regions/${region}/services`), api('/api/v1/audit/heads'),
    api(`/open-data/catalog.json?region=${region}`)]);

  const body = document.querySelector('#opds tbody');
  body.replaceChildren(...(portal.ok ? portal.body.opds : []).map((o) => {
    const tr = el('tr');
    tr.append(el('td', o.opd_name), el('td', number.format(o.received)),
              el('td', o.on_time_rate === null ? '—' : `${Math.round(o.on_time_rate * 100)}%`),
              el('td', o.median_resolution_days === null ? '—' : t('portal.days', { n: o.median_resolution_days })),
              el('td', o.ikm === null ? '—' : o.ikm.toFixed(2)));
    return tr;
  }));

  const list = document.getElementById('services');
  list.replaceChildren(...(services.ok ? services.body.services : []).map((s) => {
    const li = el('li');
    li.append(el('a', s.name, { href: `/layanan/${encodeURIComponent(s.code)}?region=${region}` }),
              el('span', ` · ${s.opd_name} · ${t('portal.working_days', { n: s.working_days })} · ${fee(s.fee)}`,
                 { class: 'muted' }));
    return li;
  }));

  const head = (heads.ok ? heads.body.heads : []).find((h) => h.region === region);
  document.getElementById('audit').textContent = head ? `${head.date} #${head.seq} ${head.hash}` : '—';

  const sets = document.getElementById('datasets');
  sets.replaceChildren(...(catalog.ok ? catalog.body.datasets : []).filter((d) => d.region === region).map((d) => {
    const li = el('li');
    li.append(el('strong', d.title), el('span', ` · ${d.license.id} `, { class: 'muted' }));
    for (const dist of d.distributions) {
      // The catalog's links are absolute (the configured public address); here, stay on this host.
      const url = new URL(dist.url.replace('{YYYY-MM}', new Date().toISOString().slice(0, 7)), location.origin);
      li.append(el('a', dist.format, { href: url.pathname + url.search, class: 'dl' }), document.createTextNode(' '));
    }
    return li;
  }));
}

function fee(f) {
  if (!f || f.type === 'free') return t('portal.free');
  if (f.type === 'fixed') return `Rp${number.format(f.amount)}`;
  return t('portal.by_rule');
}
