// The Workbook port: what the use cases need from a host (ExcelJS files, Office.js).
import type { Grid } from "../forms/grid";

export interface WorkbookPort {
  /** Every sheet as a grid of values, in workbook order; generated sheets flagged. */
  readSheets(): Promise<Grid[]>;
}

/** The workbook cannot be used at all: one line for the user, what is wrong and what to do. */
export class UnusableWorkbook extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UnusableWorkbook";
  }
}
