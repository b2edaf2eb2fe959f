// The Workbook port on ExcelJS: files for the command line, and other workbooks inside the task pane.
import ExcelJS from "exceljs";
import type { WorkbookPort } from "../../app/port";
import type { WritePlan } from "../../app/writeback";
import type { Grid } from "../../forms/grid";
import { worksheetGrid } from "./grid";
import { applyPlan, clearWriteBack } from "./writeback";

export class XlsxWorkbook implements WorkbookPort {
  constructor(readonly workbook: ExcelJS.Workbook) {}

  async readSheets(): Promise<Grid[]> {
    return this.workbook.worksheets.map((ws) => worksheetGrid(ws));
  }

  async clearWriteBack(): Promise<boolean> {
    return clearWriteBack(this.workbook);
  }

  async applyPlan(plan: WritePlan): Promise<void> {
    applyPlan(this.workbook, plan);
  }
}
