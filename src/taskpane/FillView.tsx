/* global Excel, File, URL, Blob, document */
// 填写上报模板 in the pane: the template picked here is filled from the open workbook's roster (as
// `kezheng fill` does from a file) and offered as a download; the open workbook is not changed.
// Loaded lazily, like 汇总: the pane's first load does not carry the file host.
import { Link } from "@fluentui/react-components";
import { useState } from "react";
import { checkGrids } from "../app/check";
import { filledName, fillSourceOf } from "../app/fill";
import { ExcelWorkbook } from "../hosts/excel/workbook";
import { fillTemplate } from "../hosts/formats/fill";
import { FillSummary, type FillShown } from "../ui/FillSummary";
import type { Strings } from "../ui/i18n";
import { TID } from "../ui/testids";
import { FilesSection, useStep } from "./FilesSection";

export default function FillView({ t }: { t: Strings }) {
  const [shown, setShown] = useState<FillShown | null>(null);
  const [download, setDownload] = useState<{ name: string; url: string } | null>(null);
  const { busy, outcome, run } = useStep(t.locale);

  const pick = (files: File[]) => run(async () => {
    setShown(null);
    const template = files[0];
    const grids = await Excel.run((context) => new ExcelWorkbook(context).readSheets());
    const filled = await fillTemplate(template.name, new Uint8Array(await template.arrayBuffer()), fillSourceOf(checkGrids(grids)));
    const chunks = filled.kind === "xlsx" ? filled.pkg.write() : [filled.bytes];
    const name = filledName(template.name);
    if (download) URL.revokeObjectURL(download.url);
    const url = URL.createObjectURL(new Blob(chunks as BlobPart[], { type: filled.kind === "xls" ? "application/vnd.ms-excel" : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" }));
    setDownload({ name, url });
    const a = document.createElement("a");
    a.href = url;
    a.download = name;
    a.click();
    const p = filled.plan;
    setShown({ sheet: p.sheet, headerRow: p.headerRow, columns: p.columns, firstRow: p.firstRow, rows: p.rows.length, emptyColumns: p.emptyColumns, issues: p.issues });
    return t.downloaded(name);
  });

  return (
    <FilesSection id="kz-fill-title" testId={TID.fillView} title={t.fillName} hint={t.fillTitle} reading={t.fillReading}
      pick={{ label: t.fillPick, testId: TID.fillPick, onFiles: (f) => void pick(f) }} busy={busy} outcome={outcome} outcomeTestId={TID.fillMessage}>
      {shown && <FillSummary result={shown} t={t} />}
      {shown && download && <Link href={download.url} download={download.name} data-testid={TID.download}>{t.downloadAgain(download.name)}</Link>}
    </FilesSection>
  );
}
