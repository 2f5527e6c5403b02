// The command center: one region's live numbers, for a 1920x1080 wall screen (views cycle slowly)
// and for a phone (everything in one column). The numbers arrive as server-sent events from
// /api/v1/regions/{code}/dashboard/stream, computed from projections; the kecamatan map is drawn
// with d3-geo from the region's boundary file (no tile server), the charts with Chart.js.
import { applyI18n, api, el, formatDate, formatDecimal, formatNumber, lang, pageRegion, rupiah, t } from './i18n.js';
import { regionMap, svgElement } from './map.js';

applyI18n();

const CYCLE_SECONDS = 20;
const addressed = decodeURIComponent(location.pathname.split('/')[2] ?? '') ||
                  new URLSearchParams(location.search).get('region');
const region = pageRegion(addressed) ?? pageRegion(null, null, (await api('/api/v1/regions')).body?.regions);
const wall = new URLSearchParams(location.search).get('layar') === 'dinding' ||
             (window.innerWidth >= 1600 && window.innerHeight >= 900);
document.body.classList.toggle('wall', wall);
// On the dark wall, chart text and grid lines light enough to read across a room (4.5:1).
if (window.Chart && wall) {
  window.Chart.defaults.color = '#c9d4df';
  window.Chart.defaults.borderColor = '#2c3a4a';
  window.Chart.defaults.font.size = 14;
}

const OPEN_COMPLAINT = ['received', 'verified', 'forwarded', 'in_progress', 'awaiting_reporter', 'followed_up'];
const OPEN_PERMIT = ['in_review', 'returned', 'awaiting_payment'];  // a draft is not filed yet

// The numbers start flowing at once; the map (the region's boundary file) joins when it has come.
const trend = lineChart(document.getElementById('trend'));
const categories = barChart(document.getElementById('categories'));
let latest = null;
let map = null;
if (wall) cycleViews();
listen();
map = await prepareMap();
if (latest) map?.update(latest.kecamatan_30d);

// One EventSource; the browser reconnects by itself after a drop (the server sends the whole
// state in every event, so nothing is lost by reconnecting).
function listen() {
  const live = document.getElementById('live');
  const source = new EventSource(`/api/v1/regions/${encodeURIComponent(region)}/dashboard/stream`);
  source.addEventListener('summary', (e) => {
    const summary = JSON.parse(e.data);
    render(summary);
    live.textContent = t('cc.live', { time: new Date().toLocaleTimeString(lang() === 'en' ? 'en-GB' : 'id-ID') });
    live.className = 'live on';
  });
  source.onerror = async () => {
    live.textContent = t('cc.offline');
    live.className = 'live off';
    // A region that does not exist answers 404: say so instead of retrying for ever.
    const probe = await api(`/api/v1/regions/${encodeURIComponent(region)}/dashboard/summary`);
    if (probe.status === 404) {
      source.close();
      live.textContent = t('cc.unknown_region');
    }
  };
}

function render(s) {
  latest = s;
  document.getElementById('region-name').textContent = s.name;
  document.getElementById('date').textContent = formatDate(s.date);
  const set = (id, text) => { document.getElementById(id).textContent = text; };
  set('tile-complaint-in', formatNumber(s.today.complaint.in));
  set('tile-complaint-out', formatNumber(s.today.complaint.out));
  set('tile-permit-in', formatNumber(s.today.permit.in));
  set('tile-permit-out', formatNumber(s.today.permit.out));
  const sum = (counts, keys) => keys.reduce((n, k) => n + (counts[k] ?? 0), 0);
  set('tile-open', formatNumber(sum(s.by_status.complaint, OPEN_COMPLAINT) + sum(s.by_status.permit, OPEN_PERMIT)));
  set('tile-overdue', formatNumber(s.opds.reduce((n, o) => n + o.open_overdue, 0)));
  set('tile-revenue', rupiah(s.revenue_today.received));
  set('tile-revenue-of', t('cc.revenue_of', { billed: rupiah(s.revenue_today.billed) }));
  set('tile-ikm', s.ikm.value === null ? '–' : formatDecimal(s.ikm.value, 2));
  set('tile-ikm-of', s.ikm.value === null ? t('cc.ikm_none')
                                          : t('cc.ikm_of', { category: s.ikm.category, answers: formatNumber(s.ikm.answers) }));
  renderHalted(s.halted);
  renderAlerts(s.alerts ?? []);
  map?.update(s.kecamatan_30d);
  renderTrend(s.trend_30d);
  renderCategories(s.top_categories_30d);
  renderOpds(s.opds);
  renderStatus(s.by_status);
}

// Fail-stop: the server records nothing until an operator has looked (a broken audit chain, a
// disk that refused a write). Above everything, until it is over.
function renderHalted(kind) {
  const box = document.getElementById('halted');
  box.hidden = !kind;
  if (!kind) return;
  document.getElementById('halted-title').textContent = t('cc.halted.' + kind);
  document.getElementById('halted-text').textContent = t('cc.halted.text');
}

// Today's alerts (spikes, breach waves, payments that stop), newest first; the server's text.
function renderAlerts(alerts) {
  const box = document.getElementById('alerts');
  box.hidden = alerts.length === 0;
  box.querySelector('ul').replaceChildren(...alerts.map((a) => {
    const li = el('li', null, { class: `alert ${a.kind}` });
    li.append(el('time', a.at.slice(11, 16)), document.createTextNode(' ' + a.message));
    return li;
  }));
}

function renderOpds(opds) {
  const body = document.querySelector('#opds tbody');
  const rows = [...opds].sort((a, b) => (a.on_time_rate ?? 2) - (b.on_time_rate ?? 2) || b.open_overdue - a.open_overdue);
  body.replaceChildren(...rows.map((o) => {
    // Drill-down for staff: the OPD's queue, and its overdue cases (the console checks the account).
    const tr = el('tr', null, { class: o.open_overdue > 0 ? 'late-row' : '' });
    const name = el('td');
    name.append(el('a', o.name, { href: `/petugas?opd=${encodeURIComponent(o.opd_id)}` }));
    const late = el('td');
    late.append(o.open_overdue > 0
      ? el('a', formatNumber(o.open_overdue), { href: `/petugas?opd=${encodeURIComponent(o.opd_id)}&overdue=1`,
                                                  class: 'breaches' })
      : document.createTextNode('0'));
    tr.append(name, el('td', formatNumber(o.received)), late,
              el('td', o.on_time_rate === null ? '—' : `${Math.round(o.on_time_rate * 100)}%`));
    return tr;
  }));
}

function renderStatus(byStatus) {
  const body = document.querySelector('#status tbody');
  const rows = [];
  for (const k of OPEN_COMPLAINT) {
    if (byStatus.complaint[k]) {
      rows.push([el('a', t('status.' + k), { href: `/petugas?status=${k}` }), formatNumber(byStatus.complaint[k]), '']);
    }
  }
  for (const k of OPEN_PERMIT) {
    if (byStatus.permit[k]) rows.push([t('pstatus.' + k), '', formatNumber(byStatus.permit[k])]);
  }
  body.replaceChildren(...rows.map((r) => {
    const tr = el('tr');
    tr.append(...r.map((c) => {
      const td = el('td');
      td.append(c instanceof Node ? c : document.createTextNode(c));
      return td;
    }));
    return tr;
  }));
}

// Charts: drawn once, then their data replaced without animation (a wall updates often).
function lineChart(canvas) {
  if (!window.Chart) return null;
  return new window.Chart(canvas, {
    type: 'line',
    data: { labels: [], datasets: [
      { label: t('cc.in'), data: [], borderColor: '#d9480f', backgroundColor: '#d9480f', cubicInterpolationMode: 'monotone', pointRadius: 0 },
      { label: t('cc.out'), data: [], borderColor: '#2b8a3e', backgroundColor: '#2b8a3e', cubicInterpolationMode: 'monotone', pointRadius: 0 },
    ] },
    options: { animation: false, maintainAspectRatio: false, interaction: { mode: 'index', intersect: false },
               scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } },
  });
}

function barChart(canvas) {
  if (!window.Chart) return null;
  return new window.Chart(canvas, {
    type: 'bar',
    data: { labels: [], datasets: [{ data: [], backgroundColor: '#0b5cab' }] },
    options: { animation: false, maintainAspectRatio: false, indexAxis: 'y', plugins: { legend: { display: false } },
               scales: { x: { beginAtZero: true, ticks: { precision: 0 } } } },
  });
}

function renderTrend(days) {
  if (!trend) return;
  trend.data.labels = days.map((d) => d.day.slice(8) + '/' + d.day.slice(5, 7));
  trend.data.datasets[0].data = days.map((d) => d.in);
  trend.data.datasets[1].data = days.map((d) => d.out);
  trend.update('none');
}

function renderCategories(top) {
  if (!categories) return;
  categories.data.labels = top.map((c) => c.name);
  categories.data.datasets[0].data = top.map((c) => c.filed);
  categories.update('none');
}

// The kecamatan choropleth: boundaries projected once (map.js), then only the fill classes
// and counts change. Each area carries data-code and data-count (tests and screen readers).
async function prepareMap() {
  const box = document.getElementById('map');
  const map = await regionMap(region, { label: t('cc.map') });
  if (!map) return null;
  const { areas } = map;
  const labels = svgElement('g', { class: 'labels', 'aria-hidden': 'true' });
  for (const [code, a] of areas) {
    a.path.setAttribute('class', 'kec c0');
    a.path.dataset.count = '0';
    // Drill-down for staff: the kecamatan's cases in the console.
    a.path.addEventListener('click', () => { location.href = `/petugas?kecamatan=${encodeURIComponent(code)}`; });
    // Named on the wall, where the map is large enough to read them across a room.
    if (wall && a.centre) {
      const label = svgElement('text', { x: a.centre[0].toFixed(1), y: a.centre[1].toFixed(1), class: 'kec-name' });
      label.textContent = a.name;
      labels.append(label);
    }
  }
  map.svg.append(labels);
  box.replaceChildren(map.svg);
  return {
    update(counts) {
      const max = Math.max(0, ...Object.values(counts));
      // Five classes of equal width up to the busiest kecamatan (0 has its own colour).
      const step = Math.max(1, Math.ceil(max / 5));
      for (const [code, a] of areas) {
        const n = counts[code] ?? 0;
        a.path.setAttribute('class', `kec c${n === 0 ? 0 : Math.min(5, Math.ceil(n / step))}`);
        a.path.dataset.count = String(n);
        a.title.textContent = `${a.name}: ${formatNumber(n)}`;
      }
      // The legend: each class's colour beside the counts it stands for.
      const items = [[0, '0']];
      for (let i = 1; i <= 5 && (i - 1) * step < Math.max(max, 1); ++i) {
        const from = (i - 1) * step + 1;
        const to = i * step;
        items.push([i, from === to ? formatNumber(from) : `${formatNumber(from)}–${formatNumber(to)}`]);
      }
      document.getElementById('legend').replaceChildren(...items.map(([c, text]) => {
        const li = el('li');
        li.append(el('span', null, { class: `swatch c${c}`, 'aria-hidden': 'true' }), document.createTextNode(text));
        return li;
      }));
      // The busiest kecamatan by name, for a phone (and a reader) that cannot see the colours.
      const top = [...areas].map(([code, a]) => [a.name, counts[code] ?? 0]).filter(([, n]) => n > 0)
        .sort((x, y) => y[1] - x[1] || x[0].localeCompare(y[0])).slice(0, 5);
      document.getElementById('top-kecamatan').textContent =
        top.length ? t('cc.top_kecamatan', { list: top.map(([name, n]) => `${name} ${formatNumber(n)}`).join(' · ') }) : '';
    },
  };
}

// The wall shows one view at a time and moves on slowly; the tiles stay.
function cycleViews() {
  const sections = [...document.querySelectorAll('[data-view]')];
  const views = [...new Set(sections.flatMap((s) => s.dataset.view.split(' ')))].sort();
  const note = document.getElementById('cycle');
  note.hidden = false;
  let i = 0;
  const show = () => {
    const v = views[i % views.length];
    for (const s of sections) s.hidden = !s.dataset.view.split(' ').includes(v);
    note.textContent = t('cc.cycle', { n: (i % views.length) + 1, of: views.length, s: CYCLE_SECONDS });
    // Chart.js sizes a chart when it becomes visible again.
    for (const c of [trend, categories]) c?.resize();
    ++i;
  };
  show();
  setInterval(show, CYCLE_SECONDS * 1000);
}
