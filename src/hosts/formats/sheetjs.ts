// .xls (Excel 97-2003, BIFF8, what many 教务系统 still export) and .ods (LibreOffice), read through
// SheetJS Community Edition (@e965/xlsx republishes the current release; the `xlsx` 0.18.5 on
// npm is stale with published advisories). Values only; nothing is ever written in these formats.
import type { CellObject, WorkSheet } from "@e965/xlsx";
import { UnusableWorkbook } from "../../app/port";
import type { CellValue, Grid } from "../../forms/grid";
import { serialToDate } from "../xlsx/read";

type SheetJs = typeof import("@e965/xlsx");

function value(c: CellObject | undefined, date1904: boolean, SSF: SheetJs["SSF"]): CellValue {
  if (!c) return null;
  switch (c.t) {
    case "s": return c.v === "" ? null : String(c.v);
    case "b": return Boolean(c.v);
    case "n": {
      const n = c.v as number;
      // Dates are numbers with a date format, as in .xlsx: made into dates the same way.
      return c.z && typeof c.z === "string" && SSF.is_date(c.z) ? serialToDate(n, date1904) : n;
    }
    case "d": return c.v instanceof Date ? c.v : null;
    case "e": return c.w ?? null;
    default: return null;
  }
}

function grid(name: string, ws: WorkSheet, date1904: boolean, SSF: SheetJs["SSF"]): Grid {
  const data = (ws["!data"] ?? []) as (CellObject[] | undefined)[];
  const rows: CellValue[][] = [];
  for (let r = 0; r < data.length; r++) {
    const cells = (data[r] ?? []).map((c) => value(c, date1904, SSF));
    for (let k = 0; k < cells.length; k++) if (cells[k] === undefined) cells[k] = null;
    while (cells.length && cells[cells.length - 1] === null) cells.pop();
    rows.push(cells);
  }
  return { name, rows };
}

/** Every worksheet of an .xls or .ods file as a grid, in workbook order. SheetJS (1 MB of
 * script) is loaded only when such a file comes: `kezheng --version` and .xlsx work do not pay for it. */
export async function readWithSheetJs(name: string, bytes: Uint8Array, kind: "xls" | "ods"): Promise<Grid[]> {
  const { read, SSF } = await import(/* webpackChunkName: "sheetjs" */ "@e965/xlsx");
  let wb;
  // SheetJS prints notes about number formats it does not model (LibreOffice's conditional ones)
  // to the console; they say nothing to a secretary and would fill the command line's output.
  const { error, warn } = console;
  console.error = console.warn = () => undefined;
  try {
    wb = read(bytes, { type: "array", dense: true, cellDates: false, cellNF: true, cellFormula: false, cellHTML: false, cellStyles: false, sheetStubs: false });
  } catch (e) {
    throw UnusableWorkbook.coded("LEGACY_DAMAGED", { file: name, form: kind === "xls" ? "Excel 97-2003 格式" : "ODS 格式" }, (e as Error).message);
  } finally {
    console.error = error;
    console.warn = warn;
  }
  const date1904 = Boolean(wb.Workbook?.WBProps?.date1904);
  const sheets = wb.SheetNames.filter((n) => wb.Sheets[n] && !wb.Sheets[n]["!type"]).map((n) => grid(n, wb.Sheets[n], date1904, SSF));
  if (sheets.length === 0) throw UnusableWorkbook.coded("NO_SHEETS", { file: name });
  return sheets;
}
