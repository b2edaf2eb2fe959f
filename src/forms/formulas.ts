// Live formulas (forms.md "What is written back" 2): only functions Excel 2016+, WPS and
// LibreOffice all evaluate (no LET, LAMBDA, XLOOKUP, FILTER, dynamic arrays), bounded ranges,
// per-row flags. The rules they compute are §5 (course outcome) and §6 (count, level, status).
import type { Level } from "../domain/catalogue";
import { COURSES_NEEDED } from "../domain/levels";
import { PASS_MARK } from "../domain/score";
import { columnLetter } from "./grid";

/** 'Sheet name'!A1, quoted always (names here are Chinese and may hold spaces). */
export function ref(sheet: string, row: number, col: number, absolute = false): string {
  const d = absolute ? "$" : "";
  return `'${sheet.replace(/'/g, "''")}'!${d}${columnLetter(col)}${d}${row + 1}`;
}

export function localRef(row: number, col: number): string {
  return `${columnLetter(col)}${row + 1}`;
}

export function rangeRef(sheet: string, fromRow: number, toRow: number, col: number, absolute = true): string {
  const d = absolute ? "$" : "";
  return `'${sheet.replace(/'/g, "''")}'!${d}${columnLetter(col)}${d}${fromRow + 1}:${d}${columnLetter(col)}${d}${toRow + 1}`;
}

/** Where the hidden data sheet keeps the score-word table (forms.md: a hidden sheet may hold it). */
export interface WordTable {
  range: string;
}

/**
 * §5 a score cell as a number 0-100, "" (missing or not readable) or "缓" (缓考). Text is trimmed
 * (ASCII and ideographic spaces) and looked up in the score table: grade words, 缺考/旷考/作弊/缓考,
 * and every number 0-100 with at most one decimal, half- and full-width, with or without 分. The
 * engine reads score text the same way (domain/score.ts). No VALUE(), no chain of SUBSTITUTEs:
 * LibreOffice evaluates both branches of IF in formula groups, so the text branch must be cheap.
 */
export function scoreFormula(cell: string, words: WordTable): string {
  return `IF(ISNUMBER(${cell}),IF(AND(${cell}>=0,${cell}<=100),${cell},""),IFERROR(VLOOKUP(TRIM(SUBSTITUTE(${cell},"　"," ")),${words.range},2,FALSE),""))`;
}

/**
 * §5 the course outcome code of one course: 1 passed, -1 failed after makeup, 0 neither
 * (pending, not taken, missing). Each argument is a score formula (or "" where the register has
 * no such column).
 */
export function courseCodeFormula(theory: string, practical: string, theoryMakeup: string, practicalMakeup: string): string {
  const n = (x: string) => `ISNUMBER(${x})`;
  const failed = (f: string, m: string) => `AND(${n(f)},${f}<${PASS_MARK},${n(m)},${m}<${PASS_MARK})`;
  const passed = (f: string, m: string) => `OR(AND(${n(f)},${f}>=${PASS_MARK}),AND(${n(f)},${n(m)},${m}>=${PASS_MARK}))`;
  return `IF(OR(${failed(theory, theoryMakeup)},${failed(practical, practicalMakeup)}),-1,IF(AND(${passed(theory, theoryMakeup)},${passed(practical, practicalMakeup)}),1,0))`;
}

/** Contiguous runs of rows in one column: COUNTIF per run keeps formulas short. */
export function runs(rows: readonly number[]): [number, number][] {
  const sorted = [...rows].sort((a, b) => a - b);
  const out: [number, number][] = [];
  for (const r of sorted) {
    const last = out[out.length - 1];
    if (last && r === last[1] + 1) last[1] = r;
    else out.push([r, r]);
  }
  return out;
}

export interface CourseCells {
  sheet: string;
  /** 0-based column of the course-code helper. */
  col: number;
  rows: number[];
}

/** A sum of COUNTIFs of one value over the course-code cells of an applicant; "0" when none. */
export function countCodes(cells: readonly CourseCells[], code: 1 | -1): string {
  const parts = cells.flatMap((c) => runs(c.rows).map(([a, b]) => `COUNTIF(${a === b ? ref(c.sheet, a, c.col) : rangeRef(c.sheet, a, b, c.col, false)},${code})`));
  return parts.length === 0 ? "0" : parts.join("+");
}

export interface LevelInputs {
  /** The count cell (已合格相关课程数), local A1. */
  count: string;
  /** Levels both the occupation and the cohort allow, highest first (§6). */
  allowed: readonly Level[];
  /** Earned-credit expression and thresholds, where the credit route is on (§6). */
  credits?: { earned: string; thresholds: Partial<Record<Level, number>> };
  /** Failed-after-makeup expression (a count), under the default rule (§5). */
  failed?: string;
}

/** §6 the eligible level: 3, 4 or "" (none). */
export function levelFormula(i: LevelInputs): string {
  let expr = `""`;
  for (const level of [...i.allowed].reverse()) {
    const threshold = i.credits?.thresholds[level];
    const reach = threshold !== undefined && i.credits ? `OR(${i.count}>=${COURSES_NEEDED[level]},${i.credits.earned}>=${threshold})` : `${i.count}>=${COURSES_NEEDED[level]}`;
    expr = `IF(${reach},${level},${expr})`;
  }
  return i.failed ? `IF((${i.failed})>0,"",${expr})` : expr;
}
