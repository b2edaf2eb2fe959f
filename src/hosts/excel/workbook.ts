// The Workbook port on Office.js. Every function takes its RequestContext (tests count its syncs).
import { CONTROL_SHEET } from "../../app/control";
import type { Progress, WorkbookPort } from "../../app/port";
import type { WritePlan } from "../../app/writeback";
import type { Grid } from "../../forms/grid";
import { Batch } from "./batch";
import { readGrids } from "./read";
import { applyPlan, capabilities, clearWriteBack, type Capabilities } from "./writeback";

export class ExcelWorkbook implements WorkbookPort {
  readonly batch: Batch;

  constructor(readonly context: Excel.RequestContext, readonly caps: Capabilities = capabilities()) {
    this.batch = new Batch(context);
  }

  /** Sheet names as the last read saw them. */
  private names: string[] | null = null;

  async readSheets(progress?: Progress): Promise<Grid[]> {
    const grids = await readGrids(this.context, this.batch, progress);
    this.names = grids.map((g) => g.name);
    return grids;
  }

  /** Within one run the read has just listed the sheets: without a journal there is nothing to clear, no round trip needed. */
  async clearWriteBack(): Promise<boolean> {
    if (this.names && !this.names.includes(CONTROL_SHEET)) return false;
    this.names = null;
    return clearWriteBack(this.context, this.batch, this.caps);
  }

  async applyPlan(plan: WritePlan, progress?: Progress): Promise<void> {
    this.names = null;
    await applyPlan(this.context, plan, this.batch, this.caps, progress);
  }
}
