/* global window */
// The shared runtime's one event: the ribbon's 检查 button asks the task pane to run a check.
// The commands and the pane are separate bundles on one page, so the event goes through window.
const EVENT = "kezheng:check";

export function onCheckRequested(listener: () => void): () => void {
  window.addEventListener(EVENT, listener);
  return () => window.removeEventListener(EVENT, listener);
}

export function requestCheck(): void {
  window.dispatchEvent(new Event(EVENT));
}
