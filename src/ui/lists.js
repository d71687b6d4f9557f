// The lists in service, every stored version of a list, and what changed between two versions.
import {get, query} from './api.js';
import {clear, field, h, select, table} from './dom.js';
import {time} from './format.js';
import {navigate} from './app.js';

const SHOWN = 200;

export async function render(main, where) {
  const served = await get('/v1/sources');
  const sources = served.sources || [];
  const source = where.params.get('source') || (sources[0] || {}).source || '';
  main.append(h('h1', {}, 'Lists'),
    table('Lists in service (loaded ' + time(served.loaded_at) + ')',
      ['List', 'Version', 'Published', 'Imported', 'Records'],
      sources.map((s) => [h('a', {href: '#/lists?source=' + encodeURIComponent(s.source)}, s.source),
        String(s.version), s.published || '—', time(s.imported_at), String(s.record_count)])));
  if (!source) return;
  const versions = (await get('/v1/sources/' + encodeURIComponent(source) + '/versions')).versions || [];
  const number = (v) => v.version ?? v.id;
  const picker = h('form', {class: 'filter-row'},
    field('List', select('source', sources.map((s) => [s.source, s.source]), source)),
    field('From version', select('from', versions.map((v) => [number(v), 'v' + number(v) + ' · ' + time(v.imported_at)]),
      where.params.get('from') || (versions.length > 1 ? number(versions[versions.length - 2]) : ''))),
    field('To version', select('to', versions.map((v) => [number(v), 'v' + number(v) + ' · ' + time(v.imported_at)]),
      where.params.get('to') || (versions.length ? number(versions[versions.length - 1]) : ''))),
    h('div', {class: 'actions'}, h('button', {type: 'submit'}, 'Show changes')));
  picker.addEventListener('submit', (ev) => {
    ev.preventDefault();
    navigate('#/lists?' + new URLSearchParams(new FormData(picker)).toString());
  });
  main.append(h('h2', {}, 'Versions of ' + source),
    table('Every stored version of ' + source + ', oldest first', ['Version', 'Published', 'Imported', 'Records'],
      versions.map((v) => [String(number(v)), v.published || '—', time(v.imported_at), String(v.record_count ?? '')])),
    h('h2', {}, 'Changes between two versions'), picker);
  const out = h('div', {'aria-live': 'polite'});
  main.append(out);
  if (versions.length < 2 && !where.params.get('to')) {
    out.append(h('p', {}, 'Only one version is stored: nothing to compare yet.'));
    return;
  }
  const from = where.params.get('from');
  const to = where.params.get('to');
  const diff = await get('/v1/sources/' + encodeURIComponent(source) + '/diff?' + query({from, to}));
  // A whole-list change has thousands of rows; the first SHOWN of each part are drawn (the
  // caption keeps the true count), so the page stays quick to read and to use.
  const part = (title, rows, withFields) => table(
    title + ' (' + rows.length + (rows.length > SHOWN ? ', the first ' + SHOWN + ' shown' : '') + ')',
    withFields ? ['Record', 'Name', 'Fields changed'] : ['Record', 'Name'],
    rows.slice(0, SHOWN).map((r) => [r.id, r.caption || '', ...(withFields ? [(r.fields || []).join(', ')] : [])]));
  clear(out).append(part('Added', diff.added || []), part('Removed', diff.removed || []),
    part('Changed', diff.changed || [], true));
}
