// The mode tabs (Verify, Sign, Signed URL): ARIA tabs with arrow, Home and End keys.

import { $ } from './dom.js';

const MODES = { 'tab-verify': 'verify', 'tab-sign': 'sign', 'tab-url': 'url' };

/**
 * Wires the tabs. `onSelect(mode)` runs after a tab is shown ('verify', 'sign' or 'url').
 * Returns { select(mode, focus), mode() }.
 * @param {{ onSelect: (mode: string) => void }} hooks
 */
export function setupTabs({ onSelect }) {
  const tabs = Object.keys(MODES).map((id) => $(id));

  function selectTab(tab, focus = false) {
    for (const t of tabs) {
      const on = t === tab;
      t.setAttribute('aria-selected', on ? 'true' : 'false');
      t.tabIndex = on ? 0 : -1;
      $(t.getAttribute('aria-controls')).hidden = !on;
    }
    if (focus) tab.focus();
    onSelect(MODES[tab.id]);
  }

  for (const t of tabs) {
    t.addEventListener('click', () => selectTab(t));
    t.addEventListener('keydown', (e) => {
      const i = tabs.indexOf(t);
      let j = null;
      if (e.key === 'ArrowRight') j = (i + 1) % tabs.length;
      else if (e.key === 'ArrowLeft') j = (i + tabs.length - 1) % tabs.length;
      else if (e.key === 'Home') j = 0;
      else if (e.key === 'End') j = tabs.length - 1;
      if (j !== null) {
        e.preventDefault();
        selectTab(tabs[j], true);
      }
    });
  }

  return {
    /** Shows the tab of a mode ('verify', 'sign', 'url'). */
    select: (mode, focus = false) =>
      selectTab(
        tabs.find((t) => MODES[t.id] === mode),
        focus,
      ),
    /** The mode of the shown tab. */
    mode: () => MODES[tabs.find((t) => t.getAttribute('aria-selected') === 'true').id],
  };
}
