// Signing up as a citizen: the region's privacy notice is shown and must be accepted; the account
// is created when the person opens the link emailed to them (the answer never says whether the
// address already had an account).
import { applyI18n, api, fillRegions, plainMarkdown, showFieldError, t } from './i18n.js';

applyI18n();

const form = document.getElementById('signup');
const select = document.getElementById('region');
const error = document.getElementById('error');
const submit = document.getElementById('submit');
const noticeText = document.getElementById('notice-text');
let noticeVersion = null;

function showError(message) {
  error.textContent = message;
  error.hidden = !message;
}

async function loadNotice() {
  noticeVersion = null;
  document.getElementById('accept').checked = false;
  const res = await api(`/api/v1/regions/${encodeURIComponent(select.value)}/privacy-notice`);
  if (res.ok) {
    noticeVersion = res.body.version;
    noticeText.replaceChildren(...plainMarkdown(res.body.text));
  } else {
    noticeText.textContent = t('signup.no_notice');
  }
}

await fillRegions(select);
select.onchange = loadNotice;
await loadNotice();

// The messages people read beside a field; the server's own words only where none is known.
const fieldMessages = {
  name: 'signup.error.name', email: 'signup.error.email', phone: 'signup.error.phone', nik: 'signup.error.nik',
  password: 'signup.error.password', notice_version: 'signup.error.notice',
};

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  showError('');
  showFieldError(form, null, null);
  const value = (id) => document.getElementById(id).value.trim();
  if (!document.getElementById('accept').checked || noticeVersion === null) {
    showFieldError(form, 'notice_version', t('signup.error.accept'));
    return;
  }
  if (document.getElementById('password').value.length < 10) {
    showFieldError(form, 'password', t('signup.error.password'));
    return;
  }
  const body = { region: select.value, name: value('name'), email: value('email'),
                 password: document.getElementById('password').value, notice_version: noticeVersion };
  if (value('phone')) body.phone = value('phone');
  if (value('nik')) body.nik = value('nik');
  submit.disabled = true;
  submit.textContent = t('signup.busy');
  try {
    const res = await api('/api/v1/auth/register', { method: 'POST', body });
    if (res.ok) {
      form.hidden = true;
      document.getElementById('sent-text').textContent = t('signup.sent', { email: res.body.email });
      document.getElementById('sent').hidden = false;
      return;
    }
    const field = res.body?.field;
    if (field === 'notice_version') await loadNotice();
    const message = fieldMessages[field] ? t(fieldMessages[field]) : (res.body?.title ?? `HTTP ${res.status}`);
    if (!showFieldError(form, field, message)) showError(message);
  } catch {
    showError(t('login.network'));
  } finally {
    submit.disabled = false;
    submit.textContent = t('signup.submit');
  }
});
