// The key rows of the Verify tab: one input per key, for rotation. The values stay in the inputs
// (and in the options built from them for one call): never in the URL, never in storage.

import { $, el } from './dom.js';

/**
 * Wires #key-list, #add-key and #show-keys. `onChange()` runs when a key is typed, added or removed.
 * Returns { inputs, collect, set }.
 * @param {{ onChange: () => void }} hooks
 */
export function setupKeys({ onChange }) {
  const keyList = $('key-list');
  const showKeys = $('show-keys');
  let keySeq = 0;

  /** The key inputs, in order. */
  const inputs = () => [...keyList.querySelectorAll('input')];

  function relabel() {
    inputs().forEach((input, i) => {
      const label = input.parentElement.querySelector('label');
      label.textContent = i === 0 ? 'Key' : `Key ${i + 1}`;
      const remove = input.parentElement.querySelector('button');
      if (remove) remove.setAttribute('aria-label', `Remove key ${i + 1}`);
    });
  }

  function add(value = '', focus = false) {
    const id = `key-${++keySeq}`;
    const input = el('input', {
      id,
      type: showKeys.checked ? 'text' : 'password',
      autocomplete: 'off',
      spellcheck: false,
      value,
    });
    input.setAttribute('autocapitalize', 'off');
    input.setAttribute('data-key-input', '');
    input.addEventListener('input', onChange);
    const row = el('div', { class: 'key-row' }, el('label', { for: id, text: 'Key' }), input);
    if (keyList.children.length > 0) {
      const remove = el('button', { type: 'button', class: 'remove', text: '×' });
      remove.addEventListener('click', () => {
        row.remove();
        relabel();
        inputs()[0].focus();
        onChange();
      });
      row.append(remove);
    }
    keyList.append(row);
    relabel();
    if (focus) input.focus();
    return input;
  }

  /** Replaces the rows by one per value (at least one, empty). */
  function set(values) {
    keyList.replaceChildren();
    if (values.length === 0) values = [''];
    for (const v of values) add(v);
  }

  /** The non-empty keys as the package takes them, each with the label of its input as id. */
  function collect() {
    const keys = [];
    inputs().forEach((input, i) => {
      if (input.value !== '') keys.push({ id: i === 0 ? 'Key' : `Key ${i + 1}`, key: input.value });
    });
    return keys;
  }

  $('add-key').addEventListener('click', () => add('', true));
  showKeys.addEventListener('change', () => {
    for (const i of inputs()) i.type = showKeys.checked ? 'text' : 'password';
  });

  return { inputs, collect, set };
}
