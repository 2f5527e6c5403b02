// "Lacak laporan": a tracking number, found in every region. One region has it: straight to its
// page (the server does that before this page loads when it can); several: the person chooses.
import { applyI18n, api, el, showFieldError, t } from './i18n.js';

applyI18n();

const form = document.getElementById('find');
const result = document.getElementById('result');

async function find(number) {
  showFieldError(form, null, null);
  result.hidden = true;
  const res = await api(`/api/v1/track?nomor=${encodeURIComponent(number)}`);
  if (!res.ok) return showFieldError(form, 'nomor', t('find.malformed'));
  const matches = res.body.matches;
  if (matches.length === 1) return location.assign(matches[0].url);
  if (matches.length === 0) return showFieldError(form, 'nomor', t('find.none', { n: res.body.number }));
  const list = el('ul', null, { class: 'plain' });
  for (const m of matches) {
    const item = el('li');
    item.append(el('a', `${m.region_name} (${m.region})`, { href: m.url }));
    list.append(item);
  }
  result.replaceChildren(el('p', t('find.several', { n: res.body.number })), list);
  result.hidden = false;
}

const typed = new URLSearchParams(location.search).get('nomor');
if (typed) {
  form.nomor.value = typed;
  await find(typed);
}
form.addEventListener('submit', (event) => {
  event.preventDefault();
  if (!form.nomor.value.trim()) return showFieldError(form, 'nomor', t('find.malformed'));
  history.replaceState(null, '', `/lacak?nomor=${encodeURIComponent(form.nomor.value.trim())}`);
  find(form.nomor.value.trim());
});
