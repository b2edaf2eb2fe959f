/* global File, HTMLInputElement, document */
// Picking files with a Fluent button in the pane's language (the browser's own "Choose Files"
// button speaks the browser's language and cannot be styled). The input stays the real picker:
// the button opens it, keyboard and screen readers meet only the button.
import { Button } from "@fluentui/react-components";
import { useRef } from "react";

export interface FilePickerProps {
  label: string;
  accept: string;
  multiple?: boolean;
  disabled?: boolean;
  appearance?: "primary" | "secondary";
  /** A folder and everything in it (webkitdirectory; Chromium, Firefox, Safari, Edge). */
  folder?: boolean;
  /** data-testid of the button; the hidden input gets `${testId}-input`. */
  testId: string;
  onFiles: (files: File[]) => void;
}

/** Whether this browser picks folders (not every WebView an Office host uses does). */
export const foldersPickable = () => typeof document !== "undefined" && "webkitdirectory" in document.createElement("input");

export function FilePicker({ label, accept, multiple, disabled, appearance = "secondary", folder, testId, onFiles }: FilePickerProps) {
  const input = useRef<HTMLInputElement>(null);
  return (
    <>
      <Button appearance={appearance} disabled={disabled} data-testid={testId} onClick={() => input.current?.click()}>
        {label}
      </Button>
      <input ref={input} type="file" hidden tabIndex={-1} aria-hidden accept={accept} multiple={multiple} {...(folder ? { webkitdirectory: "" } : {})} data-testid={`${testId}-input`}
        onChange={(e) => {
          const files = [...(e.target.files ?? [])];
          // Picking the same file again after a change must fire again.
          e.target.value = "";
          if (files.length) onFiles(files);
        }} />
    </>
  );
}
