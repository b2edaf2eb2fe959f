/* global File */
// The frame the pane's file tools share (汇总, 导入成绩): a titled section with a hint, a file
// picker, progress while reading, what was read (children), and the outcome; and the step that
// keeps busy and the outcome: a failure is explained to the user in the section, never dropped.
import { Caption1, MessageBar, MessageBarBody, Subtitle2 } from "@fluentui/react-components";
import { useState, type ReactNode } from "react";
import { FilePicker } from "../ui/FilePicker";
import { WORKBOOK_TYPES } from "../ui/files";
import { ProgressPanel } from "../ui/ProgressPanel";
import { explain } from "./actions";
import type { Locale } from "../ui/i18n";

export interface Outcome {
  intent: "success" | "error";
  text: string;
}

/** busy and the outcome around one async step; `work` returns the success text; a failure is explained in `locale`. */
export function useStep(locale: Locale): { busy: boolean; outcome: Outcome | null; run: (work: () => Promise<string | null>) => Promise<void> } {
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const run = async (work: () => Promise<string | null>) => {
    setBusy(true);
    setOutcome(null);
    try {
      const text = await work();
      if (text) setOutcome({ intent: "success", text });
    } catch (e) {
      setOutcome({ intent: "error", text: explain(e, locale) });
    } finally {
      setBusy(false);
    }
  };
  return { busy, outcome, run };
}

export interface FilesSectionProps {
  id: string;
  testId: string;
  title: string;
  hint: string;
  pick: { label: string; testId: string; onFiles: (files: File[]) => void };
  reading: string;
  busy: boolean;
  outcome: Outcome | null;
  outcomeTestId: string;
  children?: ReactNode;
}

export function FilesSection({ id, testId, title, hint, pick, reading, busy, outcome, outcomeTestId, children }: FilesSectionProps) {
  return (
    <section data-testid={testId} aria-labelledby={id} style={{ display: "grid", gridTemplateColumns: "minmax(0, 1fr)", gap: 8 }}>
      <Subtitle2 as="h2" id={id} style={{ margin: 0 }}>{title}</Subtitle2>
      <Caption1 as="p" style={{ margin: 0 }}>{hint}</Caption1>
      <div>
        <FilePicker label={pick.label} accept={WORKBOOK_TYPES} multiple disabled={busy} testId={pick.testId} onFiles={pick.onFiles} />
      </div>
      {busy && <ProgressPanel progress={{ label: reading }} />}
      {children}
      {outcome && (
        <MessageBar intent={outcome.intent} data-testid={outcomeTestId}>
          <MessageBarBody>{outcome.text}</MessageBarBody>
        </MessageBar>
      )}
    </section>
  );
}
