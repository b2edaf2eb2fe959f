// The Workbook port on Office.js. Every function takes its RequestContext (tests count its syncs).
import { CONTROL_SHEET, rawText, userGrids } from "../../app/control";
import { resolveJournal } from "../../app/journal";
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

  /** The sheets as the user made them. This host still writes the journal of literal ranges, read
   * as one: a written column is ours only where its header still is (control.ts, journal.ts). */
  async readSheets(progress?: Progress): Promise<Grid[]> {
    const grids = await readGrids(this.context, this.batch, progress);
    this.names = grids.map((g) => g.name);
    const journal = grids.find((g) => g.name === CONTROL_SHEET);
    if (!journal) return grids;
    const byName = new Map(grids.map((g) => [g.name, g]));
    const rows = journal.rows.slice(1).filter((r) => r.length).map((r) => ({ kind: rawText(r[0] ?? null), sheet: rawText(r[1] ?? null), where: rawText(r[2] ?? null), data: rawText(r[3] ?? null) }));
    const resolved = resolveJournal(rows, {
      anchor: () => null,
      has: (n) => byName.has(n) && n !== CONTROL_SHEET,
      cell: (sheet, row, col) => ({ formula: false, value: byName.get(sheet)?.rows[row]?.[col] ?? null }),
      find: () => [],
    });
    return userGrids(grids, { sheets: new Set(), journal: CONTROL_SHEET, resolved });
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
