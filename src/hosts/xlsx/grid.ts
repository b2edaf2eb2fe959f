// ExcelJS worksheets -> Grids (values only; a merged range's value stands in its top-left cell).
import ExcelJS from "exceljs";
import type { CellValue, Grid } from "../../forms/grid";

export function cellValueOf(v: ExcelJS.CellValue): CellValue {
  if (v === null || v === undefined) return null;
  if (typeof v === "string" || typeof v === "number" || typeof v === "boolean" || v instanceof Date) return v;
  if (typeof v === "object") {
    if ("richText" in v && Array.isArray(v.richText)) return v.richText.map((r) => r.text).join("");
    if ("formula" in v || "sharedFormula" in v) return cellValueOf((v as ExcelJS.CellFormulaValue).result as ExcelJS.CellValue);
    if ("text" in v && "hyperlink" in v) return cellValueOf((v as ExcelJS.CellHyperlinkValue).text);
    if ("error" in v) return String((v as ExcelJS.CellErrorValue).error);
  }
  return null;
}

/** Both readers end a row the same way: "" read as blank, no trailing blanks. */
export function finishRow(cells: CellValue[]): CellValue[] {
  for (let i = 0; i < cells.length; i++) if (cells[i] === undefined || cells[i] === "") cells[i] = null;
  let end = cells.length;
  while (end > 0 && cells[end - 1] === null) end--;
  cells.length = end;
  return cells;
}

export function worksheetGrid(ws: ExcelJS.Worksheet): Grid {
  const rows: CellValue[][] = [];
  ws.eachRow({ includeEmpty: false }, (row, r) => {
    const cells: CellValue[] = [];
    row.eachCell({ includeEmpty: false }, (cell, c) => {
      if (cell.type === ExcelJS.ValueType.Merge) return;
      cells[c - 1] = cellValueOf(cell.value);
    });
    rows[r - 1] = finishRow(cells);
  });
  for (let i = 0; i < rows.length; i++) if (rows[i] === undefined) rows[i] = [];
  return { name: ws.name, rows };
}
