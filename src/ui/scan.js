// Free text (POST /v1/scan): the text with every hit marked where it was found (parties and
// sanctioned places, told apart by a word as well as a colour), and the hits listed with why.
import {post} from './api.js';
import {clear, field, h, table} from './dom.js';
import {score} from './format.js';

export async function render(main) {
  const out = h('section', {'aria-labelledby': 'h-hits', 'aria-live': 'polite', class: 'results'});
  const text = h('textarea', {name: 'text', rows: 12, required: true});
  const form = h('form', {class: 'scan'},
    field('Text to scan (an article, a payment\'s free text, a memo)', text),
    h('div', {class: 'actions'}, h('button', {type: 'submit'}, 'Scan')));
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    clear(out).append(h('p', {}, 'Scanning…'));
    try {
      show(out, text.value, await post('/v1/scan', {text: text.value}));
    } catch (e) {
      clear(out).append(h('h2', {id: 'h-hits'}, 'Scan failed'),
        h('p', {class: 'error', role: 'alert'}, e.message + ' — the text has NOT been scanned.'));
    }
  });
  main.append(h('h1', {}, 'Scan free text'),
    h('p', {}, 'Finds listed parties and sanctioned places named in a text.'), form, out);
}

const what = (x) => (x.kind === 'party' ? 'listed party' : x.kind === 'jurisdiction' ? 'sanctioned place' : x.kind);

function show(out, source, r) {
  const hits = (r.hits || []).slice().sort((a, b) => a.char_begin - b.char_begin);
  // Offsets are in code points; a JS string indexes UTF-16 units.
  const chars = Array.from(source);
  const marked = [];
  let pos = 0;
  hits.forEach((x, i) => {
    if (x.char_begin < pos) return;  // overlapping hits: the first one is marked
    marked.push(chars.slice(pos, x.char_begin).join(''));
    marked.push(h('mark', {class: 'hit hit-' + x.kind, id: 'hit' + i, title: what(x)},
      chars.slice(x.char_begin, x.char_end).join(''), h('span', {class: 'tag'}, ' [' + what(x) + ']')));
    pos = x.char_end;
  });
  marked.push(chars.slice(pos).join(''));
  const parties = hits.filter((x) => x.kind === 'party').length;
  clear(out).append(
    h('h2', {id: 'h-hits'}, hits.length + ' hits: ' + parties + ' listed parties, ' + (hits.length - parties) + ' sanctioned places'),
    h('div', {class: 'scanned', tabindex: 0, role: 'region', 'aria-label': 'The scanned text with its hits marked'}, marked),
    table('Hits in the order they appear', ['Text', 'What', 'Matched', 'Score', 'Why'],
      hits.map((x) => [x.text, what(x),
        x.kind === 'party' ? (x.name + ' (' + x.entity + (x.programs ? '; ' + x.programs.join(', ') : '') + ')')
          : (x.jurisdiction_name || x.place || '') + (x.level ? ' (' + x.level + ')' : ''),
        score(x.score), x.sentence])));
}
