/* global Excel, File */
// 导入成绩: 教务系统 exports picked here are read in the browser (any readable format), shown,
// and on 写入 written into the open workbook as the register sheet. Loaded lazily, like 汇总.
import { Button } from "@fluentui/react-components";
import { useState } from "react";
import { importGrades, IMPORT_MARK, type ImportResult } from "../app/import";
import { ExcelWorkbook } from "../hosts/excel/workbook";
import { writeMarkedSheet } from "../hosts/excel/writeback";
import { readAnyGrids } from "../hosts/formats/read";
import type { Strings } from "../ui/i18n";
import { ImportSummary } from "../ui/ImportSummary";
import { TID } from "../ui/testids";
import { FilesSection, useStep } from "./FilesSection";

export default function ImportView({ t }: { t: Strings }) {
  const [result, setResult] = useState<ImportResult | null>(null);
  const { busy, outcome, run } = useStep(t.locale);

  const pick = (files: File[]) => run(async () => {
    setResult(null);
    const sources = [];
    for (const f of files) sources.push({ file: f.name, grids: await readAnyGrids(f.name, new Uint8Array(await f.arrayBuffer())) });
    const workbook = await Excel.run((context) => new ExcelWorkbook(context).readSheets());
    setResult(importGrades(sources, workbook));
    return null;
  });

  const write = (read: ImportResult) => run(async () => t.importWritten(await Excel.run((context) => writeMarkedSheet(context, read.sheet, IMPORT_MARK))));

  return (
    <FilesSection id="kz-import-title" testId={TID.importView} title={t.importTitle} hint={t.importHint} reading={t.importReading}
      pick={{ label: t.importPick, testId: TID.importPick, onFiles: (f) => void pick(f) }} busy={busy} outcome={outcome} outcomeTestId={TID.importMessage}>
      {result && (
        <>
          <ImportSummary result={result} t={t} />
          <Button appearance="primary" disabled={busy} data-testid={TID.importWrite} onClick={() => void write(result)}>{t.importWrite}</Button>
        </>
      )}
    </FilesSection>
  );
}
