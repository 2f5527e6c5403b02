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

const regions = await api('/api/v1/regions');
if (regions.ok) {
  for (const r of regions.body.regions) {
    const option = document.createElement('option');
    option.value = r.code;
    option.textContent = `${r.name} (${r.code})`;
    select.append(option);
  }
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
      // Only a path on this site: never an open redirect.
      const next = new URLSearchParams(location.search).get('next');
      location.assign(next && next.startsWith('/') && !next.startsWith('//') ? next : '/account');
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
