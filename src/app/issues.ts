// The report's issues as a person works through them: grouped by kind (one group per code and
// message pattern) within severity, and the errors in sheet and row order for 下一个错误.
// Shared by the pane, the page and the command line's summary.
import { messageFor, type IssueCode, type MessageParams, type Severity } from "../domain/messages";
import { parseA1 } from "../forms/grid";
import type { Issue } from "../forms/issue";

export type Locale = "zh-CN" | "en-US";

/** Cells of an opened group shown at a time: any group opens at once, however long; pages reach the rest. */
export const PAGE = 100;

export const SEVERITIES: readonly Severity[] = ["error", "warning", "info"];

const NO_PARAMS: MessageParams = {};

export interface IssueGroup {
  key: string;
  severity: Severity;
  code: IssueCode;
  /** The message the cells share; what differs cell to cell shows as "…". */
  label: string;
  /** The cells' own messages differ (a value, a row number): each cell shows its own. */
  varies: boolean;
  /** Sheets the group occurs on, in report order. */
  sheets: string[];
  /** In report order: sheet, then row, then column. */
  issues: Issue[];
}

/** An issue's message in the locale (the report carries zh-CN; en-US is made from its params). */
export function messageOf(issue: Issue, locale: Locale): string {
  return locale === "en-US" && issue.params ? messageFor(issue.code, issue.params, "en-US") : issue.message;
}

/** Where an issue is, for a person: 花名册!D5, with the department file in a merged report. */
export function placeOf(issue: Issue): string {
  const at = issue.sheet ? (issue.cell ? `${issue.sheet}!${issue.cell}` : issue.sheet) : "";
  return issue.file ? (at ? `${issue.file} ${at}` : issue.file) : at;
}

interface Building extends IssueGroup {
  first: MessageParams;
  differ: Set<string>;
}

/**
 * Groups in severity order (errors, warnings, notes), each severity's groups in order of first
 * occurrence. A group is one code with the same kind params (column, form, choices: what the
 * problem is, not the cell's own value).
 */
export function groupIssues(issues: readonly Issue[], locale: Locale = "zh-CN"): IssueGroup[] {
  // Hot at 100,000 issues (the pane must not freeze): no allocation per issue where avoidable.
  const groups = new Map<string, Building>();
  for (const i of issues) {
    const p = i.params ?? NO_PARAMS;
    const key = p.column === undefined && p.form === undefined && p.choices === undefined ? i.code : `${i.code}|${p.column ?? ""}|${p.form ?? ""}|${p.choices ?? ""}`;
    let g = groups.get(key);
    if (!g) {
      g = { key: `${i.severity}|${key}`, severity: i.severity, code: i.code, label: "", varies: false, sheets: [i.sheet], issues: [], first: p, differ: new Set() };
      groups.set(key, g);
    }
    const head = g.issues[0];
    if (head && !g.varies && i.message !== head.message) g.varies = true;
    if (g.varies) {
      const first = g.first as Record<string, unknown>;
      const mine = p as Record<string, unknown>;
      for (const k in mine) if (mine[k] !== first[k]) g.differ.add(k);
      for (const k in first) if (mine[k] !== first[k]) g.differ.add(k);
    }
    if (g.sheets[g.sheets.length - 1] !== i.sheet && !g.sheets.includes(i.sheet)) g.sheets.push(i.sheet);
    g.issues.push(i);
  }
  const out: IssueGroup[] = [];
  for (const s of SEVERITIES) {
    for (const g of groups.values()) {
      if (g.severity !== s) continue;
      const { first, differ, ...group } = g;
      const head = group.issues[0];
      if (!group.varies) group.label = messageOf(head, locale);
      else {
        const params: Record<string, unknown> = { ...first };
        for (const k of differ) params[k] = "…";
        group.label = messageFor(group.code, params as MessageParams, locale);
      }
      out.push(group);
    }
  }
  return out;
}

/** The issues of each severity. */
export function countBySeverity(issues: readonly Issue[]): Record<Severity, number> {
  const n = { error: 0, warning: 0, info: 0 };
  for (const i of issues) n[i.severity]++;
  return n;
}

/** A place in the workbook, comparable in sheet and row order: what 下一个错误 remembers. */
export interface Position {
  /** The sheet's rank among the report's sheets. */
  rank: number;
  sheet: string;
  row: number;
  col: number;
}

const sheetKey = (i: Issue) => `${i.file ?? ""}|${i.sheet}`;

/** The report's sheets in order (the check sorts its issues by sheet, row and column). */
export function sheetRanks(issues: readonly Issue[]): Map<string, number> {
  const ranks = new Map<string, number>();
  let last: Issue | null = null;
  for (const i of issues) {
    if (last && last.sheet === i.sheet && last.file === i.file) continue;
    last = i;
    if (!ranks.has(sheetKey(i))) ranks.set(sheetKey(i), ranks.size);
  }
  return ranks;
}

export function positionOf(issue: Issue, ranks: Map<string, number>): Position {
  const p = parseA1(issue.cell) ?? { row: -1, col: -1 };
  return { rank: ranks.get(sheetKey(issue)) ?? -1, sheet: sheetKey(issue), row: p.row, col: p.col };
}

/**
 * The index of the next (dir 1) or previous (dir -1) error from a position, wrapping; from
 * nowhere the first or the last. The position may be a cell fixed since: its neighbours count.
 */
export function stepError(errors: readonly Issue[], from: Position | null, dir: 1 | -1, ranks: Map<string, number>): number {
  if (errors.length === 0) return -1;
  if (!from) return dir === 1 ? 0 : errors.length - 1;
  // Re-ranked by today's report; a sheet no longer reported keeps the rank it had.
  const rank = ranks.get(from.sheet) ?? from.rank;
  const cmp = (i: Issue) => {
    const p = positionOf(i, ranks);
    return p.rank - rank || p.row - from.row || p.col - from.col;
  };
  if (dir === 1) {
    const k = errors.findIndex((i) => cmp(i) > 0);
    return k === -1 ? 0 : k;
  }
  for (let k = errors.length - 1; k >= 0; k--) if (cmp(errors[k]) < 0) return k;
  return errors.length - 1;
}

/** The errors in sheet, row and column order (a merged report appends some out of order). */
export function errorsInOrder(issues: readonly Issue[], ranks: Map<string, number>): Issue[] {
  return issues
    .filter((i) => i.severity === "error")
    .map((i) => ({ i, p: positionOf(i, ranks) }))
    .sort((a, b) => a.p.rank - b.p.rank || a.p.row - b.p.row || a.p.col - b.p.col)
    .map((x) => x.i);
}
