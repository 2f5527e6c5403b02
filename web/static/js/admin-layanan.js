// A region admin edits a permit service's definition (the same JSON the import file holds); the
// server checks all of it and names the field that is wrong.
import { api, applyI18n, el, problemText, session, t } from './i18n.js';

applyI18n();

const me = await session();
if (!me || me.user.role !== 'admin') {
  document.getElementById('denied').hidden = false;
} else {
  const form = document.getElementById('editor');
  form.hidden = false;
  const select = document.getElementById('service');
  const code = document.getElementById('code');
  const text = document.getElementById('definition');
  const list = await api(`/api/v1/regions/${me.region}/services`);
  for (const s of list.ok ? list.body.services : []) select.append(el('option', `${s.name} (${s.code})`, { value: s.code }));
  select.onchange = async () => {
    code.value = select.value;
    code.readOnly = Boolean(select.value);
    if (!select.value) { text.value = ''; return; }
    const res = await api(`/api/v1/services/${encodeURIComponent(select.value)}/definition`);
    if (!res.ok) return;
    const { name, opd_code, group, description, spec } = res.body;
    text.value = JSON.stringify({ name, opd_code, group, description, spec }, null, 2);
  };
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const error = document.getElementById('error');
    const saved = document.getElementById('saved');
    error.hidden = true;
    saved.hidden = true;
    let body;
    try { body = JSON.parse(text.value); } catch (e) {
      error.textContent = `JSON: ${e.message}`;
      error.hidden = false;
      return;
    }
    const res = await api(`/api/v1/services/${encodeURIComponent(code.value)}`, { method: 'PUT', body, csrf: me.csrf });
    if (!res.ok) {
      error.textContent = `${problemText(res)}${res.body?.field ? ` (${res.body.field})` : ''}`;  // the path in the definition
      error.hidden = false;
      return;
    }
    saved.textContent = t('admin.saved', { v: res.body.version });
    saved.hidden = false;
  });
}
