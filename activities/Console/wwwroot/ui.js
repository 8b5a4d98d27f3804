// Small DOM helpers shared by the pages: elements built without innerHTML (API text is never parsed as HTML),
// tables with a caption (their accessible name), paged tables with "Load more", modal dialogs, status labels and time formats.

/** An element with attributes ("class", "for", aria-*, data-*, on* handlers as functions) and children (nodes or text). */
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs ?? {})) {
    if (value === null || value === undefined || value === false) continue;
    if (name.startsWith('on') && typeof value === 'function') node.addEventListener(name.slice(2), value);
    else if (name === 'class') node.className = value;
    else if (name in node && typeof value !== 'string') node[name] = value;
    else node.setAttribute(name, value === true ? '' : String(value));
  }
  append(node, children);
  return node;
}

function append(node, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** Replaces a node's children. */
export function replace(node, ...children) {
  node.replaceChildren();
  append(node, children);
  return node;
}

/** A labelled form control: label text, then the control (its id ties them). */
let nextId = 0;
export function field(label, control, hint) {
  control.id ||= `f${++nextId}`;
  const hintNode = hint ? el('span', { class: 'hint', id: `${control.id}-hint` }, hint) : null;
  if (hintNode) control.setAttribute('aria-describedby', hintNode.id);
  return el('div', { class: 'field' }, el('label', { for: control.id }, label), control, hintNode);
}

/** A select with options [value, text] (or plain strings). */
export function select(options, value = '') {
  return el('select', {}, options.map((o) => {
    const [v, t] = Array.isArray(o) ? o : [o, o];
    return el('option', { value: v, selected: v === value }, t);
  }));
}

/**
 * A table named by its caption; columns are [header, cell(row) -> node|text]. Wrapped so it scrolls sideways on a
 * narrow screen instead of squeezing the page.
 */
export function table(name, columns, rows, empty = 'Nothing to show.') {
  const body = el('tbody', {}, rows.map((row) => el('tr', {}, columns.map(([, cell]) => el('td', {}, cell(row))))));
  const t = el('table', {},
    el('caption', {}, name),
    el('thead', {}, el('tr', {}, columns.map(([header]) => el('th', { scope: 'col' }, header)))),
    body);
  return el('div', { class: 'table-scroll', tabindex: '0', role: 'region', 'aria-label': `${name} (scrolls sideways)` },
    t, rows.length === 0 ? el('p', { class: 'empty' }, empty) : null);
}

/**
 * The same shape filled a page at a time: fetchPage(continuationToken) resolves to {items, continuationToken}, row(item)
 * builds a <tr>, and "Load more" shows while there is a token. Returns the nodes to place (a message area, the table, the
 * button), the message area itself (out: the empty text or the API's problem; pages add their own status lines) and
 * load(), which fetches the first page. A page that arrives after the user moved on (current() false) is dropped.
 */
export function pagedTable({ caption, headings, fetchPage, row, empty, current = () => true }) {
  const out = el('div');
  const rows = el('tbody');
  const more = el('button', { type: 'button', hidden: true }, 'Load more');
  let token = null;
  let count = 0;
  async function load() {
    more.disabled = true;
    try {
      const page = await fetchPage(token ?? undefined);
      if (!current()) return;
      for (const item of page.items ?? []) { rows.append(row(item)); count++; }
      token = page.continuationToken ?? null;
      more.hidden = !token;
      if (count === 0) replace(out, el('p', { class: 'empty' }, empty));
    } catch (err) {
      replace(out, problemBox(err));
    } finally {
      more.disabled = false;
    }
  }
  more.addEventListener('click', () => load());
  const region = el('div', { class: 'table-scroll', tabindex: '0', role: 'region', 'aria-label': `${caption} (scrolls sideways)` },
    el('table', {},
      el('caption', {}, caption),
      el('thead', {}, el('tr', {}, headings.map((h) => el('th', { scope: 'col' }, h)))),
      rows));
  return { out, nodes: [out, region, more], load };
}

/** A runtime or record status as text with a colour class (the colour repeats the text, it never replaces it). */
export function statusLabel(status) {
  const s = String(status ?? 'unknown');
  const tone = {
    completed: 'ok', done: 'ok', resolved: 'ok', replayed: 'ok', fired: 'ok',
    failed: 'bad', terminated: 'bad', open: 'bad', 'dead-lettered': 'bad', error: 'bad', refused: 'bad',
    running: 'busy', pending: 'busy', waiting: 'busy', acknowledged: 'warn', suspended: 'warn', skipped: 'warn',
  }[s.toLowerCase()] ?? 'plain';
  return el('span', { class: `status status-${tone}` }, s);
}

/** "2026-12-07 09:14:03" in the viewer's time zone, as text. */
export function whenText(iso) {
  const d = new Date(iso);
  if (!iso || Number.isNaN(d.getTime())) return String(iso ?? '');
  const pad = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

/** The same as a time element (with the exact UTC time in its title). */
export function when(iso) {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return String(iso);
  return el('time', { datetime: d.toISOString(), title: d.toISOString() }, whenText(iso));
}

/** 850 ms, 2.7 s, 4 min 10 s, 3 h 5 min, 2 d 4 h. */
export function duration(ms) {
  if (ms === null || ms === undefined || Number.isNaN(ms)) return '';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const s = ms / 1000;
  if (s < 60) return `${s.toFixed(1)} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min ${Math.round(s % 60)} s`;
  const h = Math.floor(m / 60);
  if (h < 48) return `${h} h ${m % 60} min`;
  return `${Math.floor(h / 24)} d ${h % 24} h`;
}

/** JSON (or text) shown as preformatted text. */
export function pre(value) {
  const text = typeof value === 'string' ? prettyIfJson(value) : JSON.stringify(value, null, 2);
  return el('pre', { class: 'data', tabindex: '0' }, text ?? '');
}

function prettyIfJson(text) {
  try { return JSON.stringify(JSON.parse(text), null, 2); } catch { return text; }
}

/**
 * A modal dialog (native <dialog>: the page behind is inert, so focus stays inside; Escape closes it). body(form)
 * builds the content; resolves with what onConfirm returns, or null when cancelled.
 */
export function dialog({ title, text, confirm = 'Confirm', reason = true, reasonRequired = false, onConfirm }) {
  return new Promise((resolve) => {
    const titleId = `d${++nextId}`;
    const reasonBox = reason ? el('input', { type: 'text', name: 'reason', required: reasonRequired, maxlength: '1000', autocomplete: 'off' }) : null;
    const error = el('div', { class: 'dialog-error' });
    const confirmButton = el('button', { type: 'submit', class: 'primary' }, confirm);
    const cancelButton = el('button', { type: 'button' }, 'Cancel');
    const form = el('form', { method: 'dialog' },
      el('h2', { id: titleId }, title),
      text ? el('p', {}, text) : null,
      reasonBox ? field('Reason', reasonBox, reasonRequired ? 'Required: kept in the audit trail.' : 'Kept in the audit trail.') : null,
      error,
      el('div', { class: 'buttons' }, confirmButton, cancelButton));
    const box = el('dialog', { 'aria-labelledby': titleId }, form);
    let settled = false;
    const opener = document.activeElement;
    const finish = (value) => {
      if (settled) return;
      settled = true;
      box.close();
      box.remove();
      // Back to the control that opened it, so a keyboard user goes on where they were.
      if (opener instanceof HTMLElement && opener.isConnected) opener.focus();
      resolve(value);
    };
    cancelButton.addEventListener('click', () => finish(null));
    box.addEventListener('cancel', (e) => { e.preventDefault(); finish(null); });
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      confirmButton.disabled = true;
      try {
        const value = await onConfirm(reasonBox ? reasonBox.value.trim() : '');
        finish(value ?? true);
      } catch (err) {
        replace(error, problemBox(err));
        confirmButton.disabled = false;
      }
    });
    document.body.append(box);
    box.showModal();
    (reasonBox ?? confirmButton).focus();
  });
}

/** An API error (problem+json) as an alert a screen reader announces: the title, the detail, the correlation id. */
export function problemBox(err, lead) {
  const problem = err?.problem ?? {};
  const title = lead ?? problem.title ?? (err?.status ? `Request failed (${err.status})` : 'Something went wrong');
  const detail = problem.detail ?? err?.message ?? String(err);
  return el('div', { role: 'alert', class: 'notice notice-bad' },
    el('strong', {}, title), ' ', detail,
    problem.correlationId ? el('span', { class: 'hint' }, ` (correlation id ${problem.correlationId})`) : null);
}

/** A polite status message (role=status), e.g. an action's result. */
export function statusBox(text, tone = 'ok') {
  return el('div', { role: 'status', class: `notice notice-${tone}` }, text);
}

/** Text cut to a readable length, the whole of it one click away (a disclosure, so the keyboard reaches it). */
export function longText(text, max = 160) {
  const s = String(text ?? '');
  if (s.length <= max) return s;
  return el('details', { class: 'long' }, el('summary', {}, `${s.slice(0, max)}…`), el('p', {}, s));
}

/** A sentence from an API detail, without a doubled full stop. */
export function sentence(text) {
  return String(text ?? '').replace(/\.+\s*$/, '');
}
