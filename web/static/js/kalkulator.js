// Public tax calculators: each form asks the server, which computes with the region's own
// parameters and answers with the amount, the rule and every figure it used.
import { api, applyI18n, el, problemText, rupiah, t } from './i18n.js';

applyI18n();

const regionSelect = document.getElementById('region');
const regions = await api('/api/v1/regions');
for (const r of regions.ok ? regions.body.regions : []) regionSelect.append(el('option', `${r.name} (${r.code})`, { value: r.code }));
const wanted = new URLSearchParams(location.search).get('region');
if (wanted) regionSelect.value = wanted;


for (const form of document.querySelectorAll('form[data-tax]')) {
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const out = form.querySelector('.result');
    const query = new URLSearchParams();
    for (const [k, v] of new FormData(form)) {
      if (v !== '') query.set(k, String(v).replaceAll('.', '').replaceAll(' ', ''));
    }
    const res = await api(`/api/v1/regions/${encodeURIComponent(regionSelect.value)}/calculators/${form.dataset.tax}?${query}`);
    if (!res.ok) {
      out.replaceChildren(el('p', problemText(res), { class: 'error' }));
      return;
    }
    const dl = el('dl');
    for (const s of res.body.steps) {
      dl.append(el('dt', s.label), el('dd', s.name === 'months' ? String(s.amount) : rupiah(s.amount)));
    }
    const amount = el('p', `${t('tax.owed')}: ${rupiah(res.body.amount)}`, { class: 'big' });
    amount.dataset.field = 'amount';
    out.replaceChildren(amount, dl, el('p', res.body.rule, { class: 'small muted' }),
                        el('p', res.body.legal_basis, { class: 'small muted' }));
  });
}
