// "Lupa kata sandi": ask for a code by SMS or WhatsApp, or a link by email (the answer is the same
// whether or not the number or address has an account), then, with the code or from the emailed
// link, choose a new password (every session of the account ends).
import { applyI18n, api, fillRegions, showFieldError, showProblem, t } from './i18n.js';

applyI18n();

const params = new URLSearchParams(location.search);
const token = params.get('token');
let byPhone = null;  // { region, phone } once a code was asked for
const ask = document.getElementById('ask');
const choose = document.getElementById('choose');
const notice = document.getElementById('notice');
const error = document.getElementById('error');

function say(element, message) {
  element.textContent = message;
  element.hidden = !message;
}

async function send(button, busy, idle, path, body) {
  say(error, '');
  button.disabled = true;
  button.textContent = t(busy);
  try {
    return await api(path, { method: 'POST', body });
  } catch {
    say(error, t('login.network'));
    return null;
  } finally {
    button.disabled = false;
    button.textContent = t(idle);
  }
}

// The new password, with the emailed link's token or the code sent to the phone.
choose.addEventListener('submit', async (event) => {
  event.preventDefault();
  showFieldError(choose, null, null);
  const password = choose.password.value;
  if (password.length < 10) return showFieldError(choose, 'password', t('signup.error.password'));
  if (password !== choose.again.value) return showFieldError(choose, 'again', t('reset.mismatch'));
  const region = byPhone?.region ?? params.get('region') ?? '';
  const body = byPhone ? { region, phone: byPhone.phone, code: choose.code.value.trim(), password }
    : { region, token, password };
  const res = await send(document.getElementById('choose-submit'), 'signup.busy', 'reset.save',
                         '/api/v1/auth/password-reset/confirm', body);
  if (!res) return;
  if (res.ok) {
    choose.hidden = true;
    say(notice, t('reset.done'));
    const login = document.createElement('a');
    login.href = `/login?region=${encodeURIComponent(region)}`;
    login.className = 'button';
    login.textContent = t('home.login_button');
    notice.after(login);
  } else if (res.body?.field === 'password') {
    showFieldError(choose, 'password', t('signup.error.password'));
  } else if (res.status === 404) {
    say(error, t('reset.link_failed'));
  } else {
    showProblem(choose, res, error);
  }
});

if (token) {
  ask.hidden = true;
  choose.hidden = false;
  // The token stays out of the address bar (and of anything the page later links to).
  history.replaceState(null, '', location.pathname);
} else {
  const via = () => ask.querySelector('input[name="via"]:checked').value;
  for (const radio of ask.querySelectorAll('input[name="via"]')) {
    radio.onchange = () => {
      document.getElementById('by-phone').hidden = via() !== 'phone';
      document.getElementById('by-email').hidden = via() !== 'email';
    };
  }
  await fillRegions(ask.region);
  ask.addEventListener('submit', async (event) => {
    event.preventDefault();
    showFieldError(ask, null, null);
    if (via() === 'phone') {
      const phone = ask.phone.value.trim();
      const res = await send(document.getElementById('ask-submit'), 'signup.busy', 'reset.send',
                             '/api/v1/auth/password-reset', { region: ask.region.value, phone, channel: ask.channel.value });
      if (!res) return;
      if (!res.ok) return void showProblem(ask, res, error);
      byPhone = { region: ask.region.value, phone };
      ask.hidden = true;
      say(notice, t('reset.code_sent', { phone }));
      document.getElementById('code-field').hidden = false;
      choose.hidden = false;
      choose.code.focus();
      return;
    }
    const email = ask.email.value.trim();
    if (!email.includes('@')) return showFieldError(ask, 'email', t('signup.error.email'));
    const res = await send(document.getElementById('ask-submit'), 'signup.busy', 'reset.send',
                           '/api/v1/auth/password-reset', { region: ask.region.value, email });
    if (!res) return;
    if (res.ok) {
      ask.hidden = true;
      say(notice, t('reset.sent', { email }));
    } else if (res.body?.field === 'email') {
      showFieldError(ask, 'email', t('signup.error.email'));
    } else {
      say(error, res.body?.title ?? `HTTP ${res.status}`);
    }
  });
}
