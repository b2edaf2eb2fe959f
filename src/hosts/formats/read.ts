// Any workbook file the product reads, as grids: .xlsx/.xlsm through the file host, .xls and .ods
// through SheetJS, .csv by hand; decided by the bytes (a .csv saved with an .xls name is still a
// .csv). Write-back needs .xlsx: these grids are for check, merge and (later) import.
import type { DepartmentInput } from "../../app/merge";
import { UnusableWorkbook } from "../../app/port";
import type { Grid } from "../../forms/grid";
import { basename, readableKind } from "../xlsx/open";
import { XlsxWorkbook } from "../xlsx/workbook";
import { readCsv } from "./csv";
import { readWithSheetJs } from "./sheetjs";

export async function readAnyGrids(file: string, bytes: Uint8Array): Promise<Grid[]> {
  const kind = readableKind(file, bytes);
  const name = basename(file);
  switch (kind) {
    case "xlsx": return XlsxWorkbook.fromBytes(file, bytes).readSheets();
    case "xls":
    case "ods": return readWithSheetJs(name, bytes, kind);
    case "csv": return [readCsv(name.replace(/\.[^.]*$/, ""), bytes)];
  }
}

/** A department's file for the centre's merge: its grids, or why it cannot be used (the rest go on).
 * `bytes` reads the file: a file that cannot even be read is one more such reason. */
export async function readDepartment(file: string, bytes: () => Promise<Uint8Array | ArrayBuffer>): Promise<DepartmentInput> {
  try {
    const b = await bytes();
    return { file: basename(file), grids: await readAnyGrids(file, b instanceof Uint8Array ? b : new Uint8Array(b)) };
  } catch (e) {
    if (e instanceof UnusableWorkbook) return { file: basename(file), error: e.message };
    throw e;
  }
}
