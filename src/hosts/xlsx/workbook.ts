// The Workbook port on ExcelJS: files for the command line, and other workbooks inside the task pane.
import ExcelJS from "exceljs";
import type { WorkbookPort } from "../../app/port";
import type { Grid } from "../../forms/grid";
import { worksheetGrid } from "./grid";

export class XlsxWorkbook implements WorkbookPort {
  constructor(readonly workbook: ExcelJS.Workbook) {}

  async readSheets(): Promise<Grid[]> {
    return this.workbook.worksheets.map((ws) => worksheetGrid(ws, isGeneratedSheet(ws)));
  }
}

/** Sheets Kezheng writes are recognised as generated and never read as forms. */
export function isGeneratedSheet(ws: ExcelJS.Worksheet): boolean {
  return ws.name.startsWith("_kz");
}
