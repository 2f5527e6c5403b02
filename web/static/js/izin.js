// Applications: a citizen's own list (/izin/saya), the officers' queue (/petugas/izin), and one
// application (/izin/{number}) with its bills (kode bayar), issued documents, the step decision
// for the officer whose turn it is, and the timeline.
import { api, applyI18n, el, formatDate, formatDateTime, problemText, rupiah, session, t } from './i18n.js';

applyI18n();

const parts = location.pathname.split('/').map(decodeURIComponent);
const me = await session();

if (!me) {
  document.getElementById('need-login').hidden = false;
  document.getElementById('login-link').href = `/login?next=${encodeURIComponent(location.pathname)}`;
} else if (parts[1] === 'petugas' || parts[2] === 'saya') {
  await showList(parts[1] === 'petugas');
} else {
  await showApplication(parts[2]);
}

async function showList(staff) {
  document.getElementById('title').textContent = t(staff ? 'permit.queue' : 'permit.mine');
  document.getElementById('list').hidden = false;
  const res = await api(staff ? '/api/v1/applications' : '/api/v1/me/applications');
  const items = document.getElementById('items');
  const list = res.ok ? res.body.applications : [];
  if (!list.length) items.append(el('li', t('permit.none')));
  for (const a of list) {
    const li = el('li');
    li.append(el('a', `${a.number} — ${a.service_name}`, { href: `/izin/${encodeURIComponent(a.number)}` }),
              el('p', `${t('pstatus.' + a.status)}${a.stage_label ? ' · ' + a.stage_label : ''}${a.stage_due ? ' · ' + t('permit.due', { d: formatDate(a.stage_due) }) : ''}`,
                 { class: 'small muted' }));
    items.append(li);
  }
}

async function showApplication(number) {
  const res = await api(`/api/v1/applications/${encodeURIComponent(number)}`);
  if (!res.ok) {
    document.getElementById('title').textContent = t('permit.not_found');
    return;
  }
  render(res.body);
}

function render(a) {
  document.getElementById('title').textContent = `${a.number}`;
  document.getElementById('app').hidden = false;
  const status = document.getElementById('status');
  status.textContent = t('pstatus.' + a.status);
  status.dataset.field = 'status';
  const facts = document.getElementById('facts');
  facts.replaceChildren();
  const fact = (k, v) => { if (v) facts.append(el('dt', t(k)), el('dd', v)); };
  fact('permit.service', a.service_name);
  fact('track.opd', a.opd_name);
  fact('permit.stage', a.stage_label);
  fact('track.deadline', a.stage_due && !a.paused ? formatDate(a.stage_due) : '');
  fact('permit.filed', a.status === 'draft' ? '' : formatDate(a.filed_at));
  if (a.can_edit) {
    const link = el('a', t(a.status === 'returned' ? 'permit.correct' : 'permit.continue'),
                    { class: 'button', href: `/layanan/${encodeURIComponent(a.service_code)}?edit=${encodeURIComponent(a.number)}` });
    facts.after(link);
  }
  const bills = document.getElementById('bill-list');
  bills.replaceChildren();
  document.getElementById('bills').hidden = !a.bills.length;
  for (const b of a.bills) {
    const li = el('li');
    const kode = el('p', `${t('permit.kode_bayar')}: ${b.kode_bayar}`, { class: 'big mono' });
    kode.dataset.field = 'kode-bayar';
    li.append(kode, el('p', `${rupiah(b.amount)} — ${t('bill.' + b.status)}${b.ntpd ? ` · NTPD ${b.ntpd}` : ''}`),
              el('p', b.rule, { class: 'small muted' }));
    if (b.status === 'unpaid') li.append(el('p', t('permit.pay_how', { d: formatDate(b.expires_at) }), { class: 'notice' }));
    bills.append(li);
  }
  const docs = document.getElementById('doc-list');
  docs.replaceChildren();
  document.getElementById('docs').hidden = !a.issued_documents.length;
  for (const d of a.issued_documents) {
    const li = el('li');
    const dl = el('a', `${t('permit.download')} ${d.title} (${d.number})`, { href: d.download, download: '' });
    dl.dataset.field = 'download';
    li.append(dl, el('br'), el('a', t('permit.check'), { href: d.verify, class: 'small' }));
    docs.append(li);
  }
  const decide = document.getElementById('decide');
  decide.hidden = !a.can_decide;
  const buttons = document.getElementById('decisions');
  buttons.replaceChildren();
  for (const d of a.decisions) {
    const b = el('button', t('decision.' + d), { type: 'button', class: d === 'approve' ? '' : 'secondary' });
    b.dataset.decision = d;
    b.onclick = async () => {
      const err = document.getElementById('decide-error');
      const res = await api(`/api/v1/applications/${encodeURIComponent(a.number)}/decision`,
                            { method: 'POST', body: { action: d, note: document.getElementById('note').value }, csrf: me.csrf });
      if (!res.ok) {
        err.textContent = problemText(res);
        err.hidden = false;
        return;
      }
      document.getElementById('note').value = '';
      render(res.body);
    };
    buttons.append(b);
  }
  const answers = document.getElementById('answers');
  answers.replaceChildren();
  for (const [k, v] of Object.entries(a.answers)) {
    const text = Array.isArray(v) ? v.map((x) => Object.values(x).join(' ')).join('; ')
      : typeof v === 'object' && v ? [v.kecamatan, v.desa].filter(Boolean).join(' / ') : String(v);
    answers.append(el('dt', k), el('dd', text));
  }
  const tl = document.getElementById('timeline');
  tl.replaceChildren();
  for (const e of a.timeline) {
    const li = el('li');
    li.append(el('strong', `${formatDateTime(e.at)} — ${t('paction.' + e.action)}`));
    if (e.note) li.append(el('p', e.note, { class: 'quote' }));
    tl.append(li);
  }
}
