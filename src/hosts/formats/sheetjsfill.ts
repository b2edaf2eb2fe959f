// .xls templates (what several evaluation systems still hand out, and want back): read and written
// through SheetJS Community Edition. Its .xls writer keeps values, number formats, merges and
// sheets (hidden ones hidden); it does not write cell styles (borders, fonts, fills) or data
// validations, and it cannot read validations, so the example row's wording stands in for lists.
import type { CellObject, WorkBook, WorkSheet } from "@e965/xlsx";
import { noTemplateHeader, refuseFilled } from "../../app/fill";
import { UnusableWorkbook } from "../../app/port";
import { chooseTemplateSheet, planFill, type ColumnFormat, type FillOptions, type FillPlan, type FillSource } from "../../forms/fill";
import type { CellValue, Grid } from "../../forms/grid";
import { dateToSerial } from "../xlsx/cells";
import { serialToDate } from "../xlsx/read";

type SheetJs = typeof import("@e965/xlsx");

function gridOf(name: string, ws: WorkSheet, x: SheetJs, date1904: boolean): Grid {
  const rows: CellValue[][] = [];
  if (!ws["!ref"]) return { name, rows };
  const range = x.utils.decode_range(ws["!ref"]);
  for (let r = 0; r <= range.e.r; r++) {
    const cells: CellValue[] = [];
    for (let c = 0; c <= range.e.c; c++) {
      const cell = ws[x.utils.encode_cell({ r, c })] as CellObject | undefined;
      let v: CellValue = null;
      if (cell?.t === "s") v = cell.v === "" ? null : String(cell.v);
      else if (cell?.t === "n") v = typeof cell.z === "string" && x.SSF.is_date(cell.z) ? serialToDate(cell.v as number, date1904) : (cell.v as number);
      else if (cell?.t === "b") v = Boolean(cell.v);
      cells.push(v);
    }
    while (cells.length && cells[cells.length - 1] === null) cells.pop();
    rows.push(cells);
  }
  return { name, rows };
}

function formatOf(cell: CellObject | undefined, x: SheetJs): ColumnFormat | null {
  const z = cell?.z;
  if (typeof z !== "string" || z === "General") return null;
  if (z === "@") return "text";
  return x.SSF.is_date(z) ? "date" : "general";
}

export async function fillXls(name: string, bytes: Uint8Array, source: FillSource, options: FillOptions): Promise<{ plan: FillPlan; bytes: Uint8Array }> {
  const x = await import(/* webpackChunkName: "sheetjs" */ "@e965/xlsx");
  let wb: WorkBook;
  const { error, warn } = console;
  console.error = console.warn = () => undefined;
  try {
    wb = x.read(bytes, { type: "array", cellNF: true, cellStyles: true, cellDates: false, sheetStubs: true });
  } catch (e) {
    throw UnusableWorkbook.coded("TEMPLATE_XLS_DAMAGED", { file: name }, (e as Error).message);
  } finally {
    console.error = error;
    console.warn = warn;
  }
  const date1904 = Boolean(wb.Workbook?.WBProps?.date1904);
  const sheets = wb.SheetNames.map((n, i) => ({ grid: gridOf(n, wb.Sheets[n], x, date1904), hidden: Boolean(wb.Workbook?.Sheets?.[i]?.Hidden) }));
  const chosen = chooseTemplateSheet(sheets);
  if (!chosen) throw noTemplateHeader(name);
  const ws = wb.Sheets[wb.SheetNames[chosen.index]];
  const grid = sheets[chosen.index].grid;
  const formats = new Map<number, ColumnFormat>();
  const width = (grid.rows[chosen.headerRow] ?? []).length;
  for (let c = 0; c < width; c++) {
    for (let r = chosen.headerRow + 1; r <= chosen.headerRow + 5; r++) {
      const f = formatOf(ws[x.utils.encode_cell({ r, c })] as CellObject | undefined, x);
      if (f) {
        formats.set(c, f);
        break;
      }
    }
  }
  const plan = planFill({ grid, headerRow: chosen.headerRow, lists: new Map(), formats }, source, options);
  refuseFilled(plan, name, !!options.append);
  const set = (r: number, c: number, v: CellValue) => {
    const addr = x.utils.encode_cell({ r, c });
    const old = ws[addr] as CellObject | undefined;
    // The cell's number format stays (a blank formatted cell is a stub: sheetStubs).
    const z = typeof old?.z === "string" ? { z: old.z } : {};
    if (v === null) ws[addr] = { t: "z", ...z };
    else if (v instanceof Date) ws[addr] = { t: "n", v: dateToSerial(v) - (date1904 ? 1462 : 0), z: z.z ?? "yyyy-mm-dd" };
    else if (typeof v === "number") ws[addr] = { t: "n", v, ...z };
    else if (typeof v === "boolean") ws[addr] = { t: "b", v, ...z };
    else ws[addr] = { t: "s", v, ...z };
  };
  plan.rows.forEach((values, i) => values.forEach((v, c) => v !== null && set(plan.firstRow + i, c, v)));
  for (const b of plan.blanks) for (const c of b.cols) set(b.row, c, null);
  const range = x.utils.decode_range(ws["!ref"] ?? "A1");
  range.e.r = Math.max(range.e.r, plan.firstRow + plan.rows.length - 1);
  ws["!ref"] = x.utils.encode_range(range);
  const out = x.write(wb, { bookType: "xls", type: "array" }) as ArrayBuffer;
  return { plan, bytes: new Uint8Array(out) };
}
