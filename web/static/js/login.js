import { applyI18n, api, t } from './i18n.js';

applyI18n();

const form = document.getElementById('login-form');
const select = document.getElementById('region');
const error = document.getElementById('error');
const submit = document.getElementById('submit');

function showError(message) {
  error.textContent = message;
  error.hidden = !message;
}

const params = new URLSearchParams(location.search);
const regions = await api('/api/v1/regions');
if (regions.ok) {
  for (const r of regions.body.regions) {
    const option = document.createElement('option');
    option.value = r.code;
    option.textContent = `${r.name} (${r.code})`;
    select.append(option);
  }
  if (params.get('region')) select.value = params.get('region');
}

// The link in a registration email lands here: it activates the account, then the citizen logs in.
const token = params.get('konfirmasi');
if (token) {
  const notice = document.getElementById('notice');
  const res = await api('/api/v1/auth/register/confirm', {
    method: 'POST',
    body: { region: params.get('region') ?? '', token },
  });
  if (res.ok) {
    notice.textContent = t('login.confirmed');
    notice.hidden = false;
    form.login.value = res.body.user.email ?? '';
  } else {
    showError(res.status === 404 ? t('login.confirm_failed') : (res.body?.title ?? `HTTP ${res.status}`));
  }
  history.replaceState(null, '', location.pathname + (params.get('region') ? `?region=${params.get('region')}` : ''));
}

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  showError('');
  submit.disabled = true;
  submit.textContent = t('login.busy');
  try {
    const res = await api('/api/v1/auth/login', {
      method: 'POST',
      body: { region: select.value, login: form.login.value.trim(), password: form.password.value },
    });
    if (res.ok) {
      sessionStorage.setItem('sp.csrf', res.body.csrf_token);
      sessionStorage.setItem('sp.region', select.value);  // lets the next page load its data at once
      // Staff land on their queue, citizens on their account, unless the page asked for another.
      const home = res.body.user.role === 'citizen' ? '/account' : '/petugas';
      location.assign(safeNext(new URLSearchParams(location.search).get('next'), home));
      return;
    }
    let message = res.body?.title ?? `HTTP ${res.status}`;
    const retry = res.headers.get('Retry-After');
    if (res.status === 429 && retry) message += ' ' + t('login.retry_after', { s: retry });
    showError(message);
  } catch {
    showError(t('login.network'));
  } finally {
    submit.disabled = false;
    submit.textContent = t('login.submit');
  }
});

// Where to go after logging in: a page of this site only, never an open redirect. The browser
// itself resolves `next` against this page (so "/\\evil.example" or "/<tab>/evil.example", which
// it reads as another host, are caught), and only a same-origin result is taken.
function safeNext(next, home) {
  if (!next || !next.startsWith('/')) return home;
  let url;
  try {
    url = new URL(next, location.origin);
  } catch {
    return home;
  }
  return url.origin === location.origin ? url.pathname + url.search + url.hash : home;
}
