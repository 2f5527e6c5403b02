// Filing a complaint, phone first: category, description, place (suggested from the phone's
// position, confirmed by the citizen), photos, anonymous/rahasia. Without an account: the
// reporter's name and a phone proven by a code (no photos: uploads need an account), or fully
// anonymous and rahasia.
import {
  applyI18n, api, el, fillRegions, formatBytes, formatDate, lastRegion, preparePhoto, problemText, session, showFieldError,
  showProblem, t, upload,
} from './i18n.js';
import { regionMap, svgElement } from './map.js';

applyI18n();

const form = document.getElementById('report');
const error = document.getElementById('error');
const submit = document.getElementById('submit');
const categorySelect = document.getElementById('category');
const kecSelect = document.getElementById('kecamatan');
const desaSelect = document.getElementById('desa');
let point = null;
let categories = [];
let pin = null;  // the pin on the region's map (drawPinMap)
let photos = [];  // prepared as they are chosen: [{ name, blob }]
let region = null;  // the signed-in citizen's region, or the one a guest chose
let csrf = null;  // null for a guest
const kMaxPhotoBytes = 5 * 1024 * 1024;

function showError(message) {
  error.textContent = message;
  error.hidden = !message;
}

function option(value, text) {
  const o = el('option', text);
  o.value = value;
  return o;
}

// Who is signed in and the region's categories and kecamatan, asked at once (on a slow line each
// round trip is felt) when the tab knows the region already.
const regionData = (region) => Promise.all([
  api(`/api/v1/regions/${region}/complaint-categories`),
  api(`/api/v1/wilayah/${region}`),
]);
const guess = lastRegion();
const early = guess ? regionData(guess) : null;
const me = await session();
if (me && me.user.role === 'citizen') {
  region = me.region;
  csrf = me.csrf;
  form.hidden = false;
  await load(region, region === guess ? early : regionData(region));
} else if (me) {
  document.getElementById('need-login').hidden = false;  // staff file nothing here
} else {
  await startAsGuest();
}

// No account: the region chosen here, the reporter named and their phone proven by a code.
async function startAsGuest() {
  const guest = document.getElementById('guest');
  const select = document.getElementById('guest-region');
  guest.hidden = false;
  form.hidden = false;
  // Photos need an account (the upload quota is a person's): say so where they would go.
  document.getElementById('photos').hidden = true;
  document.querySelector('label[for="photos"]').after(el('p', t('report.guest_photos'), { class: 'small muted' }));
  await fillRegions(select);
  if (guess && [...select.options].some((o) => o.value === guess)) select.value = guess;
  region = select.value;
  select.onchange = async () => {
    region = select.value;
    categorySelect.replaceChildren();
    kecSelect.replaceChildren();
    desaSelect.replaceChildren();
    await load(region, regionData(region));
  };
  const status = document.getElementById('code-status');
  const send = document.getElementById('send-code');
  send.onclick = async () => {
    showFieldError(form, null, null);
    send.disabled = true;
    const res = await api(`/api/v1/regions/${region}/complaints/phone-code`, {
      method: 'POST',
      body: { phone: document.getElementById('guest-phone').value.trim(), channel: document.getElementById('guest-channel').value },
    }).catch(() => null);
    send.disabled = false;
    if (!res) return void (status.textContent = t('login.network'));
    if (!res.ok) {
      // The code route names its fields plainly; on this form they are the reporter's.
      const errors = (res.body?.errors ?? []).map((e) => ({ ...e, field: `reporter.${e.field}` }));
      showProblem(form, { ...res, body: { ...res.body, errors } }, error);
      return;
    }
    status.textContent = t('code.sent', { phone: res.body.phone, channel: t(`code.via.${res.body.channel}`) });
    document.getElementById('guest-code').focus();
  };
  await load(region, region === guess ? early : regionData(region));
}

// The region's map to tap the place on (the kecamatan outlines; no tile server needed).
async function drawPinMap(region) {
  const box = document.getElementById('pin-map');
  const map = await regionMap(region, { width: 360, height: 300, label: t('report.pin_map') });
  if (!map) {
    box.hidden = true;
    return;
  }
  const marker = svgElement('circle', { r: '7', class: 'pin', visibility: 'hidden' });
  map.svg.append(marker);
  map.svg.addEventListener('click', (e) => {
    const box = map.svg.getBoundingClientRect();
    const vb = map.svg.viewBox.baseVal;
    const [lng, lat] = map.at((e.clientX - box.left) * (vb.width / box.width), (e.clientY - box.top) * (vb.height / box.height));
    choosePoint(Number(lat.toFixed(6)), Number(lng.toFixed(6)));
  });
  pin = {
    place(lat, lng) {
      const [x, y] = map.point(lng, lat);
      marker.setAttribute('cx', x.toFixed(1));
      marker.setAttribute('cy', y.toFixed(1));
      marker.setAttribute('visibility', 'visible');
    },
    clear() { marker.setAttribute('visibility', 'hidden'); },
  };
  box.replaceChildren(map.svg);
  if (point) pin.place(point.lat, point.long);
}

async function load(region, data) {
  drawPinMap(region);
  const [cats, wilayah] = await data;
  categories = cats.ok ? cats.body.categories : [];
  // No category is chosen for the citizen: a hurried default sends a pothole to the wrong office.
  categorySelect.append(option('', t('report.choose_category')));
  for (const c of categories) categorySelect.append(option(c.code, c.name));
  kecSelect.append(option('', t('report.choose')));
  for (const k of (wilayah.ok ? wilayah.body.children : [])) kecSelect.append(option(k.code, k.name));
  categorySelect.onchange = renderCategory;
  wireCategorySearch();
  kecSelect.onchange = () => loadDesa(kecSelect.value);
  renderCategory();
}

// The search box over the categories: what a citizen types (a word of the problem) is matched
// against each category's name, description and keywords; a match chosen selects it.
function wireCategorySearch() {
  const input = document.getElementById('category-search');
  const list = document.getElementById('category-matches');
  const fold = (text) => String(text ?? '').toLowerCase();
  input.oninput = () => {
    const words = fold(input.value).split(/\s+/).filter((w) => w.length >= 2);
    const found = words.length === 0 ? [] : categories.filter((c) => {
      const text = fold([c.name, c.description, ...(c.keywords ?? [])].join(' '));
      return words.every((w) => text.includes(w));
    }).slice(0, 6);
    list.replaceChildren(...found.map((c) => {
      const li = el('li');
      const pick = el('button', c.name, { type: 'button', class: 'link', 'data-code': c.code });
      pick.onclick = () => {
        categorySelect.value = c.code;
        renderCategory();
        list.hidden = true;
        categorySelect.focus();
      };
      li.append(pick, el('p', c.description, { class: 'small muted' }));
      return li;
    }));
    if (words.length && found.length === 0) list.append(el('li', t('report.category_none'), { class: 'muted' }));
    list.hidden = words.length === 0;
  };
}

function renderCategory() {
  const c = categories.find((x) => x.code === categorySelect.value);
  document.getElementById('category-about').textContent = c ? `${c.description} (${c.opd?.name ?? ''})` : '';
  const box = document.getElementById('attributes');
  box.replaceChildren();
  document.getElementById('rahasia').disabled = c ? !c.allow_rahasia : false;
  for (const a of c?.attributes ?? []) {
    const id = `attr-${a.code}`;
    box.append(el('label', a.description + (a.required ? ' *' : ''), { for: id }));
    let input;
    if (a.datatype === 'singlevaluelist' || a.datatype === 'multivaluelist') {
      input = el('select', null, { id });
      if (a.datatype === 'multivaluelist') input.multiple = true; else input.append(option('', t('report.choose')));
      for (const v of a.values) input.append(option(v.key, v.name));
    } else {
      input = el(a.datatype === 'text' ? 'textarea' : 'input', null, { id });
      if (a.datatype === 'number') input.setAttribute('inputmode', 'decimal');
      if (a.datatype === 'datetime') input.type = 'date';
    }
    input.dataset.attr = a.code;
    input.dataset.kind = a.datatype;
    input.name = `attributes.${a.code}`;
    box.append(input);
  }
  checkDuplicates();
}

async function loadDesa(kecamatan, selected) {
  desaSelect.replaceChildren(option('', t('report.choose')));
  if (!kecamatan) return;
  const res = await api(`/api/v1/wilayah/${kecamatan}`);
  for (const d of (res.ok ? res.body.children : [])) desaSelect.append(option(d.code, d.name));
  if (selected) desaSelect.value = selected;
}

// A point chosen (the phone's position, or a tap on the map): the kecamatan it falls in is
// suggested, with its desa, and the pin shows where.
async function choosePoint(lat, long) {
  const status = document.getElementById('locate-status');
  point = { lat, long };
  pin?.place(lat, long);
  const res = await api(`/api/v1/regions/${region}/locate?lat=${lat}&long=${long}`);
  if (!res.ok) {
    point = null;
    pin?.clear();
    status.textContent = problemText(res);
    return;
  }
  kecSelect.value = res.body.kecamatan_code;
  await loadDesa(res.body.kecamatan_code);
  status.textContent = t('report.located', { k: res.body.kecamatan_name });
  checkDuplicates();
}

document.getElementById('locate').onclick = () => {
  const status = document.getElementById('locate-status');
  status.textContent = t('report.locating');
  navigator.geolocation.getCurrentPosition((pos) => choosePoint(pos.coords.latitude, pos.coords.longitude),
    () => { status.textContent = t('report.locate_failed'); }, { enableHighAccuracy: true, timeout: 10000 });
};

async function checkDuplicates() {
  const box = document.getElementById('duplicates');
  box.hidden = true;
  if (!point || !categorySelect.value) return;
  const res = await api(`/api/v1/regions/${region}/complaints/nearby?service_code=${encodeURIComponent(categorySelect.value)}&lat=${point.lat}&long=${point.long}`);
  if (!res.ok || res.body.nearby.length === 0) return;
  const list = el('ul', null, { class: 'plain' });
  for (const n of res.body.nearby) {
    const li = el('li');
    const a = el('a', n.number, { href: `/lacak/${region}/${n.number}` });
    li.append(a, ' — ', `${n.description} (${n.distance_m} m, ${t('status.' + n.status)})`);
    list.append(li);
    if (!csrf) continue;  // following a case needs an account
    // The same problem reported already: join it instead of filing it again.
    const metoo = el('button', t('track.affected'), { type: 'button', class: 'secondary small me-too' });
    metoo.onclick = async () => {
      const r = await api(`/api/v1/complaints/${encodeURIComponent(n.number)}/followers`,
                          { method: 'POST', body: { affected: true }, csrf });
      metoo.replaceWith(el('p', r.ok ? t('track.affected_done') : problemText(r), { class: r.ok ? 'notice' : 'error', role: 'status' }));
    };
    li.append(el('br'), metoo);
  }
  box.replaceChildren(el('p', t('report.duplicates')), list);
  box.hidden = false;
}

function attributes() {
  const out = {};
  for (const input of document.querySelectorAll('[data-attr]')) {
    if (input.dataset.kind === 'multivaluelist') {
      const values = [...input.selectedOptions].map((o) => o.value);
      if (values.length) out[input.dataset.attr] = values;
    } else if (input.value.trim()) {
      out[input.dataset.attr] = input.value.trim();
    }
  }
  return out;
}

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  showError('');
  showFieldError(form, null, null);
  if (photos.length > 5) return showFieldError(form, 'photos', t('report.too_many_photos'));
  const tooBig = photos.find((p) => p.blob.size > kMaxPhotoBytes);
  if (tooBig) return showFieldError(form, 'photos', t('report.photo_too_big', { name: tooBig.name }));
  if (!categorySelect.value) {
    categorySelect.focus();
    return showError(t('report.category_needed'));
  }
  submit.disabled = true;
  try {
    const ids = [];
    const bar = document.getElementById('upload-progress');
    for (const [i, p] of photos.entries()) {
      submit.textContent = t('report.uploading', { n: i + 1 });
      bar.hidden = false;
      ids.push(await upload(p.blob, csrf, (sent, total) => {
        const pct = Math.round((100 * sent) / Math.max(1, total));
        bar.value = pct;
        bar.textContent = t('report.upload_progress', { n: i + 1, of: photos.length, pct });
      }));
    }
    bar.hidden = true;
    submit.textContent = t('report.sending');
    const body = {
      service_code: categorySelect.value,
      class: document.getElementById('class').value,
      description: document.getElementById('description').value,
      attributes: attributes(),
      anonymous: document.getElementById('anonymous').checked,
      rahasia: document.getElementById('rahasia').checked,
      attachments: ids,
    };
    if (kecSelect.value) body.kecamatan_code = kecSelect.value;
    if (desaSelect.value) body.desa_code = desaSelect.value;
    const address = document.getElementById('address').value.trim();
    if (address) body.address = address;
    if (point) Object.assign(body, point);
    let res;
    if (csrf) {
      res = await api('/api/v1/complaints', { method: 'POST', body, csrf });
    } else {
      // A guest: named with a proven phone, or nobody at all for an anonymous rahasia report.
      delete body.attachments;
      const phone = document.getElementById('guest-phone').value.trim();
      const anonymousOnly = !phone && body.anonymous && body.rahasia;
      if (!anonymousOnly) {
        body.reporter = {
          name: document.getElementById('guest-name').value.trim(),
          phone,
          code: document.getElementById('guest-code').value.trim(),
          channel: document.getElementById('guest-channel').value,
        };
      }
      res = await api(`/api/v1/regions/${region}/complaints`, { method: 'POST', body });
    }
    if (!res.ok) {
      showProblem(form, res, error);
      return;
    }
    form.hidden = true;
    document.getElementById('number').textContent = res.body.number;
    document.getElementById('deadline').textContent = t('report.deadline', { d: formatDate(res.body.stage_due) });
    document.getElementById('track').href = res.body.tracking_url;
    if (res.body.access_key) {
      document.getElementById('access-key').textContent = res.body.access_key;
      document.getElementById('key-box').hidden = false;
    }
    document.getElementById('done').hidden = false;
  } catch (e) {
    showError(String(e.message ?? e));
  } finally {
    submit.disabled = false;
    submit.textContent = t('report.submit');
  }
});

// Photos are prepared as soon as they are chosen: made smaller when large, previewed with their
// size, and anything too big is said at once, beside the field, not after sending.
document.getElementById('photos').addEventListener('change', async (event) => {
  const files = [...event.target.files];
  const box = document.getElementById('previews');
  box.replaceChildren(el('p', t('report.preparing'), { class: 'muted small' }));
  showFieldError(form, null, null);
  photos = [];
  const shown = [];
  for (const file of files) {
    const prepared = await preparePhoto(file);
    photos.push({ name: file.name, blob: prepared.blob });
    const figure = el('figure');
    if (prepared.blob.type.startsWith('image/')) {
      const img = el('img', null, { alt: file.name });
      img.src = URL.createObjectURL(prepared.blob);
      img.onload = () => URL.revokeObjectURL(img.src);
      figure.append(img);
    }
    figure.append(el('figcaption', prepared.resized
      ? t('report.photo_resized', { name: file.name, from: formatBytes(file.size), size: formatBytes(prepared.blob.size) })
      : t('report.photo_ready', { name: file.name, size: formatBytes(prepared.blob.size) }), { class: 'small muted' }));
    shown.push(figure);
  }
  box.replaceChildren(...shown);
  if (photos.length > 5) showFieldError(form, 'photos', t('report.too_many_photos'));
  const tooBig = photos.find((p) => p.blob.size > kMaxPhotoBytes);
  if (tooBig) showFieldError(form, 'photos', t('report.photo_too_big', { name: tooBig.name }));
});
