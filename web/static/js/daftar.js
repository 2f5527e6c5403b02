// Signing up as a citizen: the region's privacy notice is shown and must be accepted; the account
// is created when the person opens the link emailed to them (the answer never says whether the
// address already had an account).
import { applyI18n, api, fillRegions, plainMarkdown, showFieldError, showProblem, t } from './i18n.js';

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

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  showError('');
  showFieldError(form, null, null);
  const value = (id) => document.getElementById(id).value.trim();
  // The server checks the whole form and names every problem at once (consent included: an
  // unticked notice is sent without its version).
  const body = { region: select.value, name: value('name'), email: value('email'),
                 password: document.getElementById('password').value };
  if (document.getElementById('accept').checked && noticeVersion !== null) body.notice_version = noticeVersion;
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
    if (res.status === 409 && res.body?.field === 'notice_version') {
      // A newer notice came into force while the person read this one: show it, ask again.
      await loadNotice();
      showFieldError(form, 'notice_version', t('signup.error.notice'));
      return;
    }
    showProblem(form, res, error);  // every problem beside its field, in the server's words
  } catch {
    showError(t('login.network'));
  } finally {
    submit.disabled = false;
    submit.textContent = t('signup.submit');
  }
});
