// The single page: hash routes ("#/queue", "#/alert/12", ...) to page modules, the logged-in user
// (GET /v1/me) in the header, and the login gate. Each page module exports
// render(main, params, session) and sets its own <h1>.
import {ApiError, apiKey, clearApiKey, get} from './api.js';
import {clear, h} from './dom.js';
import * as alertPage from './alert.js';
import * as auditPage from './audit.js';
import * as listsPage from './lists.js';
import * as loginPage from './login.js';
import * as queuePage from './queue.js';
import * as rulesPage from './rules.js';
import * as scanPage from './scan.js';
import * as screenPage from './screen.js';

const PAGES = {
  login: loginPage, queue: queuePage, alert: alertPage, screen: screenPage, scan: scanPage,
  rules: rulesPage, lists: listsPage, audit: auditPage,
};

const session = {me: null};

// "#/alert/12?x=1" -> {page: 'alert', arg: '12', params: URLSearchParams}
function parseHash() {
  const raw = location.hash.replace(/^#\/?/, '');
  const [path, q] = raw.split('?');
  const [page, arg] = path.split('/');
  return {page: page || 'queue', arg: arg ? decodeURIComponent(arg) : '', params: new URLSearchParams(q || '')};
}

function showWho() {
  const logged = session.me !== null;
  document.getElementById('nav').hidden = !logged;
  document.getElementById('who').hidden = !logged;
  if (logged) {
    document.getElementById('who-name').textContent =
      'Signed in as ' + session.me.user + ' (' + session.me.role + ')';
  }
  for (const a of document.querySelectorAll('#nav a')) {
    if (a.dataset.page === parseHash().page) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  }
}

export async function loadSession() {
  session.me = null;
  if (!apiKey()) return session;
  session.me = await get('/v1/me');
  return session;
}

async function route() {
  const main = document.getElementById('main');
  const where = parseHash();
  let page = PAGES[where.page] ? where.page : 'queue';
  if (!apiKey()) page = 'login';
  if (page !== 'login' && session.me === null) {
    try {
      await loadSession();
    } catch (e) {
      if (e instanceof ApiError && (e.status === 401 || e.status === 403)) {
        clearApiKey();
        session.me = null;
        sessionStorage.setItem('interdict.loginError', e.message);
        page = 'login';
      } else {
        throw e;
      }
    }
  }
  showWho();
  // The page is drawn off-screen and shown only if no newer navigation started meanwhile: a slow
  // answer for a page the user already left must not land on the current one.
  const seq = ++routeSeq;
  main.setAttribute('aria-busy', 'true');
  const view = h('div', {class: 'view'});
  try {
    await PAGES[page].render(view, where, session);
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) {
      logout('Your API key was not accepted: ' + e.message);
      return;
    }
    clear(view).append(h('h1', {}, 'Something went wrong'),
      h('p', {class: 'error', role: 'alert'}, e.message));
  }
  if (seq !== routeSeq) return;
  clear(main).append(view);
  main.removeAttribute('aria-busy');
  main.dataset.route = location.hash;
  const heading = main.querySelector('h1');
  document.title = (heading ? heading.textContent + ' · ' : '') + 'Interdict review';
  // Focus moves to the new page (or its first field), so keyboard and screen-reader users start there.
  window.scrollTo(0, 0);
  (main.querySelector('[data-autofocus]') || main).focus({preventScroll: true});
}
let routeSeq = 0;

export function logout(message) {
  clearApiKey();
  session.me = null;
  if (message) sessionStorage.setItem('interdict.loginError', message);
  if (location.hash === '#/login') route(); else location.hash = '#/login';
}

// A short confirmation, read out by screen readers (role=status).
export function toast(text) {
  const t = document.getElementById('toast');
  t.textContent = text;
  clearTimeout(toast.timer);
  toast.timer = setTimeout(() => { t.textContent = ''; }, 6000);
}

export const navigate = (hash) => { if (location.hash === hash) route(); else location.hash = hash; };

document.getElementById('logout').addEventListener('click', () => logout(''));
window.addEventListener('hashchange', route);
route();
