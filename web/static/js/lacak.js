// The public tracking page of one case: status, deadline, timeline; for its reporter, the steps
// that are theirs (reply, close, reopen, rate with the IKM survey).
import { api, applyI18n, el, formatDate, formatDateTime, problemText, session, t } from './i18n.js';

applyI18n();

const [, , region, number] = location.pathname.split('/').map(decodeURIComponent);
const box = document.getElementById('case');
// The access key of an anonymous rahasia report, from the link's fragment (never sent to the
// server in the address) or typed below; kept for this tab only.
const fromLink = new URLSearchParams(location.hash.slice(1)).get('kunci');
if (fromLink) {
  sessionStorage.setItem(`sp.key.${number}`, fromLink);
  history.replaceState(null, '', location.pathname);
}
let accessKey = sessionStorage.getItem(`sp.key.${number}`);

function row(dl, label, value, field) {
  const dd = el('dd', value);
  if (field) dd.dataset.field = field;
  dl.append(el('dt', t(label)), dd);
}

async function render() {
  const headers = accessKey ? { 'X-Access-Key': accessKey } : {};
  const [res, me] = await Promise.all([api(`/api/v1/regions/${region}/complaints/${number}`, { headers }), session()]);
  if (!res.ok) {
    box.replaceChildren(el('p', t(accessKey ? 'track.key_wrong' : 'track.not_found'), { class: 'error' }), keyForm());
    return;
  }
  const c = res.body;
  const dl = el('dl');
  row(dl, 'track.status', t('status.' + c.status), 'status');
  row(dl, 'track.category', c.service_name ?? '', 'category');
  row(dl, 'track.opd', c.opd_name ?? '', 'opd');
  row(dl, 'track.filed', formatDate(c.filed_at));
  if (c.stage_due) {
    let due = formatDate(c.stage_due);
    if (c.paused) due += ` — ${t('track.paused')}`;
    else if (c.overdue) due += ` — ${t('track.overdue')}`;
    else if (c.working_days_left !== null) due += ` — ${t('track.days_left', { n: c.working_days_left })}`;
    row(dl, 'track.deadline', due, 'deadline');
  }
  row(dl, 'track.resolve_by', formatDate(c.resolve_by));
  const heading = el('h2', c.number, { class: 'big' });
  const text = el('p', c.description, { class: 'quote' });
  text.dataset.field = 'description';
  box.replaceChildren(heading, dl, text);
  if (c.also_affected > 0) {
    box.append(el('p', t('track.also_affected', { n: c.also_affected }), { id: 'also-affected', class: 'notice' }));
  }
  box.classList.toggle('overdue', Boolean(c.overdue));

  const list = document.getElementById('timeline');
  list.replaceChildren();
  for (const e of c.timeline) {
    const li = el('li');
    li.append(el('strong', t('action.' + e.action)), el('span', ' · ' + formatDateTime(e.at), { class: 'muted' }));
    if (e.note) li.append(el('p', e.note));
    for (const a of e.attachments) {
      const img = el('img', null, { src: `/api/v1/regions/${region}/attachments/${a}`, alt: t('console.proof'), loading: 'lazy' });
      li.append(img);
    }
    list.append(li);
  }
  if (me && me.user.role === 'citizen' && me.region === region) await reporterTools(c, me);
}

// "Punya kode akses?": the key of an anonymous rahasia report, typed.
function keyForm() {
  const form = el('form', null, { novalidate: '' });
  const input = el('input', null, { id: 'access-key', autocomplete: 'off', maxlength: '40', autocapitalize: 'characters' });
  form.append(el('label', t('track.key_label'), { for: 'access-key' }), input,
              el('button', t('track.key_open'), { type: 'submit' }));
  form.onsubmit = (e) => {
    e.preventDefault();
    accessKey = input.value.trim();
    if (!accessKey) return;
    sessionStorage.setItem(`sp.key.${number}`, accessKey);
    render();
  };
  return form;
}

// The reporter's own steps, as the server offers them for this case (the public view is shared
// and cached, so the offer comes from the reporter's own view of the case).
async function reporterTools(c, me) {
  const section = document.getElementById('reporter');
  section.replaceChildren();
  const own = await api(`/api/v1/cases/${number}`);
  if (!own.ok && c.open) return followTools(section, me);  // another citizen's open report
  const actions = new Set(own.ok ? own.body.actions : []);
  const act = async (body) => {
    const res = await api(`/api/v1/cases/${number}/actions`, { method: 'POST', body, csrf: me.csrf });
    if (!res.ok) {
      section.append(el('p', problemText(res), { class: 'error' }));
      return false;
    }
    await render();
    return true;
  };
  const note = (id) => {
    const area = el('textarea', null, { id, rows: '3', maxlength: '4000' });
    return [el('label', t('track.note'), { for: id }), area];
  };
  if (actions.has('reply')) {
    const [label, area] = note('reply-note');
    const button = el('button', t('track.reply'), { type: 'button', id: 'reply' });
    button.onclick = () => act({ action: 'reply', note: area.value });
    section.append(el('h2', t('track.reply_title')), label, area, button);
  }
  if (actions.has('rate')) {
    const form = el('form', null, { id: 'rate-form' });
    form.append(el('h2', t('track.rate_title')), el('label', t('track.rating'), { for: 'rating' }));
    const rating = el('select', null, { id: 'rating' });
    for (const v of [5, 4, 3, 2, 1]) rating.append(el('option', String(v), { value: String(v) }));
    const [clabel, comment] = [el('label', t('track.comment'), { for: 'comment' }), el('textarea', null, { id: 'comment', rows: '2', maxlength: '4000' })];
    form.append(rating, clabel, comment, el('p', t('track.ikm'), { class: 'muted' }));
    const ikm = {};
    for (let i = 1; i <= 9; i++) {
      const id = `U${i}`;
      const select = el('select', null, { id: `ikm-${id}` });
      select.append(el('option', '—', { value: '' }));
      for (const v of [4, 3, 2, 1]) select.append(el('option', String(v), { value: String(v) }));
      ikm[id] = select;
      form.append(el('label', `${id} ${t('ikm.' + id)}`, { for: `ikm-${id}` }), select);
    }
    const send = el('button', t('track.rate_submit'), { type: 'submit', id: 'rate' });
    form.append(send);
    form.onsubmit = async (event) => {
      event.preventDefault();
      const answers = {};
      for (const [id, s] of Object.entries(ikm)) if (s.value) answers[id] = Number(s.value);
      if (await act({ action: 'rate', rating: Number(rating.value), note: comment.value, ikm: answers })) {
        document.getElementById('reporter').prepend(el('p', t('track.rated'), { id: 'rated' }));
      }
    };
    section.append(form);
  }
  if (actions.has('reopen')) {
    const [label, area] = note('reopen-note');
    const reopen = el('button', t('track.reopen'), { type: 'button', id: 'reopen', class: 'secondary' });
    reopen.onclick = () => act({ action: 'reopen', note: area.value });
    section.append(label, area, reopen);
  }
  if (actions.has('close')) {
    const close = el('button', t('track.close'), { type: 'button', id: 'close' });
    close.onclick = () => act({ action: 'close' });
    section.append(close);
  }
  section.hidden = section.childElementCount === 0;
}

// Another citizen of the region: "saya juga mengalami ini" (counted, and the updates by email),
// or only the updates.
function followTools(section, me) {
  const say = (text) => section.replaceChildren(el('p', text, { id: 'following', role: 'status' }));
  const follow = async (affected) => {
    const res = await api(`/api/v1/complaints/${encodeURIComponent(number)}/followers`,
                          { method: 'POST', body: { affected }, csrf: me.csrf });
    if (!res.ok) return section.append(el('p', problemText(res), { class: 'error' }));
    say(t(affected ? 'track.affected_done' : 'track.follow_done'));
    const count = document.getElementById('also-affected');
    if (res.body.also_affected > 0) {
      const text = t('track.also_affected', { n: res.body.also_affected });
      if (count) count.textContent = text;
      else box.append(el('p', text, { id: 'also-affected', class: 'notice' }));
    }
  };
  const metoo = el('button', t('track.affected'), { type: 'button', id: 'me-too' });
  metoo.onclick = () => follow(true);
  const only = el('button', t('track.follow'), { type: 'button', id: 'follow', class: 'secondary' });
  only.onclick = () => follow(false);
  section.replaceChildren(el('h2', t('track.follow_title')), el('p', t('track.follow_hint'), { class: 'muted' }),
                          metoo, document.createTextNode(' '), only);
  section.hidden = false;
}

await render();
