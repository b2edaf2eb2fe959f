// The Workbook port: what the use cases need from a host (.xlsx packages, Office.js), and what they
// hand it (the write plan). Types and the one error class only: it imports nothing else of app/, so
// app/ has no import circle through it.
import { messageFor, type IssueCode, type MessageParams } from "../domain/messages";
import type { Grid } from "../forms/grid";
import type { SheetSpec, SpecCell } from "../forms/sheetspec";

export type MarkKind = "error" | "warning" | "missing" | "incomplete";

export interface Mark {
  sheet: string;
  row: number;
  col: number;
  kind: MarkKind;
  /** The cell's note, or null for a fill only. */
  note: string | null;
}

/** Cells written into a user sheet, right of its last used column (all empty before). */
export interface Block {
  sheet: string;
  row: number;
  col: number;
  cells: (SpecCell | null)[][];
  widths: number[];
  /** 0-based sheet columns to hide (score helpers). */
  hiddenCols: number[];
}

export interface WritePlan {
  marks: Mark[];
  blocks: Block[];
  /** The generated sheets, then the hidden data sheet. */
  sheets: SheetSpec[];
  /** The photos the 备案表's pictures show (#19), by key (forms/photobox.ts photoKey): read when written. */
  photos?: ReadonlyMap<string, () => Uint8Array>;
}

/** How far a long step has got, where the host can count it: done of total (rows read, sheets written). */
export type Progress = (done: number, total: number) => void;

export interface WorkbookPort {
  /** Every sheet as a grid of values, in workbook order. */
  readSheets(progress?: Progress): Promise<Grid[]>;
  /** Removes everything the product wrote, restoring what was there; false when there was nothing. */
  clearWriteBack(): Promise<boolean>;
  /** Writes a plan into a workbook that holds nothing of ours. */
  applyPlan(plan: WritePlan, progress?: Progress): Promise<void>;
  /** The photos the last run placed on its 备案表 (#19), by key, where the host can read them back. */
  placedPhotos?(): Promise<ReadonlyMap<string, () => Uint8Array>>;
}

/** The workbook cannot be used at all: one line for the user, what is wrong and what to do. */
export class UnusableWorkbook extends Error {
  /** `message` is what the user reads (Chinese, one line); `detail` is the technical cause
   * (a library's English), for support: the CLI prints it with KEZHENG_DEBUG=1, the page logs it. */
  constructor(message: string, readonly detail?: string, readonly code?: IssueCode, readonly params?: MessageParams) {
    super(message);
    this.name = "UnusableWorkbook";
  }

  /** A coded reason from the message table: the CLI, the page and the pane all show its zh-CN
   * message; `code` and `params` give it in another locale (messageFor). */
  static coded(code: IssueCode, params: MessageParams, detail?: string): UnusableWorkbook {
    return new UnusableWorkbook(messageFor(code, params), detail, code, params);
  }
}
