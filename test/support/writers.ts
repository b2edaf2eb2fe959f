// Workbooks written by other programs, made by code: openpyxl (Debian's python3-openpyxl),
// LibreOffice (re-saving), and zip edits that add parts the product does not know.
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { unzipSync, zipSync } from "fflate";
import type { SheetData } from "../../src/app/synthetic";
import { convert, recalculate } from "./libreoffice";
import { tmpDir } from "./workbooks";

const SCRIPT = path.join(__dirname, "pyxl.py");
/** Debian's Python, where python3-openpyxl is installed (a pyenv python on PATH may not have it). */
const PYTHON = fs.existsSync("/usr/bin/python3") ? "/usr/bin/python3" : "python3";

/** A department workbook written by openpyxl, with a chart, a picture, a comment, a validation, conditional formats, panes, a hidden column and a defined name. */
export function openpyxlWorkbook(sheets: readonly SheetData[], out: string): string {
  const spec = path.join(tmpDir(), "spec.json");
  const clean = (v: unknown) => (v instanceof Date ? v.toISOString().slice(0, 10) : v);
  fs.writeFileSync(spec, JSON.stringify({ sheets: sheets.map((s) => ({ name: s.name, merges: s.merges, rows: s.rows.map((r) => r.map(clean)) })) }));
  execFileSync(PYTHON, [SCRIPT, "make", spec, out], { stdio: "pipe" });
  return out;
}

export interface DumpedSheet {
  name: string;
  state: string;
  cells: Record<string, [unknown, string | null]>;
  widths: Record<string, number>;
  hidden: string[];
}

/** openpyxl's reading of a workbook: cached values and solid fills per cell, widths, hidden columns. */
export function openpyxlDump(file: string): DumpedSheet[] {
  return JSON.parse(execFileSync(PYTHON, [SCRIPT, "dump", file], { encoding: "utf8", maxBuffer: 1 << 28 }));
}

/** The same workbook opened and saved again by LibreOffice (as a WPS or LibreOffice user does between runs). */
export function libreofficeResave(file: string, out: string): string {
  fs.copyFileSync(recalculate(file).file, out);
  return out;
}

/** The workbook saved by LibreOffice as Excel 97-2003 (.xls) or OpenDocument (.ods). */
export function libreofficeConvert(file: string, ext: "xls" | "ods"): string {
  return convert(file, ext, ext === "xls" ? "MS Excel 97" : "calc8").file;
}

export type Parts = Record<string, Uint8Array>;

export function readParts(file: string): Parts {
  return unzipSync(new Uint8Array(fs.readFileSync(file)));
}

/** Edits a workbook's zip: the callback changes the parts; text helpers for XML parts. */
export function zipEdit(file: string, out: string, edit: (parts: Parts, text: (name: string) => string, setText: (name: string, s: string) => void) => void): string {
  const parts = readParts(file);
  const text = (n: string) => new TextDecoder().decode(parts[n]);
  const setText = (n: string, s: string) => (parts[n] = new TextEncoder().encode(s));
  edit(parts, text, setText);
  fs.writeFileSync(out, zipSync(parts));
  return out;
}

/** One edit a user makes between runs (0-based positions). */
export type UserEdit =
  | { op: "insertCols" | "deleteCols" | "insertRows" | "deleteRows"; sheet: string; at: number; count?: number }
  | { op: "rename"; sheet: string; to: string }
  | { op: "move"; sheet: string; to: number }
  /** LibreOffice only: a copy of the sheet, named `to`, at the end (as "Move or Copy… > Copy"). */
  | { op: "copy"; sheet: string; to: string }
  | { op: "set"; sheet: string; cell: string; text: string };

/** The edits done by LibreOffice through UNO (it keeps names, formulas and notes in step) or by openpyxl (it moves cells only). */
export function userEdit(editor: "libreoffice" | "openpyxl", file: string, out: string, edits: readonly UserEdit[]): string {
  const ops = path.join(tmpDir(), "ops.json");
  fs.writeFileSync(ops, JSON.stringify(edits));
  if (editor === "openpyxl") execFileSync(PYTHON, [SCRIPT, "edit", file, out, ops], { stdio: "pipe" });
  else execFileSync(PYTHON, [path.join(__dirname, "uno-edit.py"), file, out, ops], { stdio: "pipe", timeout: 300000 });
  return out;
}
