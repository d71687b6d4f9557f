// The alert queue: filters (status, list, programme, score band, assignee, age), sorting and
// per-status counts, all kept in the URL ("#/queue?status=open&source=us-ofac-sdn") so a view can
// be reloaded or shared. Keys: j / k move the selection, Enter opens it, / goes to the filters.
import {get, query} from './api.js';
import {field, h, select, table} from './dom.js';
import {STATUSES, age, score, statusBadge, statusLabel} from './format.js';
import {navigate} from './app.js';

const BANDS = [['', 'Any score'], ['0.95-', '0.95 and above'], ['0.90-0.95', '0.90 to 0.95'],
  ['0.80-0.90', '0.80 to 0.90'], ['-0.80', 'below 0.80']];
const AGES = [['', 'Any age'], ['-1', 'Raised in the last day'], ['-7', 'In the last 7 days'],
  ['7-', 'Older than 7 days'], ['30-', 'Older than 30 days']];
const SORTS = [['-score', 'Score, highest first'], ['score', 'Score, lowest first'],
  ['created', 'Oldest first'], ['-created', 'Newest first'], ['-updated', 'Recently changed'],
  ['id', 'Alert id']];
const DAY = 86400000;
const PAGE = 200;

// The API's parameters for the filters in `p` (the URL's).
function apiParams(p) {
  const out = {status: p.getAll('status'), source: p.get('source'), program: p.get('program'),
    assignee: p.get('assignee'), customer: p.get('customer'), sort: p.get('sort') || '-score',
    after_id: p.get('after_id'), limit: PAGE};
  const [lo, hi] = (p.get('band') || '').split('-');
  if (lo) out.min_score = lo;
  if (hi) out.max_score = hi;
  const [older, newer] = (p.get('age') || '').split('-');
  const ago = (d) => new Date(Date.now() - Number(d) * DAY).toISOString();
  if (newer) out.created_after = ago(newer);
  if (older) out.created_before = ago(older);
  return out;
}

export async function render(main, where, session) {
  const p = where.params;
  if (!p.has('status') && !p.has('all')) for (const s of ['open', 'in_review', 'escalated']) p.append('status', s);
  const [result, sources, users] = await Promise.all([
    get('/v1/alerts?' + query(apiParams(p))),
    get('/v1/sources').catch(() => ({sources: []})),
    get('/v1/users').catch(() => ({users: []})),
  ]);
  const counts = result.counts || {};
  const chosen = new Set(p.getAll('status'));

  const statusBoxes = h('fieldset', {class: 'statuses'}, h('legend', {}, 'Status'),
    STATUSES.map((s) => h('label', {class: 'check'},
      h('input', {type: 'checkbox', name: 'status', value: s, checked: chosen.has(s)}),
      ' ' + statusLabel(s) + ' ', h('span', {class: 'count'}, '(' + (counts[s] ?? 0) + ')'))));
  const sourceNames = (sources.sources || []).map((s) => s.source);
  const assignees = (users.users || []).filter((u) => !u.disabled_at).map((u) => [u.name, u.name]);
  const form = h('form', {class: 'filters', role: 'search', 'aria-label': 'Filter alerts'},
    statusBoxes,
    h('div', {class: 'filter-row'},
      field('Customer', h('input', {name: 'customer', value: p.get('customer') || '', id: 'filter-first',
        placeholder: 'customer id'})),
      field('List', select('source', [['', 'Any list'], ...sourceNames.map((s) => [s, s])], p.get('source'))),
      field('Programme', h('input', {name: 'program', value: p.get('program') || '', placeholder: 'e.g. SDGT'})),
      field('Score', select('band', BANDS, p.get('band'))),
      field('Assignee', select('assignee', [['', 'Anyone'], ...assignees], p.get('assignee'))),
      field('Age', select('age', AGES, p.get('age'))),
      field('Sort', select('sort', SORTS, p.get('sort') || '-score'))),
    h('div', {class: 'actions'}, h('button', {type: 'submit'}, 'Apply filters'),
      h('button', {type: 'button', class: 'secondary', onclick: () => navigate('#/queue')}, 'Reset')));
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const q = new URLSearchParams();
    for (const [k, v] of new FormData(form).entries()) if (v) q.append(k, v);
    if (!q.has('status')) q.set('all', '1');
    navigate('#/queue?' + q.toString());
  });
  // Filters apply as they change, except the text fields (on Enter or Apply).
  form.addEventListener('change', (ev) => { if (ev.target.tagName !== 'INPUT' || ev.target.type === 'checkbox') form.requestSubmit(); });

  const alerts = result.alerts || [];
  const rows = alerts.map((a) => {
    const link = h('a', {href: '#/alert/' + a.id}, String(a.id));
    const tr = h('tr', {'data-id': a.id},
      h('td', {}, link), h('td', {}, statusBadge(a.status, a.pending)), h('td', {class: 'num'}, score(a.score)),
      h('td', {}, a.customer_name || a.customer, h('div', {class: 'sub'}, a.customer)),
      h('td', {}, a.entity_name || a.entity, h('div', {class: 'sub'}, a.entity)),
      h('td', {}, (a.programs || []).join(', ')),
      h('td', {}, a.assignee || '—'), h('td', {class: 'nowrap'}, age(a.created_at)));
    tr.addEventListener('click', (ev) => { if (ev.target.tagName !== 'A') navigate('#/alert/' + a.id); });
    return tr;
  });
  const summary = h('p', {class: 'summary', 'aria-live': 'polite'},
    alerts.length === result.total ? result.total + ' alerts match these filters.'
      : 'Showing ' + alerts.length + ' of ' + result.total + ' matching alerts' +
        (p.get('sort') === 'id' ? '.' : '; narrow the filters, or sort by alert id to page through them all.'));
  // Paging is by id (the API's after_id), so the next page is the one after the last id shown.
  let next = null;
  if (p.get('sort') === 'id' && alerts.length === PAGE) {
    const q = new URLSearchParams(p);
    q.set('after_id', alerts[alerts.length - 1].id);
    next = h('p', {}, h('a', {href: '#/queue?' + q.toString()}, 'Next ' + PAGE + ' alerts'));
  }
  const t = table('Alerts', ['Alert', 'Status', 'Score', 'Customer', 'Listed record', 'Programmes', 'Assignee', 'Age'],
    rows, {class: 'queue'});
  main.append(h('h1', {}, 'Alert queue'),
    h('p', {class: 'hint'}, 'Keys: j / k next and previous alert, Enter opens it, / goes to the filters.'),
    form, summary, alerts.length ? t : h('p', {class: 'empty'}, 'No alert matches these filters.'));
  if (next) main.append(next);
  keyboard(main, rows);
}

function keyboard(main, rows) {
  let at = -1;
  const pick = (i) => {
    if (!rows.length) return;
    at = Math.max(0, Math.min(rows.length - 1, i));
    rows.forEach((r, j) => r.classList.toggle('selected', j === at));
    rows[at].querySelector('a').focus();
  };
  const onKey = (ev) => {
    if (!document.body.contains(main) || location.hash.indexOf('#/queue') !== 0 && location.hash !== '') {
      document.removeEventListener('keydown', onKey);
      return;
    }
    const tag = (ev.target.tagName || '').toLowerCase();
    if (tag === 'input' || tag === 'select' || tag === 'textarea' || ev.ctrlKey || ev.metaKey || ev.altKey) return;
    if (ev.key === 'j') pick(at + 1);
    else if (ev.key === 'k') pick(at - 1);
    else if (ev.key === 'Enter' && at >= 0 && ev.target.tagName !== 'A') navigate('#/alert/' + rows[at].dataset.id);
    else if (ev.key === '/') document.getElementById('filter-first').focus();
    else return;
    ev.preventDefault();
  };
  document.removeEventListener('keydown', keyboard.handler || (() => {}));
  keyboard.handler = onKey;
  document.addEventListener('keydown', onKey);
  // A row's link may take focus by Tab as well: keep the selection where the focus is.
  rows.forEach((r, i) => r.querySelector('a').addEventListener('focus', () => {
    at = i;
    rows.forEach((x, j) => x.classList.toggle('selected', j === i));
  }));
}
