import { applyI18n, api, el, formatDate, t, wireLogout } from './i18n.js';

applyI18n();

const box = document.getElementById('me');
const res = await api('/api/v1/me');
if (res.status === 401) {
  location.assign('/login');
} else if (res.ok) {
  const { user, region, csrf_token: csrf } = res.body;
  sessionStorage.setItem('sp.csrf', csrf);
  const rows = [
    ['account.name', user.name], ['account.role', t(`role.${user.role}`)], ['account.region', region],
    ['account.email', user.email], ['account.phone', user.phone], ['account.nik', user.nik],
  ].filter(([, v]) => v);
  const dl = document.createElement('dl');
  for (const [key, value] of rows) {
    const dt = document.createElement('dt');
    dt.textContent = t(key);
    const dd = document.createElement('dd');
    dd.textContent = value;
    dd.dataset.field = key.split('.')[1];
    dl.append(dt, dd);
  }
  box.replaceChildren(dl);
  if (user.role === 'citizen') {
    document.getElementById('citizen').hidden = false;
    const mine = await api('/api/v1/me/complaints');
    const ul = document.getElementById('mine');
    for (const c of mine.ok ? mine.body.complaints : []) {
      const li = el('li');
      li.append(el('a', c.number, { href: `/lacak/${region}/${c.number}` }),
                el('span', ` · ${c.service_name ?? ''} · ${t('status.' + c.status)} · ${formatDate(c.filed_at)}`, { class: 'muted' }));
      ul.append(li);
    }
  } else {
    document.getElementById('staff').hidden = false;
  }
  wireLogout(csrf);
} else {
  box.textContent = res.body?.title ?? `HTTP ${res.status}`;
}
