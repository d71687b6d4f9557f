// How values read on screen: times in UTC, ages, scores, and alert statuses (always as words, with
// colour only as a second cue).
import {h} from './dom.js';

export const STATUSES = ['open', 'in_review', 'escalated', 'confirmed', 'false_positive', 'delisted'];
const STATUS_LABEL = {
  open: 'Open', in_review: 'In review', escalated: 'Escalated', confirmed: 'Confirmed match',
  false_positive: 'False positive', delisted: 'Delisted',
};
export const statusLabel = (s) => STATUS_LABEL[s] || s;

export function statusBadge(status, pending) {
  return h('span', {class: 'badge st-' + status},
    statusLabel(status) + (pending ? ' · awaiting approval' : ''));
}

// "2026-12-07 20:46 UTC" for an ISO time; the text as it is when it is no time.
export function time(iso) {
  if (!iso) return '';
  const d = new Date(iso);
  if (isNaN(d)) return iso;
  return d.toISOString().slice(0, 16).replace('T', ' ') + ' UTC';
}

// "5 min", "3 h", "12 d": how long ago `iso` was.
export function age(iso) {
  const ms = Date.now() - new Date(iso).getTime();
  if (!(ms >= 0)) return '';
  const min = Math.floor(ms / 60000);
  if (min < 60) return min + ' min';
  const hours = Math.floor(min / 60);
  if (hours < 48) return hours + ' h';
  return Math.floor(hours / 24) + ' d';
}

export const score = (s) => (typeof s === 'number' ? s.toFixed(2) : '');
export const signed = (x) => (x > 0 ? '+' : x < 0 ? '−' : '±') + Math.abs(x).toFixed(2);

// A text of a JSON value for tables: strings as they are, the rest compact.
export function brief(v) {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  return JSON.stringify(v);
}
