// Every map of the site: a region's kecamatan boundaries (its boundary file) projected with d3-geo,
// as an SVG the caller adds areas' colours and points to; under them, the raster tiles of the
// deployment's tile server when it has one (map.tile_url; GET /api/v1/map says). d3-geo is a
// classic script (web/static/vendor/d3-geo.min.js with d3-array), loaded by the page or on demand.

const SVG = 'http://www.w3.org/2000/svg';

export function svgElement(tag, attrs = {}) {
  const node = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  return node;
}

// d3-geo (with d3-array) as classic scripts: already there when the page loads them itself, or
// fetched now (a page whose map is not the first thing it needs, like /lapor on a slow line).
function ensureD3() {
  if (window.d3?.geoPath) return Promise.resolve(true);
  const load = (src) => new Promise((resolve) => {
    const s = document.createElement('script');
    s.src = src;
    s.onload = () => resolve(true);
    s.onerror = () => resolve(false);
    document.head.append(s);
  });
  return load('/static/vendor/d3-array.min.js').then((ok) => ok && load('/static/vendor/d3-geo.min.js'));
}

// The region's map, or null when it has no boundary file (or d3-geo did not load). `label` names
// it for screen readers; a map with links in it (`interactive`) is a group of them, not a picture.
// Returns
// { svg, areas: Map(code -> { path, title, name, centre: [x, y] }), point(lng, lat) -> [x, y],
//   at(x, y) -> [lng, lat] }.
// The deployment's tile server ({url, attribution}) or null; asked once per page.
let tileSettings;
function tiles() {
  tileSettings ??= fetch('/api/v1/map').then((r) => (r.ok ? r.json() : {})).then((m) => m.tiles ?? null, () => null);
  return tileSettings;
}

// The Web Mercator tiles that cover a width x height drawing made by a d3 geoMercator projection,
// as <image> elements in a group. The projection's world is 2*pi*scale wide, its corner at
// translate - pi*scale; zoom z cuts it into 2^z tiles a side.
function tileLayer(projection, width, height, server) {
  const k = projection.scale();
  const [tx, ty] = projection.translate();
  const world = 2 * Math.PI * k;
  const z = Math.max(0, Math.min(19, Math.round(Math.log2(world / 256))));
  const n = 2 ** z;
  const size = world / n;
  const x0 = tx - Math.PI * k;
  const y0 = ty - Math.PI * k;
  const layer = svgElement('g', { class: 'tiles', 'aria-hidden': 'true' });
  for (let j = Math.floor(-y0 / size); j * size + y0 < height; j++) {
    if (j < 0 || j >= n) continue;
    for (let i = Math.floor(-x0 / size); i * size + x0 < width; i++) {
      const href = server.url.replace('{z}', z).replace('{x}', ((i % n) + n) % n).replace('{y}', j);
      layer.append(svgElement('image', {
        href, x: x0 + i * size, y: y0 + j * size, width: size, height: size, preserveAspectRatio: 'none',
      }));
    }
  }
  return layer;
}

export async function regionMap(region, { width = 640, height = 480, label = '', interactive = false } = {}) {
  const [res, , server] = await Promise.all([
    fetch(`/api/v1/regions/${encodeURIComponent(region)}/boundaries`), ensureD3(), tiles(),
  ]);
  if (!res.ok || !window.d3?.geoPath) return null;
  const geo = await res.json();
  // d3-geo wants exterior rings clockwise (RFC 7946 files wind them the other way): a ring
  // read the wrong way round encloses the whole globe, so turn such features around.
  for (const f of geo.features) {
    if (window.d3.geoArea(f) > 2 * Math.PI) {
      const polys = f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates;
      for (const poly of polys) for (const ring of poly) ring.reverse();
    }
  }
  const projection = window.d3.geoMercator().fitSize([width, height], geo);
  const path = window.d3.geoPath(projection);
  const svg = svgElement('svg', { viewBox: `0 0 ${width} ${height}`, role: interactive ? 'group' : 'img' });
  if (label) svg.setAttribute('aria-label', label);
  if (server) {
    svg.classList.add('tiled');
    svg.append(tileLayer(projection, width, height, server));
  }
  const areas = new Map();
  for (const f of geo.features) {
    const p = svgElement('path', { d: path(f), class: 'kec' });
    p.dataset.code = f.properties.code;
    const title = svgElement('title');
    title.textContent = f.properties.name;
    p.append(title);
    svg.append(p);
    areas.set(f.properties.code, { path: p, title, name: f.properties.name, centre: path.centroid(f) });
  }
  if (server?.attribution) {
    const credit = svgElement('text', { x: width - 4, y: height - 4, class: 'credit', 'text-anchor': 'end' });
    credit.textContent = server.attribution;
    svg.append(credit);
  }
  // at(x, y): the [lng, lat] under a point of the drawing (in viewBox units).
  return { svg, areas, point: (lng, lat) => projection([lng, lat]), at: (x, y) => projection.invert([x, y]) };
}
