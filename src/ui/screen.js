// Screening one party (POST /v1/screen): the form a person fills in, and each match with its
// explanation. A failed request says so; it never shows as "no match".
import {post} from './api.js';
import {append, clear, field, h, select} from './dom.js';
import {explanation} from './explain.js';
import {score} from './format.js';

const TYPES = [['', 'Any'], ['person', 'Person'], ['organization', 'Organisation'], ['vessel', 'Vessel'],
  ['aircraft', 'Aircraft']];
const split = (s) => s.split(/[,;]/).map((x) => x.trim()).filter(Boolean);

export async function render(main) {
  const results = h('section', {'aria-labelledby': 'h-results', 'aria-live': 'polite', class: 'results'});
  const name = h('input', {name: 'name', required: true, maxlength: 500, autocomplete: 'off', 'data-autofocus': true});
  const form = h('form', {class: 'party'},
    field('Name', name),
    h('div', {class: 'filter-row'},
      field('Type', select('type', TYPES, '')),
      field('Birth date', h('input', {name: 'birth_date', placeholder: 'YYYY or YYYY-MM-DD'})),
      field('Countries', h('input', {name: 'country', placeholder: 'e.g. Iran, RU'}), 'Names or ISO codes, comma-separated.'),
      field('Identifiers', h('input', {name: 'identifiers', placeholder: 'passport or register numbers'})),
      field('Threshold', h('input', {name: 'threshold', type: 'number', min: 0, max: 1, step: 0.01, value: '0.80'}))),
    h('div', {class: 'actions'}, h('button', {type: 'submit'}, 'Screen')));
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const v = Object.fromEntries(new FormData(form).entries());
    const body = {name: v.name, threshold: Number(v.threshold || 0.8), limit: 20};
    if (v.type) body.type = v.type;
    if (v.birth_date) body.birth_date = v.birth_date.trim();
    if (v.country) body.country = split(v.country);
    if (v.identifiers) body.identifiers = split(v.identifiers);
    clear(results).append(h('p', {}, 'Screening…'));
    try {
      show(results, await post('/v1/screen', body), v.name);
    } catch (e) {
      clear(results).append(h('h2', {id: 'h-results'}, 'Screening failed'),
        h('p', {class: 'error', role: 'alert'}, e.message + ' — the party has NOT been screened.'));
    }
  });
  main.append(h('h1', {}, 'Screen a party'),
    h('p', {}, 'Screens one name against the lists in service, with the explanation of every match.'),
    form, results);
}

function show(results, r, queryName) {
  const matches = r.matches || [];
  const versions = (r.list_versions || []).map((v) => v.source + ' v' + v.version).join(', ');
  append(clear(results), [h('h2', {id: 'h-results'},
    matches.length ? matches.length + (matches.length === 1 ? ' match' : ' matches') : 'No match'),
  h('p', {class: 'hint'}, 'Threshold ' + score(r.threshold) + '; lists ' + versions + '.'),
  (r.warnings || []).length ? h('ul', {class: 'warnings'}, r.warnings.map((w) => h('li', {}, 'Not used: ' + (w.message || JSON.stringify(w))))) : null,
  matches.map((m, i) => h('article', {class: 'match', 'aria-labelledby': 'm' + i},
    h('h3', {id: 'm' + i}, m.name + ' ', h('span', {class: 'sub'}, m.entity + ' · ' + m.schema),
      ' ', h('span', {class: 'score'}, 'score ' + score(m.score))),
    explanation(m.explanation, queryName, 'Listed name')))]);
}
