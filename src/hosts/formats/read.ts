// Any workbook file the product reads, as grids: .xlsx/.xlsm through the file host, .xls and .ods
// through SheetJS, .csv by hand; decided by the bytes (a .csv saved with an .xls name is still a
// .csv). Write-back needs .xlsx: these grids are for check, merge and (later) import.
import { SUMMARY_MARK, type DepartmentInput } from "../../app/merge";
import { messageFor } from "../../domain/messages";
import { markedSheet } from "../xlsx/book";
import { userGridsWithoutNames } from "../../app/control";
import { UnusableWorkbook } from "../../app/port";
import { HEADER_SCAN_ROWS } from "../../forms/detect";
import { SUMMARY_HEADERS } from "../../forms/generated";
import { cellText, type Grid } from "../../forms/grid";
import { basename, readableKind } from "../xlsx/open";
import { withinPackage } from "../xlsx/package";
import { XlsxWorkbook } from "../xlsx/workbook";
import { readCsv } from "./csv";
import { assertWithinLimits } from "./limits";
import { readWithSheetJs } from "./sheetjs";

export async function readAnyGrids(file: string, bytes: Uint8Array): Promise<Grid[]> {
  const kind = readableKind(file, bytes);
  const name = basename(file);
  if (kind !== "xlsx") assertWithinLimits(name, bytes, kind);
  switch (kind) {
    case "xlsx": return XlsxWorkbook.fromBytes(file, bytes).readSheets();
    case "xls":
    case "ods": return userGridsWithoutNames(await readWithSheetJs(name, bytes, kind));
    case "csv": return [readCsv(name.replace(/\.[^.]*$/, ""), bytes, name)];
  }
}

/**
 * The departments' files for the merge, each workbook once: a file whose bytes equal an earlier
 * one's (the same file named twice, or a folder and a file in it) and a summary the product wrote
 * (last week's 汇总.xlsx left in the folder) are not merged, each with a note; everyone in them
 * would otherwise count twice and get two certificate numbers. A file that cannot be used is
 * one more reason; the rest go on.
 */
export async function readDepartments(sources: readonly { file: string; bytes: () => Promise<Uint8Array | ArrayBuffer> }[]): Promise<DepartmentInput[]> {
  const seen: { file: string; bytes: Uint8Array }[] = [];
  const inputs: DepartmentInput[] = [];
  for (const { file, bytes } of sources) {
    const name = basename(file);
    try {
      const raw = await bytes();
      const b = raw instanceof Uint8Array ? raw : new Uint8Array(raw);
      const twin = seen.find((s) => sameBytes(s.bytes, b));
      if (twin) {
        inputs.push({ file: name, skipped: messageFor("FILE_SAME_AS", { other: twin.file }) });
        continue;
      }
      seen.push({ file: name, bytes: b });
      const pkg = readableKind(file, b) === "xlsx" ? XlsxWorkbook.fromBytes(file, b).pkg : null;
      const marked = pkg !== null && withinPackage(pkg, () => markedSheet(pkg, SUMMARY_MARK)) !== null;
      const grids = marked ? [] : await readAnyGrids(file, b);
      // Our mark, or (saved as .xls/.ods, where names may not survive) our 汇总情况's header.
      if (marked || grids.some(isSummaryStatus)) {
        inputs.push({ file: name, skipped: messageFor("FILE_IS_SUMMARY"), summary: true });
        continue;
      }
      inputs.push({ file: name, grids });
    } catch (e) {
      if (e instanceof UnusableWorkbook) inputs.push({ file: name, error: e.message });
      else throw e;
    }
  }
  return inputs;
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

const isSummaryStatus = (g: Grid) => g.rows.slice(0, HEADER_SCAN_ROWS).some((r) => SUMMARY_HEADERS.every((h, i) => cellText(r[i] ?? null) === h));
