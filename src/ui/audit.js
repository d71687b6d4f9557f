// The audit trail (GET /v1/audit): who did what to which alert, rule, user or list, searchable;
// and the check of its hash chain.
import {get, query} from './api.js';
import {clear, field, h, table} from './dom.js';
import {brief, time} from './format.js';
import {navigate} from './app.js';

const KEYS = ['kind', 'who', 'subject', 'since', 'until'];

export async function render(main, where) {
  const p = where.params;
  const form = h('form', {class: 'filters', role: 'search', 'aria-label': 'Search the audit trail'},
    h('div', {class: 'filter-row'},
      field('Kind', h('input', {name: 'kind', value: p.get('kind') || '', placeholder: 'e.g. alert.decision'})),
      field('Who', h('input', {name: 'who', value: p.get('who') || ''})),
      field('Subject', h('input', {name: 'subject', value: p.get('subject') || '', placeholder: 'e.g. alert:12'})),
      field('Since', h('input', {name: 'since', type: 'date', value: p.get('since') || ''})),
      field('Until', h('input', {name: 'until', type: 'date', value: p.get('until') || ''}))),
    h('div', {class: 'actions'}, h('button', {type: 'submit'}, 'Search')));
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    navigate('#/audit?' + new URLSearchParams([...new FormData(form).entries()].filter(([, v]) => v)).toString());
  });
  const params = {limit: 200};
  for (const k of KEYS) params[k] = p.get(k);
  const [result] = await Promise.all([get('/v1/audit?' + query(params))]);
  const events = (result.events || []).slice().reverse();
  const verify = h('div', {'aria-live': 'polite'});
  const check = h('button', {type: 'button', class: 'secondary', onclick: async () => {
    clear(verify).append('Checking…');
    try {
      const v = await get('/v1/audit/verify');
      clear(verify).append(h('p', {class: v.ok ? 'ok' : 'error'},
        (v.ok ? 'Intact: ' : 'BROKEN: ') + v.events + ' events checked. ' + (v.message || '')));
    } catch (e) {
      clear(verify).append(h('p', {class: 'error', role: 'alert'}, 'The check failed: ' + e.message));
    }
  }}, 'Verify the hash chain');
  main.append(h('h1', {}, 'Audit trail'), form,
    h('div', {class: 'toolbar'}, check), verify,
    table(events.length + ' events, newest first', ['#', 'When', 'Who', 'What', 'Subject', 'Detail'],
      events.map((e) => [String(e.seq), time(e.at), e.who, e.kind, subjectLink(e.subject), detail(e.detail)]),
      {class: 'audit'}));
}

function subjectLink(subject) {
  const m = /^alert:(\d+)$/.exec(subject || '');
  return m ? h('a', {href: '#/alert/' + m[1]}, subject) : subject || '';
}

function detail(d) {
  if (!d || typeof d !== 'object') return brief(d);
  const keys = Object.keys(d).filter((k) => !k.endsWith('_fp') && k !== 'based_on');
  return keys.map((k) => k + ': ' + brief(d[k])).join('; ');
}
