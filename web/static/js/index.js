import { applyI18n, api } from './i18n.js';

applyI18n();

function item(text, className) {
  const li = document.createElement('li');
  li.textContent = text;  // never innerHTML: data is shown as text
  if (className) li.className = className;
  return li;
}

const [regions, heads] = await Promise.all([api('/api/v1/regions'), api('/api/v1/audit/heads')]);
const list = document.getElementById('regions');
list.replaceChildren(...(regions.ok ? regions.body.regions.map((r) => item(`${r.name} (${r.code})`)) : []));
const headList = document.getElementById('heads');
headList.replaceChildren(...(heads.ok ? heads.body.heads.map((h) => item(`${h.region} #${h.seq} ${h.hash}`)) : []));
