// ExcelJS as one more writer of fixtures (and an independent reader): workbooks the product did not write.
import ExcelJS from "exceljs";
import type { SheetData } from "../../src/app/synthetic";

export function excelJsWorkbook(sheets: readonly SheetData[]): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  for (const sheet of sheets) {
    const ws = wb.addWorksheet(sheet.name);
    for (const c of sheet.textColumns ?? []) if (c >= 0) ws.getColumn(c + 1).numFmt = "@";
    sheet.rows.forEach((row, r) => {
      if (row.length > 0) ws.getRow(r + 1).values = row.map((v) => (v === null ? undefined : v)) as ExcelJS.CellValue[];
    });
    for (const m of sheet.merges) ws.mergeCells(m);
  }
  return wb;
}
