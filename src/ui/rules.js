// Good-guy rules (GET /v1/rules): which customer/record pairs are closed as false positives
// while neither side changes, until when, and revoking one.
import {get, post} from './api.js';
import {field, h, table} from './dom.js';
import {time} from './format.js';
import {formDialog} from './dialog.js';
import {navigate, toast} from './app.js';

export async function render(main, where, session) {
  const all = where.params.get('all') === '1';
  const rules = (await get('/v1/rules' + (all ? '' : '?active=true'))).rules || [];
  const mayRevoke = (session.me.permissions || []).includes('rules');
  const state = (r) => (r.revoked_at ? 'revoked ' + time(r.revoked_at) + ' by ' + r.revoked_by
    : r.lapsed_at ? 'lapsed: ' + r.lapse_reason : 'active');
  main.append(h('h1', {}, 'Good-guy rules'),
    h('p', {}, all ? h('a', {href: '#/rules'}, 'Show active rules only') : h('a', {href: '#/rules?all=1'}, 'Show every rule')),
    rules.length ? table((all ? 'Every rule' : 'Active rules') + ' (' + rules.length + ')',
      ['Rule', 'Customer', 'Listed record', 'Reason', 'By', 'Expires', 'State', 'Action'],
      rules.map((r) => [String(r.id), r.customer, r.entity, r.reason, r.created_by + ', ' + time(r.created_at),
        r.expires_at ? time(r.expires_at) : 'never', state(r),
        !r.revoked_at && mayRevoke ? h('button', {type: 'button', class: 'secondary', 'aria-label': 'Revoke rule ' + r.id,
          onclick: () => revoke(r)}, 'Revoke…') : '—']))
      : h('p', {}, 'No ' + (all ? '' : 'active ') + 'good-guy rule.'));
}

function revoke(r) {
  return formDialog('Revoke rule ' + r.id, [field('Reason', h('textarea', {name: 'reason', rows: 3, required: true}))],
    'Revoke', async (v) => {
      const after = await post('/v1/rules/' + r.id + '/revoke', {reason: v.reason});
      toast('Rule ' + r.id + ' revoked.');
      navigate('#/rules');
      return after;
    });
}
