// The login page: an API key (from `interdict serve --new-key NAME`), kept in sessionStorage for
// this tab. The key's id is the user (`interdict users add NAME --role analyst`).
import {ApiError, clearApiKey, setApiKey} from './api.js';
import {field, h} from './dom.js';
import {loadSession, navigate} from './app.js';

export async function render(main) {
  const pending = sessionStorage.getItem('interdict.loginError');
  sessionStorage.removeItem('interdict.loginError');
  const error = h('p', {class: 'error', role: 'alert'}, pending || '');
  const key = h('input', {type: 'password', name: 'key', required: true, autocomplete: 'current-password',
    spellcheck: 'false', 'data-autofocus': true});
  const form = h('form', {class: 'login'},
    field('API key', key, 'The key that "interdict serve --new-key YOUR-NAME" printed for you.'),
    h('button', {type: 'submit'}, 'Log in'));
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    error.textContent = '';
    setApiKey(key.value.trim());
    try {
      const session = await loadSession();
      navigate('#/queue');
      return session;
    } catch (e) {
      clearApiKey();
      error.textContent = e instanceof ApiError && e.status === 401
        ? 'This API key is not known to the server.' : e.message;
      key.focus();
    }
  });
  main.append(h('h1', {}, 'Log in'),
    h('p', {}, 'Interdict review is for the analysts and supervisors who work screening alerts.'),
    error, form);
}
