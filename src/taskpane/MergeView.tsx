/* global Excel, File */
// 汇总 (the certification centre): department files picked here are read in the browser by the
// file host, merged, and the summary sheets written into the open workbook. Loaded lazily: the
// pane's first load does not carry the file host (zip and XML parsing).
import { Button, Caption1 } from "@fluentui/react-components";
import { useState } from "react";
import { mergeDepartments, mergedSheets, type MergeResult } from "../app/merge";
import { ExcelWorkbook } from "../hosts/excel/workbook";
import { readDepartments } from "../hosts/formats/read";
import type { Strings } from "../ui/i18n";
import { TID } from "../ui/testids";
import { FilesSection, useStep } from "./FilesSection";

export default function MergeView({ t }: { t: Strings }) {
  const [result, setResult] = useState<MergeResult | null>(null);
  const { busy, outcome, run } = useStep(t.locale);

  const pick = (files: File[]) => run(async () => {
    setResult(null);
    const inputs = await readDepartments(files.map((f) => ({ file: f.name, bytes: () => f.arrayBuffer() })));
    setResult(mergeDepartments(inputs));
    return null;
  });

  const write = (merged: MergeResult) => run(async () => {
    await Excel.run(async (context) => {
      const host = new ExcelWorkbook(context);
      await host.clearWriteBack();
      await host.applyPlan({ marks: [], blocks: [], sheets: mergedSheets(merged) });
    });
    return t.mergeWritten;
  });

  return (
    <FilesSection id="kz-merge-title" testId={TID.merge} title={t.mergeTitle} hint={t.mergePickHint} reading={t.mergeReading}
      pick={{ label: t.mergePick, testId: TID.mergeFiles, onFiles: (f) => void pick(f) }} busy={busy} outcome={outcome} outcomeTestId={TID.mergeMessage}>
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
          <Button appearance="primary" disabled={busy} data-testid={TID.mergeWrite} onClick={() => void write(result)}>{t.mergeWrite}</Button>
        </>
      )}
    </FilesSection>
  );
}
