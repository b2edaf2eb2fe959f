// The Workbook port: what the use cases need from a host (.xlsx packages, Office.js).
import { messageFor, type IssueCode, type MessageParams } from "../domain/messages";
import type { Grid } from "../forms/grid";
import type { WritePlan } from "./writeback";

/** How far a long step has got, where the host can count it: done of total (rows read, sheets written). */
export type Progress = (done: number, total: number) => void;

export interface WorkbookPort {
  /** Every sheet as a grid of values, in workbook order. */
  readSheets(progress?: Progress): Promise<Grid[]>;
  /** Removes everything the product wrote, restoring what was there; false when there was nothing. */
  clearWriteBack(): Promise<boolean>;
  /** Writes a plan into a workbook that holds nothing of ours. */
  applyPlan(plan: WritePlan, progress?: Progress): Promise<void>;
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
