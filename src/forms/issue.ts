// One reported problem: the report's "issues" entries (forms.md, The report).
import { messageFor, severityOf, type IssueCode, type MessageParams, type Severity } from "../domain/messages";
import { a1 } from "./grid";

export interface Issue {
  sheet: string;
  cell: string;
  severity: Severity;
  code: IssueCode;
  /** zh-CN, as the report's JSON carries it. */
  message: string;
  /** What the message was made from: lets a screen show it in another language. Not in the JSON report. */
  params?: MessageParams;
  /** Set by the centre's merge: which department file. */
  file?: string;
  /** Photo issues (#19): the image file, relative to the folder given. */
  photo?: string;
  /** Photo issues (#19): the applicant's roster row, 1-based as Excel shows it. */
  row?: number;
}

/** An issue at 0-based row and column of a sheet. */
export function issueAt(sheet: string, row: number, col: number, code: IssueCode, params: MessageParams = {}): Issue {
  return { sheet, cell: a1(row, col), severity: severityOf(code), code, message: messageFor(code, params), params };
}

/** The report as JSON (forms.md, The report): the issues' params stay out. */
export function reportJson(report: object): string {
  return JSON.stringify(report, (key, value) => (key === "params" ? undefined : value));
}
