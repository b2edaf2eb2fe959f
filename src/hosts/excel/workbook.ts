// The Workbook port on Office.js. Every function takes its RequestContext (tests count its syncs).
import { userGrids } from "../../app/control";
import { noSkips, type JournalSkips } from "../../app/journal";
import type { Progress, WorkbookPort } from "../../app/port";
import type { WritePlan } from "../../app/writeback";
import type { Grid } from "../../forms/grid";
import { Batch } from "./batch";
import { queueSheetNames, readJournal, type SheetNames } from "./journal";
import { readGrids } from "./read";
import { applyPlan, capabilities, clearWriteBack, type Capabilities } from "./writeback";

export class ExcelWorkbook implements WorkbookPort {
  readonly batch: Batch;

  constructor(readonly context: Excel.RequestContext, readonly caps: Capabilities = capabilities()) {
    this.batch = new Batch(context);
  }

  /** The last read found nothing of ours (no journal, no marked sheet, no name of ours). */
  private nothingOurs = false;

  /** What the last clear left alone because it no longer held what we wrote. */
  skips: JournalSkips = noSkips();

  /** The sheets as the user made them: ours flagged, the cells of ours the journal finds blanked
   * (the names are read in the request that reads the used ranges). */
  async readSheets(progress?: Progress): Promise<Grid[]> {
    let names: SheetNames | null = null;
    const grids = await readGrids(this.context, this.batch, progress, (list) => (names = queueSheetNames(this.context, list)));
    const journal = await readJournal(this.context, this.batch, names as unknown as SheetNames, this.caps, grids);
    this.nothingOurs = !journal.sheet && journal.ours.size === 0 && journal.names.length === 0;
    return userGrids(grids, { sheets: journal.ours, journal: journal.sheet, resolved: journal.resolved });
  }

  /** Within one run the read has just looked: with nothing of ours there is nothing to clear, no round trip needed. */
  async clearWriteBack(): Promise<boolean> {
    this.skips = noSkips();
    if (this.nothingOurs) return false;
    return clearWriteBack(this.context, this.batch, this.caps, this.skips);
  }

  async applyPlan(plan: WritePlan, progress?: Progress): Promise<void> {
    this.nothingOurs = false;
    await applyPlan(this.context, plan, this.batch, this.caps, progress);
  }
}
