// One alert: what to decide and the evidence for it. The actions (move, assign, decide, four-eyes
// review, good-guy rule) send the rev the page was drawn with, so a change by someone else in
// the meantime is refused (409) rather than overwritten.
import {ApiError, get, post} from './api.js';
import {append, field, h, select, table} from './dom.js';
import {explanation} from './explain.js';
import {age, brief, score, statusBadge, statusLabel, time} from './format.js';
import {formDialog} from './dialog.js';
import {navigate, toast} from './app.js';
import {comparison, recordFacts} from './record.js';

export async function render(main, where, session) {
  const id = where.arg;
  const [detail, users] = await Promise.all([get('/v1/alerts/' + encodeURIComponent(id)),
    get('/v1/users').catch(() => ({users: []}))]);
  const a = detail.alert;
  const match = a.explanation || {};
  const customer = detail.customer || {};
  const entity = detail.entity;
  const title = 'Alert ' + a.id + ': ' + (a.customer_name || a.customer) + ' and ' + (a.entity_name || a.entity);
  append(main, [
    h('p', {class: 'crumbs'}, h('a', {href: '#/queue'}, '← Alert queue')),
    h('h1', {}, title),
    h('div', {class: 'facts'},
      h('span', {}, statusBadge(a.status, a.pending)),
      h('span', {}, 'Score ', h('strong', {}, score(a.score))),
      h('span', {}, 'Assignee: ' + (a.assignee || 'nobody')),
      h('span', {}, 'Raised ' + time(a.created_at) + ' (' + age(a.created_at) + ' ago)'),
      h('span', {}, 'Changed ' + time(a.updated_at)),
      h('span', {}, 'Revision ' + a.rev)),
    pendingBox(a),
    actions(a, session, (users.users || []).filter((u) => !u.disabled_at)),
    h('section', {'aria-labelledby': 'h-why'}, h('h2', {id: 'h-why'}, 'Why it matched'),
      explanation(match.explanation, customer.name || a.customer_name || '', 'Listed name')),
    h('section', {'aria-labelledby': 'h-side'}, h('h2', {id: 'h-side'}, 'Customer and listed record side by side'),
      comparison(customer, entity, match)),
    h('section', {'aria-labelledby': 'h-record'}, h('h2', {id: 'h-record'}, 'The listed record'),
      recordFacts(entity, detail.entity_version, a)),
    h('section', {'aria-labelledby': 'h-related'}, h('h2', {id: 'h-related'}, 'Related alerts'),
      related(detail.related || [], a)),
    h('section', {'aria-labelledby': 'h-history'}, h('h2', {id: 'h-history'}, 'History'),
      history(detail.history || []))]);
}

function pendingBox(a) {
  const p = a.pending;
  if (!p) return null;
  return h('div', {class: 'pending', role: 'note'},
    h('strong', {}, 'Awaiting four-eyes approval: '),
    p.by + ' decided ' + statusLabel(p.decision) + ' on ' + time(p.at) + ', because: ' + (p.reason || ''),
    '. A supervisor other than ' + p.by + ' approves or rejects it.');
}

const can = (session, perm) => (session.me.permissions || []).includes(perm);

function actions(a, session, users) {
  const me = session.me.user;
  const open = ['open', 'in_review', 'escalated'].includes(a.status);
  const buttons = [];
  const button = (text, onclick, cls) => buttons.push(h('button', {type: 'button', class: cls || '', onclick}, text));
  if (a.pending) {
    if (a.pending.by !== me && can(session, 'approve')) {
      button('Approve false positive', () => reviewDialog(a, true), 'primary');
      button('Reject decision', () => reviewDialog(a, false), 'secondary');
    }
  } else if (open) {
    if (a.status === 'open') button('Start review', () => run(() => send(a, 'move', {to: 'in_review', reason: ''}, 'Review started')));
    if (a.status !== 'escalated') button('Escalate…', () => moveDialog(a, 'escalated'));
    if (a.status === 'escalated' && can(session, 'decide_escalated')) button('Back to review…', () => moveDialog(a, 'in_review'));
    if (a.status !== 'escalated' || can(session, 'decide_escalated')) button('Decide…', () => decideDialog(a), 'primary');
  } else if (a.status !== 'delisted' && can(session, 'reopen')) {
    button('Reopen…', () => moveDialog(a, 'open'));
  }
  if (open) button('Assign…', () => assignDialog(a, users, me));
  if (a.status !== 'confirmed' && a.status !== 'delisted' && !a.pending && can(session, 'rules')) {
    button('Good-guy rule…', () => ruleDialog(a));
  }
  if (!buttons.length) return h('p', {class: 'hint'}, 'Nothing to do on this alert for ' + me + ' (' + session.me.role + ').');
  return h('div', {class: 'toolbar', role: 'group', 'aria-label': 'Actions on this alert'}, buttons);
}

// Runs an action from a button; its error goes to the toast (the dialogs show theirs inline).
async function run(fn) {
  try { await fn(); } catch (e) { toast(explain409(e)); }
}

function explain409(e) {
  if (e instanceof ApiError && e.status === 409) {
    return 'Someone changed this alert since you opened it: reload it (' + e.message + ').';
  }
  return e.message;
}

const reason = (label, required) => field(label,
  h('textarea', {name: 'reason', rows: 4, required: required || false}));

async function send(a, path, body, done) {
  try {
    const after = await post('/v1/alerts/' + a.id + '/' + path, {...body, rev: a.rev});
    toast(done + ' (alert ' + a.id + ' is now ' + statusLabel(after.status) + (after.pending ? ', awaiting approval' : '') + ').');
    navigate('#/alert/' + a.id);
    return after;
  } catch (e) {
    throw new Error(explain409(e));
  }
}

function decideDialog(a) {
  const radio = (value, text, hint) => h('label', {class: 'check'},
    h('input', {type: 'radio', name: 'decision', value, required: true}), ' ' + text,
    h('span', {class: 'hint'}, ' ' + hint));
  return formDialog('Decide alert ' + a.id, [
    h('fieldset', {}, h('legend', {}, 'Decision'),
      radio('false_positive', 'False positive', '(not the listed party; with four-eyes a supervisor approves it)'),
      radio('confirmed', 'Confirmed match', '(the customer is the listed party)')),
    reason('Reason (recorded in the history and the audit trail)', true),
  ], 'Record decision', (v) => send(a, 'decide', {decision: v.decision, reason: v.reason}, 'Decision recorded'));
}

function reviewDialog(a, approve) {
  return formDialog((approve ? 'Approve' : 'Reject') + ' the false-positive decision on alert ' + a.id,
    [h('p', {}, a.pending.by + ' decided: ' + (a.pending.reason || '')), reason('Your reason', true)],
    approve ? 'Approve' : 'Reject',
    (v) => send(a, 'review', {approve, reason: v.reason}, approve ? 'Decision approved' : 'Decision rejected'));
}

function moveDialog(a, to) {
  return formDialog('Move alert ' + a.id + ' to ' + statusLabel(to),
    [reason(to === 'open' ? 'Reason for reopening' : 'Reason', to === 'open')], 'Move',
    (v) => send(a, 'move', {to, reason: v.reason}, 'Moved'));
}

function assignDialog(a, users, me) {
  const options = [['', 'Nobody'], ...users.map((u) => [u.name, u.name + (u.name === me ? ' (me)' : '')])];
  return formDialog('Assign alert ' + a.id, [field('Assignee', select('assignee', options, a.assignee || me))],
    'Assign', (v) => send(a, 'assign', {assignee: v.assignee}, v.assignee ? 'Assigned to ' + v.assignee : 'Unassigned'));
}

function ruleDialog(a) {
  return formDialog('Good-guy rule for ' + (a.customer_name || a.customer) + ' and ' + a.entity, [
    h('p', {}, 'While the customer and the listed record stay as they are now, monitoring closes this ' +
      'pair as a false positive instead of raising it. A change on either side lapses the rule.'),
    reason('Reason', true),
    field('Expires on (optional)', h('input', {type: 'date', name: 'expires_at'}), 'Empty: until revoked.'),
  ], 'Create rule', async (v) => {
    const body = {alert: a.id, reason: v.reason};
    if (v.expires_at) body.expires_at = v.expires_at;
    let rule;
    try { rule = await post('/v1/rules', body); } catch (e) { throw new Error(explain409(e)); }
    toast('Good-guy rule ' + rule.id + ' created' + (rule.expires_at ? ', expires ' + rule.expires_at : '') + '.');
    navigate('#/alert/' + a.id);
    return rule;
  });
}

function related(alerts, a) {
  if (!alerts.length) return h('p', {}, 'No other alert for this customer or this record.');
  return table('Other alerts of customer ' + a.customer + ' or record ' + a.entity,
    ['Alert', 'Status', 'Score', 'Customer', 'Listed record'],
    alerts.map((r) => [h('a', {href: '#/alert/' + r.id}, String(r.id)), statusBadge(r.status, r.pending),
      score(r.score), r.customer_name || r.customer, r.entity_name || r.entity]));
}

function history(events) {
  return table('What happened to this alert, oldest first', ['When', 'Who', 'What', 'Status', 'Reason'],
    events.map((e) => [time(e.at), e.who, e.kind.replace(/_/g, ' '),
      e.from_status && e.to_status && e.from_status !== e.to_status
        ? statusLabel(e.from_status) + ' → ' + statusLabel(e.to_status) : statusLabel(e.to_status || ''),
      e.reason || (e.score !== undefined && e.score !== null ? 'score ' + score(e.score) : brief(''))]));
}
