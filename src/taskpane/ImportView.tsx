/* global Excel, File */
// 导入成绩: 教务系统 exports picked here are read in the browser (any readable format), shown,
// and on 写入 written into the open workbook as the register sheet. Loaded lazily, like 汇总.
import { Button, Caption1, MessageBar, MessageBarBody, Subtitle2 } from "@fluentui/react-components";
import { useState } from "react";
import { importGrades, IMPORT_MARK, type ImportResult } from "../app/import";
import { ExcelWorkbook } from "../hosts/excel/workbook";
import { writeMarkedSheet } from "../hosts/excel/writeback";
import { readAnyGrids } from "../hosts/formats/read";
import { FilePicker } from "../ui/FilePicker";
import { WORKBOOK_TYPES } from "../ui/files";
import type { Strings } from "../ui/i18n";
import { ImportSummary } from "../ui/ImportSummary";
import { ProgressPanel } from "../ui/ProgressPanel";
import { TID } from "../ui/testids";
import { explain } from "./actions";

export default function ImportView({ t }: { t: Strings }) {
  const [result, setResult] = useState<ImportResult | null>(null);
  const [message, setMessage] = useState<{ intent: "success" | "error"; text: string } | null>(null);
  const [busy, setBusy] = useState(false);

  const pick = async (files: File[]) => {
    setBusy(true);
    setMessage(null);
    setResult(null);
    try {
      const sources = [];
      for (const f of files) sources.push({ file: f.name, grids: await readAnyGrids(f.name, new Uint8Array(await f.arrayBuffer())) });
      const workbook = await Excel.run((context) => new ExcelWorkbook(context).readSheets());
      setResult(importGrades(sources, workbook));
    } catch (e) {
      setMessage({ intent: "error", text: explain(e) });
    } finally {
      setBusy(false);
    }
  };

  const write = async () => {
    if (!result) return;
    setBusy(true);
    try {
      const name = await Excel.run((context) => writeMarkedSheet(context, result.sheet, IMPORT_MARK));
      setMessage({ intent: "success", text: t.importWritten(name) });
    } catch (e) {
      setMessage({ intent: "error", text: explain(e) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <section data-testid={TID.importView} aria-labelledby="kz-import-title" style={{ display: "grid", gridTemplateColumns: "minmax(0, 1fr)", gap: 8 }}>
      <Subtitle2 as="h2" id="kz-import-title" style={{ margin: 0 }}>{t.importTitle}</Subtitle2>
      <Caption1 as="p" style={{ margin: 0 }}>{t.importHint}</Caption1>
      <div>
        <FilePicker label={t.importPick} accept={WORKBOOK_TYPES} multiple disabled={busy} testId={TID.importPick} onFiles={(f) => void pick(f)} />
      </div>
      {busy && <ProgressPanel progress={{ label: t.importReading }} />}
      {result && (
        <>
          <ImportSummary result={result} t={t} />
          <Button appearance="primary" disabled={busy} data-testid={TID.importWrite} onClick={() => void write()}>{t.importWrite}</Button>
        </>
      )}
      {message && (
        <MessageBar intent={message.intent} data-testid={TID.importMessage}>
          <MessageBarBody>{message.text}</MessageBarBody>
        </MessageBar>
      )}
    </section>
  );
}
