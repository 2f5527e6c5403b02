// A PDF shown on the page, where the officer decides (an applicant's scanned form, a report's
// attachment), rather than in a new tab: Mozilla's pdf.js (npm pdfjs-dist, copied to
// web/static/vendor) is loaded only when a PDF is opened and draws one page at a time into a
// canvas, with the page count and buttons to turn pages. Scripts in the PDF never run (pdf.js
// runs none, and eval is off for its font code, as the CSP wants).
import { el, t } from './i18n.js';

let library = null;
function pdfjs() {
  library ??= import('/static/vendor/pdf.min.mjs').then((m) => {
    m.GlobalWorkerOptions.workerSrc = '/static/vendor/pdf.worker.min.mjs';
    return m;
  });
  return library;
}

// A <figure> that shows the PDF at `url` (named `label` for screen readers), or null when the
// file is not a PDF or could not be read (the caller keeps its link then).
export async function pdfViewer(url, label) {
  let bytes;
  try {
    const res = await fetch(url, { credentials: 'same-origin' });
    if (!res.ok) return null;
    bytes = new Uint8Array(await res.arrayBuffer());
  } catch {
    return null;
  }
  if (new TextDecoder().decode(bytes.subarray(0, 5)) !== '%PDF-') return null;
  let pdf;
  try {
    pdf = await (await pdfjs()).getDocument({ data: bytes, isEvalSupported: false }).promise;
  } catch {
    return null;
  }
  const canvas = el('canvas', null, { role: 'img', 'aria-label': label });
  const where = el('span', '', { role: 'status', class: 'small' });
  const prev = el('button', t('pdf.prev'), { type: 'button', class: 'secondary small' });
  const next = el('button', t('pdf.next'), { type: 'button', class: 'secondary small' });
  const nav = el('figcaption', null, { class: 'pdf-nav' });
  nav.append(prev, where, next);
  const box = el('figure', null, { class: 'pdf-view' });
  box.append(canvas, nav);
  let shown = 1;
  let drawing = Promise.resolve();
  const draw = () => {
    drawing = drawing.then(async () => {
      const page = await pdf.getPage(shown);
      // Sharp on the screen it lands on: the page's width in CSS pixels times the pixel ratio.
      const width = Math.max(320, box.clientWidth || 640);
      const base = page.getViewport({ scale: 1 });
      const viewport = page.getViewport({ scale: (width / base.width) * Math.min(2, window.devicePixelRatio || 1) });
      canvas.width = Math.floor(viewport.width);
      canvas.height = Math.floor(viewport.height);
      await page.render({ canvasContext: canvas.getContext('2d'), viewport }).promise;
      where.textContent = t('pdf.page', { n: shown, of: pdf.numPages });
      prev.disabled = shown <= 1;
      next.disabled = shown >= pdf.numPages;
      box.dataset.drawn = String(shown);
    }).catch(() => { where.textContent = t('pdf.failed'); });
    return drawing;
  };
  prev.onclick = () => { if (shown > 1) { shown -= 1; draw(); } };
  next.onclick = () => { if (shown < pdf.numPages) { shown += 1; draw(); } };
  box.draw = draw;  // the caller draws once the figure is on the page (its width known)
  return box;
}
