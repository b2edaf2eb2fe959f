/* global Excel, File */
// 汇总 (the certification centre): department files picked here are read in the browser by the
// file host, merged, and the summary sheets written into the open workbook. Loaded lazily: the
// pane's first load does not carry the file host (zip and XML parsing).
import { Button, Caption1, MessageBar, MessageBarBody, Subtitle2 } from "@fluentui/react-components";
import { useState } from "react";
import { mergeDepartments, mergedSheets, type MergeResult } from "../app/merge";
import { ExcelWorkbook } from "../hosts/excel/workbook";
import { readDepartment } from "../hosts/formats/read";
import { FilePicker } from "../ui/FilePicker";
import type { Strings } from "../ui/i18n";
import { ProgressPanel } from "../ui/ProgressPanel";
import { TID } from "../ui/testids";
import { WORKBOOK_TYPES } from "../ui/files";
import { explain } from "./actions";

export default function MergeView({ t }: { t: Strings }) {
  const [result, setResult] = useState<MergeResult | null>(null);
  const [message, setMessage] = useState<{ intent: "success" | "error"; text: string } | null>(null);
  const [busy, setBusy] = useState(false);

  const pick = async (files: File[]) => {
    setBusy(true);
    setMessage(null);
    try {
      const inputs = await Promise.all(files.map(async (f) => readDepartment(f.name, await f.arrayBuffer())));
      setResult(mergeDepartments(inputs));
    } catch (e) {
      setResult(null);
      setMessage({ intent: "error", text: explain(e) });
    } finally {
      setBusy(false);
    }
  };

  const write = async () => {
    if (!result) return;
    setBusy(true);
    try {
      await Excel.run(async (context) => {
        const host = new ExcelWorkbook(context);
        await host.clearWriteBack();
        await host.applyPlan({ marks: [], blocks: [], sheets: mergedSheets(result) });
      });
      setMessage({ intent: "success", text: t.mergeWritten });
    } catch (e) {
      setMessage({ intent: "error", text: explain(e) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <section data-testid={TID.merge} aria-labelledby="kz-merge-title" style={{ display: "grid", gridTemplateColumns: "minmax(0, 1fr)", gap: 8 }}>
      <Subtitle2 as="h2" id="kz-merge-title" style={{ margin: 0 }}>{t.mergeTitle}</Subtitle2>
      <Caption1 as="p" style={{ margin: 0 }}>{t.mergePickHint}</Caption1>
      <div>
        <FilePicker label={t.mergePick} accept={WORKBOOK_TYPES} multiple disabled={busy} testId={TID.mergeFiles} onFiles={(f) => void pick(f)} />
      </div>
      {busy && <ProgressPanel progress={{ label: t.mergeReading }} />}
      {result && (
        <>
          <ul data-testid={TID.mergeFilesList} style={{ margin: 0, paddingLeft: 16 }}>
            {result.files.map((f) => (
              <li key={f.file}>
                <Caption1>{t.mergeFile(f.merged, f.file, f.department || null, f.applicants, f.errors, f.reason)}</Caption1>
              </li>
            ))}
          </ul>
          <Caption1>{t.mergeTotal(result.applicants.length, result.applicants.filter((a) => a.status === "eligible" || a.status === "downgrade").length)}</Caption1>
          <Button appearance="primary" disabled={busy} data-testid={TID.mergeWrite} onClick={() => void write()}>{t.mergeWrite}</Button>
        </>
      )}
      {message && (
        <MessageBar intent={message.intent} data-testid={TID.mergeMessage}>
          <MessageBarBody>{message.text}</MessageBarBody>
        </MessageBar>
      )}
    </section>
  );
}
