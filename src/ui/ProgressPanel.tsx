// What a long step is doing and how far it has got: a determinate bar where the host counts the
// work (rows read, sheets or parts written), an indeterminate one where it cannot; cancel until
// writing starts.
import { Button, Field, ProgressBar } from "@fluentui/react-components";
import { TID } from "./testids";

export interface Progress {
  label: string;
  done?: number;
  total?: number;
}

/** Without `cancelLabel` there is no cancel button; with it but no `onCancel`, the button shows it is too late. */
export function ProgressPanel({ progress, cancelLabel, onCancel }: { progress: Progress; cancelLabel?: string; onCancel?: () => void }) {
  const { label, done, total } = progress;
  const value = done !== undefined && total ? Math.min(1, done / total) : undefined;
  const text = value === undefined ? label : `${label} ${Math.floor(value * 100)}%`;
  return (
    <div role="status" aria-live="polite" style={{ display: "grid", gap: 4 }}>
      <Field label={text} data-testid={TID.progressLabel}>
        <ProgressBar value={value} max={1} data-testid={TID.progress} />
      </Field>
      {cancelLabel && (
        <div style={{ display: "flex", justifyContent: "flex-end" }}>
          <Button size="small" data-testid={TID.cancel} disabled={!onCancel} onClick={onCancel}>{cancelLabel}</Button>
        </div>
      )}
    </div>
  );
}
