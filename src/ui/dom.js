// Building DOM without innerHTML: every text from the server goes through textContent, so list
// data (names, remarks) can never become markup.

// h('a', {href: '#/x', class: 'c', onclick: fn}, 'text', child, [more]) -> element.
// Attributes whose value is null, undefined or false are left out; true sets an empty one.
export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2), v);
    else if (k === 'class') el.className = v;
    else if (k === 'text') el.textContent = v;
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  append(el, children);
  return el;
}

export function append(el, children) {
  for (const c of children.flat(Infinity)) {
    if (c === null || c === undefined || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}

export function clear(el) {
  while (el.firstChild) el.firstChild.remove();
  return el;
}

// A table with a caption and column headers (scope=col); rows are arrays of cells (text or nodes).
export function table(caption, headers, rows, attrs) {
  return h('table', attrs || {},
    h('caption', {}, caption),
    h('thead', {}, h('tr', {}, headers.map((t) => h('th', {scope: 'col'}, t)))),
    h('tbody', {}, rows.map((r) => (r instanceof Node ? r : h('tr', {}, r.map((c) => h('td', {}, c)))))));
}

// A labelled form field: <div><label for>text</label>control</div>.
let nextId = 0;
export function field(label, control, hint) {
  if (!control.id) control.id = 'f' + (++nextId);
  const parts = [h('label', {for: control.id}, label), control];
  if (hint) {
    const hid = control.id + '-hint';
    control.setAttribute('aria-describedby', hid);
    parts.push(h('span', {class: 'hint', id: hid}, hint));
  }
  return h('div', {class: 'field'}, parts);
}

export function select(name, options, value) {
  return h('select', {name},
    options.map(([v, t]) => h('option', {value: v, selected: String(v) === String(value ?? '')}, t)));
}
