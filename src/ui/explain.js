// A match's explanation (src/match/explain.h, as `screen --json` prints it) for people: the two
// names with each aligned token marked by how it matched, the token table, what each attribute
// added or removed, and the plain-language sentence. Used by the alert detail and screening pages.
import {h, table} from './dom.js';
import {score, signed} from './format.js';

const KIND_LABEL = {
  exact: 'exact', variant: 'name variant', spelling: 'spelling', transliteration: 'transliteration',
  phonetic: 'sounds alike', typo: 'typo', initial: 'initial', none: 'no match',
};
export const kindLabel = (k) => KIND_LABEL[k] || k;

// The kind as a word in a badge; the colour (class ev-KIND) only repeats it.
export function kindBadge(kind, edits) {
  let text = kindLabel(kind);
  if (kind === 'typo' && edits) text += ' (' + edits + (edits === 1 ? ' edit' : ' edits') + ')';
  return h('span', {class: 'ev ev-' + kind}, text);
}

// `name` with each token of `tokens` marked (<mark class="ev-KIND">, titled with the kind), found
// case-insensitively left to right; words it cannot find stay plain.
export function markedName(name, tokens, side) {
  const lower = name.toLowerCase();
  const spans = [];
  if (lower.length === name.length) {
    const taken = [];
    for (const t of tokens) {
      const word = String(t[side] || '').toLowerCase();
      if (!word) continue;
      let at = -1;
      for (let from = 0; (at = lower.indexOf(word, from)) >= 0; from = at + 1) {
        if (!taken.some(([b, e]) => at < e && at + word.length > b)) break;
      }
      if (at < 0) continue;
      taken.push([at, at + word.length]);
      spans.push({begin: at, end: at + word.length, kind: t.evidence});
    }
  }
  spans.sort((a, b) => a.begin - b.begin);
  const out = [];
  let pos = 0;
  for (const s of spans) {
    out.push(name.slice(pos, s.begin));
    out.push(h('mark', {class: 'ev-' + s.kind, title: kindLabel(s.kind)}, name.slice(s.begin, s.end)));
    pos = s.end;
  }
  out.push(name.slice(pos));
  return out;
}

// The whole explanation. `queryName` is the screened name (the customer's, or the form's).
export function explanation(ex, queryName, recordLabel) {
  if (!ex || typeof ex !== 'object') return h('p', {}, 'No explanation was recorded for this match.');
  const tokens = ex.tokens || [];
  const parts = [];
  parts.push(h('p', {class: 'sentence'}, ex.sentence || ''));
  parts.push(h('dl', {class: 'names'},
    h('dt', {}, 'Screened name'), h('dd', {class: 'name-line'}, markedName(queryName || '', tokens, 'query')),
    h('dt', {}, (recordLabel || 'Listed name') + ' (' + (ex.name_kind || 'name') + ')'),
    h('dd', {class: 'name-line'}, markedName(ex.matched_name || '', tokens, 'list'))));
  parts.push(table('Token alignment (name score ' + score(ex.name_score) + ')',
    ['Screened token', 'Listed token', 'How it matched', 'Similarity'],
    tokens.map((t) => [t.query, t.list, kindBadge(t.evidence, t.edits), score(t.similarity)]),
    {class: 'tokens'}));
  const unmatched = [];
  if ((ex.query_only || []).length) unmatched.push(h('li', {}, 'Only in the screened name: ' + ex.query_only.join(', ')));
  if ((ex.list_only || []).length) unmatched.push(h('li', {}, 'Only in the listed name: ' + ex.list_only.join(', ')));
  if (unmatched.length) parts.push(h('ul', {class: 'unmatched'}, unmatched));
  const attrs = ex.attributes || [];
  parts.push(attrs.length
    ? table('What each attribute added or removed', ['Attribute', 'Effect on the score', 'Why'],
      attrs.map((a) => [a.attribute.replace(/_/g, ' '),
        h('span', {class: a.effect < 0 ? 'effect neg' : 'effect pos'}, signed(a.effect)), a.detail]))
    : h('p', {}, 'No attribute (birth date, country, identifier) changed the score.'));
  return h('div', {class: 'explanation'}, parts);
}
