// The Workbook port on .xlsx packages: files for the command line, and other workbooks inside the
// task pane (the same code in Node and in the browser: bytes in, bytes out).
import type { Progress, WorkbookPort } from "../../app/port";
import type { WritePlan } from "../../app/writeback";
import type { Grid } from "../../forms/grid";
import { assertWorkbookBytes, basename } from "./open";
import { XlsxPackage } from "./package";
import { readGrids } from "./read";
import { applyPlan, clearWriteBack } from "./writeback";

export class XlsxWorkbook implements WorkbookPort {
  constructor(readonly pkg: XlsxPackage) {}

  /** Opens a department's file from its bytes; anything unusable is one clear line (UnusableWorkbook). */
  static fromBytes(file: string, bytes: Uint8Array | ArrayBuffer): XlsxWorkbook {
    const b = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
    assertWorkbookBytes(file, b);
    return new XlsxWorkbook(XlsxPackage.open(basename(file), b));
  }

  async readSheets(progress?: Progress): Promise<Grid[]> {
    return readGrids(this.pkg, progress);
  }

  async clearWriteBack(): Promise<boolean> {
    return clearWriteBack(this.pkg);
  }

  async applyPlan(plan: WritePlan): Promise<void> {
    applyPlan(this.pkg, plan);
  }

  /** The workbook as .xlsx bytes (zip chunks); `progress` counts parts written. */
  toChunks(progress?: Progress): Uint8Array[] {
    return this.pkg.write(undefined, progress);
  }
}
