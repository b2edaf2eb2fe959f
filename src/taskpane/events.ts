// The shared runtime's one event: the ribbon's 检查 button asks the task pane to run a check.
type Listener = () => void;
const listeners = new Set<Listener>();

export function onCheckRequested(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function requestCheck(): void {
  for (const l of listeners) l();
}
