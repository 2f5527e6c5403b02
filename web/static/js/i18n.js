// The UI's message catalog: Bahasa Indonesia first, English second. Every string a page shows
// comes from here (or from the server's problem titles, which use the server's catalog).
const catalog = {
  id: {
    'nav.login': 'Masuk', 'nav.logout': 'Keluar', 'common.loading': 'Memuat…',
    'home.title': 'Satu pintu untuk layanan publik daerah',
    'home.lead': 'Pengaduan, perizinan, pembayaran, dan surat-menyurat pemerintah daerah di satu tempat.',
    'home.login_title': 'Masuk', 'home.login_button': 'Ke halaman masuk',
    'home.login_text': 'Warga dan petugas masuk melalui halaman masuk dengan email atau nomor telepon.',
    'home.regions': 'Daerah yang dilayani', 'home.audit': 'Jejak audit harian',
    'home.audit_text': 'Setiap perubahan dicatat dalam rantai hash. Hash penutup hari ini per daerah:',
    'footer.data': 'Data wilayah: Kepmendagri via idn-area-data (ODbL). Batas kecamatan: cahyadsn/wilayah_boundaries (MIT).',
    'login.title': 'Masuk', 'login.region': 'Daerah', 'login.login': 'Email atau nomor telepon',
    'login.password': 'Kata sandi', 'login.submit': 'Masuk', 'login.busy': 'Memeriksa…',
    'login.network': 'Tidak dapat terhubung. Periksa koneksi lalu coba lagi.',
    'login.retry_after': 'Coba lagi dalam {s} detik.',
    'account.title': 'Akun saya', 'account.name': 'Nama', 'account.role': 'Peran', 'account.region': 'Daerah',
    'account.email': 'Email', 'account.phone': 'Telepon', 'account.nik': 'NIK',
    'role.citizen': 'Warga', 'role.admin': 'Admin daerah', 'role.opd_head': 'Kepala OPD', 'role.officer': 'Petugas',
    'role.verifier': 'Verifikator', 'role.auditor': 'Auditor', 'role.lab_reviewer': 'Penilai lab inovasi',
    'role.executive': 'Pimpinan daerah',
    'lang.switch': 'English',
  },
  en: {
    'nav.login': 'Log in', 'nav.logout': 'Log out', 'common.loading': 'Loading…',
    'home.title': "One door to your region's public services",
    'home.lead': 'Complaints, permits, payments and official letters of local government in one place.',
    'home.login_title': 'Log in', 'home.login_button': 'Go to the login page',
    'home.login_text': 'Citizens and officers log in on the login page with an email or phone number.',
    'home.regions': 'Regions served', 'home.audit': 'Daily audit trail',
    'home.audit_text': "Every change is recorded in a hash chain. Today's closing hash per region:",
    'footer.data': 'Region data: Kepmendagri via idn-area-data (ODbL). Kecamatan boundaries: cahyadsn/wilayah_boundaries (MIT).',
    'login.title': 'Log in', 'login.region': 'Region', 'login.login': 'Email or phone number',
    'login.password': 'Password', 'login.submit': 'Log in', 'login.busy': 'Checking…',
    'login.network': 'Cannot connect. Check your connection and try again.',
    'login.retry_after': 'Try again in {s} seconds.',
    'account.title': 'My account', 'account.name': 'Name', 'account.role': 'Role', 'account.region': 'Region',
    'account.email': 'Email', 'account.phone': 'Phone', 'account.nik': 'NIK',
    'role.citizen': 'Citizen', 'role.admin': 'Region admin', 'role.opd_head': 'Head of department', 'role.officer': 'Officer',
    'role.verifier': 'Verifier', 'role.auditor': 'Auditor', 'role.lab_reviewer': 'Innovation lab reviewer',
    'role.executive': 'Regional leadership',
    'lang.switch': 'Bahasa Indonesia',
  },
};

export function lang() {
  return localStorage.getItem('sp.lang') === 'en' ? 'en' : 'id';
}

export function t(key, vars = {}) {
  const text = catalog[lang()][key] ?? catalog.id[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (_, k) => String(vars[k] ?? ''));
}

// Fills every [data-i18n] element and wires the language button.
export function applyI18n() {
  document.documentElement.lang = lang();
  for (const el of document.querySelectorAll('[data-i18n]')) el.textContent = t(el.dataset.i18n);
  const button = document.getElementById('lang');
  if (button) {
    button.textContent = t('lang.switch');
    button.onclick = () => {
      localStorage.setItem('sp.lang', lang() === 'en' ? 'id' : 'en');
      location.reload();
    };
  }
}

// fetch() with the UI language and JSON; resolves to {ok, status, body, headers}.
export async function api(path, { method = 'GET', body, csrf } = {}) {
  const headers = { 'Accept': 'application/json', 'Accept-Language': lang() };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (csrf) headers['X-CSRF-Token'] = csrf;
  const res = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body),
                                  credentials: 'same-origin' });
  const text = await res.text();
  let data = null;
  try { data = text ? JSON.parse(text) : null; } catch { data = null; }
  return { ok: res.ok, status: res.status, body: data, headers: res.headers };
}
