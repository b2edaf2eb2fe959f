// The Workbook port on Office.js. Every function takes its RequestContext (tests count its syncs).
import type { WorkbookPort } from "../../app/port";
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

  readSheets(): Promise<Grid[]> {
    return readGrids(this.context, this.batch);
  }

  clearWriteBack(): Promise<boolean> {
    return clearWriteBack(this.context, this.batch, this.caps);
  }

  async applyPlan(plan: WritePlan): Promise<void> {
    await applyPlan(this.context, plan, this.batch, this.caps);
  }
}
