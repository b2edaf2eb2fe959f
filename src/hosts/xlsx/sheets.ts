// New workbooks made from plain data: the template, the demo's department, the centre's summary.
import type { SheetData } from "../../app/synthetic";
import type { SheetSpec } from "../../forms/sheetspec";
import { addDefinedName } from "./book";
import { XlsxPackage } from "./package";
import { Styles } from "./styles";
import { writeNewSheet } from "./writeback";

/** Plain rows as a SheetSpec: values only, text columns kept as text. */
export function sheetDataSpec(sheet: SheetData): SheetSpec {
  return {
    name: sheet.name, merges: sheet.merges, widths: [], textColumns: sheet.textColumns?.filter((c) => c >= 0),
    rows: sheet.rows.map((r) => r.map((v) => (v === null || v === undefined ? null : { value: v }))),
  };
}

/** A new workbook holding these sheets, in order. */
export function newWorkbook(specs: readonly SheetSpec[], fileName = "新工作簿.xlsx"): XlsxPackage {
  const pkg = XlsxPackage.blank(fileName);
  const styles = new Styles(pkg);
  for (const spec of specs) writeNewSheet(pkg, styles, spec, spec.name);
  styles.save();
  return pkg;
}

/** A new workbook that says what it is by a workbook-level name of ours on its first sheet
 * (the centre's summary: a later merge does not take it for a department). */
export function newMarkedWorkbook(specs: readonly SheetSpec[], mark: string, fileName?: string): XlsxPackage {
  const pkg = newWorkbook(specs, fileName);
  addDefinedName(pkg, mark, null, `'${specs[0].name.replace(/'/g, "''")}'!$A$1`);
  return pkg;
}

export const sheetsToWorkbook = (sheets: readonly SheetData[]) => newWorkbook(sheets.map(sheetDataSpec));
