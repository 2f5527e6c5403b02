// Signing up as a citizen: the region's privacy notice is shown and must be accepted; the account
// is created when the person types the code sent to their phone (SMS or WhatsApp), or opens the
// link emailed to them (the answer never says whether the number or address had an account).
import { applyI18n, api, fillRegions, plainMarkdown, showFieldError, showProblem, t } from './i18n.js';

applyI18n();

const form = document.getElementById('signup');
const select = document.getElementById('region');
const error = document.getElementById('error');
const submit = document.getElementById('submit');
const noticeText = document.getElementById('notice-text');
let noticeVersion = null;
let held = null;  // the registration sent, to send again for a new code
const confirmForm = document.getElementById('confirm');

// By phone or by email: only the chosen one's fields are shown and sent.
const via = () => form.querySelector('input[name="via"]:checked').value;
for (const radio of form.querySelectorAll('input[name="via"]')) {
  radio.onchange = () => {
    document.getElementById('by-phone').hidden = via() !== 'phone';
    document.getElementById('by-email').hidden = via() !== 'email';
  };
}

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
  const body = { region: select.value, name: value('name'), password: document.getElementById('password').value };
  if (via() === 'email') body.email = value('email');
  else Object.assign(body, { phone: value('phone'), channel: value('channel') });
  if (document.getElementById('accept').checked && noticeVersion !== null) body.notice_version = noticeVersion;
  if (value('nik')) body.nik = value('nik');
  submit.disabled = true;
  submit.textContent = t('signup.busy');
  try {
    const res = await api('/api/v1/auth/register', { method: 'POST', body });
    if (res.ok && res.body.status === 'code_sent') {
      held = body;
      form.hidden = true;
      document.getElementById('code-sent').textContent =
        t('code.sent', { phone: res.body.phone, channel: t(`code.via.${res.body.channel}`) });
      confirmForm.hidden = false;
      confirmForm.code.focus();
      return;
    }
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
    // Every problem beside its field, in the server's words ("an email or a phone" goes beside
    // the phone when the person chose to sign up by phone).
    const errors = (res.body?.errors ?? []).map((e) => (e.field === 'email' && via() === 'phone' ? { ...e, field: 'phone' } : e));
    showProblem(form, { ...res, body: { ...res.body, errors } }, error);
  } catch {
    showError(t('login.network'));
  } finally {
    submit.disabled = false;
    submit.textContent = t('signup.submit');
  }
});

// The code from the SMS or WhatsApp message creates the account.
confirmForm.addEventListener('submit', async (event) => {
  event.preventDefault();
  const said = document.getElementById('confirm-error');
  showFieldError(confirmForm, null, null);
  said.hidden = true;
  const button = document.getElementById('confirm-submit');
  button.disabled = true;
  try {
    const res = await api('/api/v1/auth/register/confirm', {
      method: 'POST', body: { region: held.region, phone: held.phone, code: confirmForm.code.value.trim() },
    });
    if (res.ok) {
      confirmForm.hidden = true;
      document.getElementById('to-login').href = `/login?region=${encodeURIComponent(held.region)}`;
      document.getElementById('active').hidden = false;
      return;
    }
    showProblem(confirmForm, res, said);
  } catch {
    said.textContent = t('login.network');
    said.hidden = false;
  } finally {
    button.disabled = false;
  }
});

// A new code: the registration sent again (at most one code a minute is sent).
document.getElementById('resend').onclick = async () => {
  const res = await api('/api/v1/auth/register', { method: 'POST', body: held }).catch(() => null);
  document.getElementById('code-sent').textContent = res?.ok
    ? t('code.resent', { phone: res.body.phone })
    : t('login.network');
};
