// What a host hands the forms: one sheet as a grid of cell values, row 0 = worksheet row 1, col 0 = column A.
import { normalizeText } from "../domain/normalize";

/** A Date is a real date cell; a number is a numeric cell (an ID stored as a number shows here). */
export type CellValue = string | number | boolean | Date | null;

export interface Grid {
  name: string;
  rows: CellValue[][];
  /** Written by Kezheng (a generated sheet): never read as a form. */
  generated?: boolean;
  /** On the journal sheet: what it could not vouch for (cells left alone, entries skipped). */
  journalSkips?: { cells: { sheet: string; cell: string }[]; entries: number };
}


/** Column index (0-based) to letters: 0 -> A, 26 -> AA. */
export function columnLetter(col: number): string {
  let s = "";
  for (let n = col + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** Column letters to a 0-based index: A -> 0, AA -> 26. */
export function columnIndex(letters: string): number {
  let n = 0;
  for (const ch of letters) n = n * 26 + ch.charCodeAt(0) - 64;
  return n - 1;
}

/** An A1 address ("D5", "$D$5") to 0-based row and column; null for anything else. */
export function parseA1(address: string): { row: number; col: number } | null {
  const m = /^\$?([A-Z]+)\$?(\d+)$/.exec(address);
  return m ? { row: Number(m[2]) - 1, col: columnIndex(m[1]) } : null;
}

/** 0-based row and column to an A1 address. */
export function a1(row: number, col: number): string {
  return columnLetter(col) + String(row + 1);
}

/** A cell as text after §8 normalisation; numbers as Excel shows integers; "" for blank. */
export function cellText(value: CellValue): string {
  if (value === null) return "";
  if (typeof value === "string") return normalizeText(value);
  if (typeof value === "number") return Number.isInteger(value) ? integerText(value) : String(value);
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  return String(value);
}

/** Integers without exponent notation (an 18-digit number stored as a number prints in full). */
function integerText(n: number): string {
  return Math.abs(n) < 1e21 ? BigInt(n).toString() : String(n);
}

export function isBlank(value: CellValue): boolean {
  return value === null || (typeof value === "string" && normalizeText(value) === "");
}

/** The longest row's length. (A spread into Math.max overflows the stack on 500,000 rows.) */
export function widthOf(rows: readonly (readonly unknown[])[]): number {
  let w = 0;
  for (const r of rows) if (r.length > w) w = r.length;
  return w;
}

/** Excel keeps at most 32,767 characters in a cell and calls a file with more damaged. */
export const CELL_CHARS = 32767;
