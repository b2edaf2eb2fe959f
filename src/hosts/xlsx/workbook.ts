// The Workbook port on .xlsx packages: files for the command line, and other workbooks inside the
// task pane (the same code in Node and in the browser: bytes in, bytes out).
import { userGrids } from "../../app/control";
import { noSkips, SHEET_MARK, type JournalSkips } from "../../app/journal";
import type { Progress, WorkbookPort } from "../../app/port";
import type { WritePlan } from "../../app/writeback";
import type { Grid } from "../../forms/grid";
import { assertWorkbookBytes, basename } from "./open";
import { withinPackage, XlsxPackage } from "./package";
import { readJournal, sheetsMarked } from "./journal";
import { placedPhotos } from "./pictures";
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

  /** What the last clear left alone because it no longer held what we wrote. */
  skips: JournalSkips = noSkips();

  /** The sheets as the user made them: ours flagged, the cells of ours the journal finds blanked. */
  async readSheets(progress?: Progress): Promise<Grid[]> {
    return withinPackage(this.pkg, () => {
      const grids = readGrids(this.pkg, progress);
      const journal = readJournal(this.pkg);
      this.ours = journal?.ours ?? new Set(sheetsMarked(this.pkg, SHEET_MARK));
      return userGrids(grids, { sheets: this.ours, journal: journal?.sheet ?? null, resolved: journal?.resolved ?? null });
    });
  }

  /** Our sheets as readSheets found them (reading the journal again costs seconds at 5,000 applicants). */
  private ours: Set<string> | null = null;

  /** The photos on the 备案表 the last run wrote (sheets found by our mark, pictures by their key). */
  async placedPhotos(): Promise<ReadonlyMap<string, () => Uint8Array>> {
    return withinPackage(this.pkg, () => {
      const ours = this.ours ?? readJournal(this.pkg)?.ours ?? new Set(sheetsMarked(this.pkg, SHEET_MARK));
      return placedPhotos(this.pkg, [...ours]);
    });
  }

  async clearWriteBack(): Promise<boolean> {
    this.ours = null;
    this.skips = noSkips();
    return withinPackage(this.pkg, () => clearWriteBack(this.pkg, this.skips));
  }

  async applyPlan(plan: WritePlan): Promise<void> {
    withinPackage(this.pkg, () => applyPlan(this.pkg, plan));
  }

  /** The workbook as .xlsx bytes (zip chunks); `progress` counts parts written. */
  toChunks(progress?: Progress): Uint8Array[] {
    return this.pkg.write(undefined, progress);
  }
}
