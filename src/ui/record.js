// A listed record (core/entity_json.h's form) and a customer (customer.h's form) for reading:
// the two side by side, field against field, with what each field did to the score; and the
// record's own facts (programmes, remarks, links, list version).
import {h, table} from './dom.js';
import {brief, signed, time} from './format.js';

const list = (xs) => (xs && xs.length ? xs : null);
const lines = (xs) => (xs && xs.length ? h('ul', {class: 'plain'}, xs.map((x) => h('li', {}, x))) : '—');

const country = (c) => (typeof c === 'string' ? c : [c.code, c.text].filter(Boolean).join(' · '));
const birth = (b) => (typeof b === 'string' ? b : (b.text || b.from || '') + (b.circa ? ' (circa)' : ''));
const ident = (i) => (typeof i === 'string' ? i
  : [i.label || i.kind || i.type, i.value, i.country].filter(Boolean).join(' · '));
const address = (a) => (typeof a === 'string' ? a
  : a.original || [a.street, a.city, a.state, a.postal_code, a.country].filter(Boolean).join(', '));

// Explanation attributes for a field: attribute names from match/explain (birth_date, country, ...).
function effects(match, names) {
  const attrs = ((match || {}).explanation || {}).attributes || [];
  const mine = attrs.filter((a) => names.some((n) => a.attribute.startsWith(n)));
  if (!mine.length) return '—';
  return h('ul', {class: 'plain'}, mine.map((a) => h('li', {},
    h('span', {class: a.effect < 0 ? 'effect neg' : 'effect pos'}, signed(a.effect)), ' ' + a.detail)));
}

export function comparison(customer, entity, match) {
  const e = entity || {};
  const names = (e.names || []).map((n) => n.full + (n.kind && n.kind !== 'primary' ? ' (' + n.kind.replace(/_/g, ' ') + ')' : ''));
  const matched = ((match || {}).explanation || {}).matched_name;
  const rows = [
    ['Name', lines([customer.name, ...(customer.aliases || [])].filter(Boolean)),
      lines(names.length ? names : [match.name].filter(Boolean)), matched ? 'matched: ' + matched : '—'],
    ['Type', customer.type || '—', e.schema || match.schema || '—', '—'],
    ['Birth date', lines(customer.dob), lines((e.birth_dates || []).map(birth)), effects(match, ['birth'])],
    ['Country', lines(customer.countries),
      lines([...(e.nationalities || []), ...(e.citizenships || [])].map(country)
        .concat((e.addresses || []).map((a) => a.country).filter(Boolean))), effects(match, ['country', 'national'])],
    ['Identifiers', lines((customer.identifiers || []).map(ident)), lines((e.identifiers || []).map(ident)),
      effects(match, ['identifier', 'id'])],
    ['Addresses', lines(list(customer.addresses) && customer.addresses.map(address)),
      lines((e.addresses || []).map(address)), '—'],
  ];
  const attrs = customer.attributes || {};
  for (const k of Object.keys(attrs)) rows.push([k.replace(/_/g, ' '), brief(attrs[k]), '—', '—']);
  if (!entity) rows.push(['Record', '—', 'The record is not available from the store.', '—']);
  return table('Customer ' + (customer.id || '') + ' against listed record ' + (e.id || match.entity || ''),
    ['Field', 'Customer', 'Listed record', 'Effect on the score'],
    rows.map((r) => h('tr', {}, h('th', {scope: 'row'}, r[0]), r.slice(1).map((c) => h('td', {}, c)))),
    {class: 'side'});
}

export function recordFacts(entity, version, alert) {
  const e = entity || {};
  const v = version || {};
  const items = [
    ['Record', (e.id || alert.entity) + ' (' + (e.schema || '') + ')'],
    ['Programmes', lines(e.programs)],
    ['Listed on', e.listed_on || 'not stated'],
    ['List version', (v.source || alert.source) + ' version ' + (v.version ?? alert.list_version) +
      ' (the version that raised or last rescored this alert)'],
    ['That version imported', v.imported_at ? time(v.imported_at) : 'unknown'],
    ['Remarks', lines(e.remarks)],
    ['Links', lines(e.links)],
    ['Titles', lines(e.titles)],
    ['Birth places', lines(e.birth_places)],
    ['Other facts', lines((e.attributes || []).map((a) => a.key.replace(/_/g, ' ') + ': ' + a.value))],
  ];
  if (alert.status === 'delisted') items.splice(1, 0, ['Status', 'This record has left its list (delisted).']);
  return h('dl', {class: 'facts-list'}, items.flatMap(([k, val]) => [h('dt', {}, k), h('dd', {}, val)]));
}
