// A modal form in a native <dialog> (focus is trapped and Escape closes it): resolves with the
// form's values, or null when cancelled. `submit(values)` may throw; its message is shown in the
// dialog, which stays open so nothing typed is lost.
import {h} from './dom.js';

export function formDialog(title, fields, submitText, submit) {
  return new Promise((resolve) => {
    const error = h('p', {class: 'error', role: 'alert'});
    const form = h('form', {method: 'dialog'}, fields,
      error,
      h('div', {class: 'actions'},
        h('button', {type: 'submit'}, submitText),
        h('button', {type: 'button', class: 'secondary', onclick: () => dlg.close()}, 'Cancel')));
    const dlg = h('dialog', {'aria-labelledby': 'dlg-title'}, h('h2', {id: 'dlg-title'}, title), form);
    let result = null;
    form.addEventListener('submit', async (ev) => {
      ev.preventDefault();
      const values = Object.fromEntries(new FormData(form).entries());
      error.textContent = '';
      try {
        result = await submit(values);
        dlg.close();
      } catch (e) {
        error.textContent = e.message;
      }
    });
    dlg.addEventListener('close', () => {
      dlg.remove();
      resolve(result);
    });
    document.body.append(dlg);
    dlg.showModal();
  });
}
