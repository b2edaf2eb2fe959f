// Workbook files in and out of the stand-in, as a user opens a file in Excel and saves it again:
// values, formulas, fills, notes, sheet visibility read by ExcelJS (an independent reader); defined
// names (the workbook's and each sheet's) by the file layer's reader, and written back through it.
import ExcelJS from "exceljs";
import * as fs from "fs";
import { addDefinedName, definedNames } from "../../../src/hosts/xlsx/book";
import { XlsxPackage } from "../../../src/hosts/xlsx/package";
import { key, newSheet, type BookState, type CellState, type SheetState } from "./model";

const serial = (d: Date) => (d.getTime() - Date.UTC(1899, 11, 30)) / 86400000;

function cellOf(c: ExcelJS.Cell): CellState | null {
  const v = c.value as ExcelJS.CellValue;
  const fill = (c.fill as ExcelJS.FillPattern | undefined)?.pattern === "solid" ? (c.fill as ExcelJS.FillPattern).fgColor?.argb : undefined;
  const out: CellState = { value: "" };
  if (fill) out.fill = `#${fill.slice(-6).toUpperCase()}`;
  if (v && typeof v === "object" && ("formula" in v || "sharedFormula" in v)) {
    out.formula = `=${c.formula}`;
    const r = (v as ExcelJS.CellFormulaValue).result;
    out.value = typeof r === "number" || typeof r === "string" || typeof r === "boolean" ? r : 0;
  } else if (v instanceof Date) out.value = serial(v);
  else if (v && typeof v === "object" && "richText" in v) out.value = v.richText.map((t) => t.text).join("");
  else if (v && typeof v === "object" && "error" in v) out.value = String(v.error);
  else if (typeof v === "number" || typeof v === "string" || typeof v === "boolean") out.value = v;
  return out.value === "" && !out.fill && !out.formula ? null : out;
}

/** A workbook file as the stand-in's book. */
export async function bookFromFile(file: string): Promise<BookState> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const book: BookState = { sheets: [], notes: new Map(), comments: new Map(), names: new Map() };
  for (const ws of wb.worksheets) {
    const s: SheetState = newSheet(ws.name);
    s.visibility = ws.state === "hidden" ? "Hidden" : ws.state === "veryHidden" ? "VeryHidden" : "Visible";
    ws.eachRow({ includeEmpty: false }, (row, r) => row.eachCell({ includeEmpty: false }, (c, col) => {
      const state = cellOf(c);
      if (state) s.cells.set(key(r - 1, col - 1), state);
      const note = c.note as string | { texts?: { text: string }[] } | undefined;
      if (note) book.notes.set(`${ws.name}!${c.address}`, typeof note === "string" ? note : (note.texts ?? []).map((t) => t.text).join(""));
    }));
    book.sheets.push(s);
  }
  const pkg = XlsxPackage.open("book.xlsx", new Uint8Array(fs.readFileSync(file)));
  const sheets = pkg.sheets();
  for (const d of definedNames(pkg)) {
    const formula = `=${d.text}`;
    if (d.local === null) book.names?.set(d.name, formula);
    else book.sheets.find((s) => s.name === sheets[d.local as number]?.name)?.names.set(d.name, formula);
  }
  return book;
}

/** The stand-in's book saved as a file (values, formulas, fills, notes, visibility, every defined name). */
export async function bookToFile(book: BookState, file: string): Promise<string> {
  const wb = new ExcelJS.Workbook();
  for (const s of book.sheets) {
    const ws = wb.addWorksheet(s.name, { state: s.visibility === "Hidden" ? "hidden" : s.visibility === "VeryHidden" ? "veryHidden" : "visible" });
    for (const [k, c] of s.cells) {
      const [r, col] = k.split(",").map(Number);
      const cell = ws.getCell(r + 1, col + 1);
      if (c.formula) cell.value = { formula: c.formula.slice(1), result: c.value } as ExcelJS.CellFormulaValue;
      else if (c.value !== "") cell.value = c.value;
      if (c.fill) cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: `FF${c.fill.slice(1)}` } };
      const note = book.notes.get(`${s.name}!${cell.address}`);
      if (note) cell.note = note;
    }
  }
  const pkg = XlsxPackage.open("book.xlsx", new Uint8Array(await wb.xlsx.writeBuffer() as ArrayBuffer));
  for (const [name, formula] of book.names ?? []) addDefinedName(pkg, name, null, formula.replace(/^=/, ""));
  book.sheets.forEach((s, i) => {
    for (const [name, formula] of s.names) addDefinedName(pkg, name, i, formula.replace(/^=/, ""));
  });
  fs.writeFileSync(file, Buffer.concat(pkg.write()));
  return file;
}
