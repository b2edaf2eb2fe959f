// Applying a write-back plan to an ExcelJS workbook, and removing it again exactly. What was
// there before every touched cell (style, note), column (width, hidden) and workbook setting is
// journalled in a hidden control sheet, so clearing restores the input whatever host wrote it.
import ExcelJS from "exceljs";
import { CONTROL_SHEET, uniqueSheetName, type ControlEntry } from "../../app/control";
import type { Block, Mark, MarkKind, WritePlan } from "../../app/writeback";
import { columnLetter, widthOf } from "../../forms/grid";
import type { SheetSpec, SpecCell, StyleName } from "../../forms/sheetspec";

const thin: Partial<ExcelJS.Border> = { style: "thin", color: { argb: "FF808080" } };
const box: Partial<ExcelJS.Borders> = { top: thin, left: thin, bottom: thin, right: thin };
const solid = (argb: string): ExcelJS.Fill => ({ type: "pattern", pattern: "solid", fgColor: { argb } });

export const MARK_FILLS: Record<MarkKind, string> = {
  error: "FFFFC7CE",
  warning: "FFFFEB9C",
  missing: "FFF8CBAD",
  incomplete: "FFDDEBF7",
};

const STYLES: Record<StyleName, Partial<ExcelJS.Style>> = {
  title: { font: { name: "宋体", size: 16, bold: true }, alignment: { horizontal: "center", vertical: "middle" } },
  subtitle: { font: { name: "宋体", size: 11 }, alignment: { horizontal: "center", vertical: "middle" } },
  titleAcross: { font: { name: "宋体", size: 16, bold: true }, alignment: { horizontal: "centerContinuous", vertical: "middle" } },
  subtitleAcross: { font: { name: "宋体", size: 11 }, alignment: { horizontal: "centerContinuous", vertical: "middle" } },
  header: { font: { name: "宋体", size: 11, bold: true }, alignment: { horizontal: "center", vertical: "middle", wrapText: true }, border: box, fill: solid("FFF2F2F2") },
  cell: { font: { name: "宋体", size: 11 }, alignment: { vertical: "middle" }, border: box, numFmt: "@" },
  text: { font: { name: "宋体", size: 11 }, numFmt: "@" },
  date: { font: { name: "宋体", size: 11 }, numFmt: "yyyy-mm-dd", border: box },
  center: { font: { name: "宋体", size: 11 }, alignment: { horizontal: "center" } },
  box: { font: { name: "宋体", size: 11 }, alignment: { vertical: "middle", wrapText: true }, border: box },
  label: { font: { name: "宋体", size: 11, bold: true }, alignment: { vertical: "middle" }, border: box },
  note: { font: { name: "宋体", size: 11 }, alignment: { vertical: "top" } },
  computedHeader: { font: { bold: true, color: { argb: "FF1F4E79" } }, fill: solid("FFE2EFDA"), alignment: { horizontal: "center", wrapText: true }, border: box },
  computed: { font: { color: { argb: "FF1F4E79" } }, fill: solid("FFF3F9EE"), border: box },
};

/** One style object per named style and kind of value, shared by every cell that has it: ExcelJS
 * registers a style object once (a WeakMap), so sharing saves rendering it for every cell. */
const styleCache = new Map<string, ExcelJS.Style>();
function styleObject(name: StyleName, isFormula: boolean): ExcelJS.Style {
  const key = `${name}|${isFormula}`;
  let style = styleCache.get(key);
  if (!style) {
    style = { ...STYLES[name], numFmt: isFormula ? "General" : (STYLES[name].numFmt ?? "General") } as ExcelJS.Style;
    styleCache.set(key, style);
  }
  return style;
}

function writeCell(target: ExcelJS.Cell, spec: SpecCell): void {
  const result = (spec.result ?? undefined) as ExcelJS.CellFormulaValue["result"];
  if (spec.formula !== undefined && spec.sharedWith) {
    target.value = { sharedFormula: spec.sharedWith, result } as ExcelJS.CellSharedFormulaValue;
  } else if (spec.formula !== undefined && spec.shareRange) {
    target.value = { formula: spec.formula, result, shareType: "shared", ref: spec.shareRange } as ExcelJS.CellFormulaValue;
  } else if (spec.formula !== undefined) {
    target.value = { formula: spec.formula, result };
  } else if (spec.value !== undefined && spec.value !== null) {
    target.value = spec.value as ExcelJS.CellValue;
  }
  if (spec.style) target.style = styleObject(spec.style, spec.formula !== undefined);
}

export function writeSheet(wb: ExcelJS.Workbook, spec: SheetSpec, name = spec.name): void {
  const ws = wb.addWorksheet(name, { state: spec.hidden ? "hidden" : "visible" });
  spec.widths.forEach((w, c) => (ws.getColumn(c + 1).width = w));
  for (const c of spec.textColumns ?? []) if (c >= 0) ws.getColumn(c + 1).numFmt = "@";
  // ExcelJS keeps range validations in worksheet.dataValidations (present at run time, not in its typings).
  const validations = (ws as unknown as { dataValidations: { add(range: string, v: ExcelJS.DataValidation): void } }).dataValidations;
  for (const v of spec.validations ?? []) {
    validations.add(v.range, { type: "list", allowBlank: true, formulae: [v.source], showErrorMessage: true, errorStyle: "warning", error: "请从下拉列表中选择。" });
  }
  for (const n of spec.notes ?? []) ws.getCell(n.cell).note = n.text;
  spec.rows.forEach((row, r) => row.forEach((c, k) => c && writeCell(ws.getCell(r + 1, k + 1), c)));
  if (spec.rowHeight) for (let r = 1; r <= spec.rows.length; r++) ws.getRow(r).height = spec.rowHeight;
  for (const m of spec.merges) ws.mergeCells(m);
  if (spec.freeze) ws.views = [{ state: "frozen", xSplit: spec.freeze.cols, ySplit: spec.freeze.rows }];
  if (spec.print) {
    const p = spec.print;
    ws.pageSetup = {
      ...ws.pageSetup, paperSize: 9, orientation: p.landscape ? "landscape" : "portrait",
      fitToPage: !!p.fitToWidth, fitToWidth: 1, fitToHeight: 0, horizontalCentered: true, showGridLines: !!p.gridLines,
      printArea: `A1:${columnLetter(p.lastCol)}${Math.max(1, spec.rows.length)}`,
      printTitlesRow: p.titleRows ? `${p.titleRows[0]}:${p.titleRows[1]}` : undefined,
      margins: { left: 0.5, right: 0.5, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
    } as ExcelJS.PageSetup;
    for (const r of p.rowBreaks ?? []) ws.getRow(r).addPageBreak();
  }
}

/** The style of a cell as JSON, for the journal. */
const styleJson = (c: ExcelJS.Cell) => JSON.stringify(c.style ?? {});

function journalCell(entries: ControlEntry[], ws: ExcelJS.Worksheet, c: ExcelJS.Cell): void {
  entries.push({ kind: "cell", sheet: ws.name, where: c.address, data: JSON.stringify({ style: styleJson(c), note: c.note ?? null }) });
}

function applyMark(ws: ExcelJS.Worksheet, m: Mark, entries: ControlEntry[]): void {
  const c = ws.getCell(m.row + 1, m.col + 1);
  journalCell(entries, ws, c);
  c.style = { ...c.style, fill: solid(MARK_FILLS[m.kind]) };
  if (m.note) c.note = c.note ? `${typeof c.note === "string" ? c.note : c.note.texts?.map((t) => t.text).join("") ?? ""}\n${m.note}` : m.note;
}

function applyBlock(ws: ExcelJS.Worksheet, b: Block, entries: ControlEntry[]): void {
  const lastCol = b.col + Math.max(b.widths.length, widthOf(b.cells)) - 1;
  entries.push({ kind: "block", sheet: ws.name, where: `${columnLetter(b.col)}${b.row + 1}:${columnLetter(lastCol)}${b.row + b.cells.length}`, data: "" });
  for (let c = b.col; c <= lastCol; c++) {
    const col = ws.getColumn(c + 1);
    entries.push({ kind: "column", sheet: ws.name, where: columnLetter(c), data: JSON.stringify({ width: col.width ?? null, hidden: col.hidden ?? false }) });
    col.width = b.widths[c - b.col] ?? 10;
    if (b.hiddenCols.includes(c)) col.hidden = true;
  }
  b.cells.forEach((row, r) => row.forEach((spec, k) => spec && writeCell(ws.getCell(b.row + r + 1, b.col + k + 1), spec)));
}

/** Applies a plan to a workbook that holds nothing of ours (clear it first). */
export function applyPlan(wb: ExcelJS.Workbook, plan: WritePlan): void {
  const entries: ControlEntry[] = [{ kind: "workbook", sheet: "", where: "fullCalcOnLoad", data: JSON.stringify(wb.calcProperties.fullCalcOnLoad ?? null) }];
  for (const m of plan.marks) {
    const ws = wb.getWorksheet(m.sheet);
    if (ws) applyMark(ws, m, entries);
  }
  for (const b of plan.blocks) {
    const ws = wb.getWorksheet(b.sheet);
    if (ws) applyBlock(ws, b, entries);
  }
  for (const spec of plan.sheets) {
    const name = uniqueSheetName(spec.name, wb.worksheets.map((w) => w.name));
    writeSheet(wb, spec, name);
    entries.push({ kind: "sheet", sheet: name, where: "", data: spec.name });
  }
  // Formulas recompute when Excel opens the file (the cached results are the engine's).
  wb.calcProperties.fullCalcOnLoad = true;
  const control = wb.addWorksheet(uniqueSheetName(CONTROL_SHEET, wb.worksheets.map((w) => w.name)), { state: "hidden" });
  control.addRow(["类型", "工作表", "位置", "原状（课证生成，请勿修改）"]);
  for (const e of entries) control.addRow([e.kind, e.sheet, e.where, e.data]);
}

/** ExcelJS has no way to delete a note: drop it, and rebuild the value, whose loaded model still holds it. */
function removeNote(c: ExcelJS.Cell): void {
  (c as unknown as { _comment?: unknown })._comment = undefined;
  const value = c.value;
  c.value = null;
  c.value = value;
}

/** Reads the journal, if any. */
export function readControl(wb: ExcelJS.Workbook): ControlEntry[] | null {
  const control = wb.getWorksheet(CONTROL_SHEET);
  if (!control) return null;
  const entries: ControlEntry[] = [];
  control.eachRow((row, r) => {
    if (r === 1) return;
    const v = (i: number) => String(row.getCell(i).value ?? "");
    entries.push({ kind: v(1) as ControlEntry["kind"], sheet: v(2), where: v(3), data: v(4) });
  });
  return entries;
}

/** Removes everything a plan wrote and restores what was there; false when there was nothing. */
export function clearWriteBack(wb: ExcelJS.Workbook): boolean {
  const entries = readControl(wb);
  if (!entries) return false;
  for (const e of entries) {
    const ws = e.sheet ? wb.getWorksheet(e.sheet) : undefined;
    if (e.kind === "sheet" && ws) wb.removeWorksheet(ws.id);
    if (e.kind === "block" && ws) {
      const [from, to] = e.where.split(":").map((a) => ws.getCell(a));
      for (let r = Number(from.row); r <= Number(to.row); r++) {
        for (let c = Number(from.col); c <= Number(to.col); c++) {
          const cell = ws.getCell(r, c);
          cell.value = null;
          cell.style = {};
        }
      }
    }
  }
  // Cells and columns in reverse: the first journalled state of each is the original.
  for (const e of [...entries].reverse()) {
    const ws = e.sheet ? wb.getWorksheet(e.sheet) : undefined;
    if (e.kind === "cell" && ws) {
      const c = ws.getCell(e.where);
      const saved = JSON.parse(e.data) as { style: string; note: ExcelJS.Comment | string | null };
      c.style = JSON.parse(saved.style);
      if (saved.note === null) removeNote(c);
      else c.note = saved.note;
    }
    if (e.kind === "column" && ws) {
      const saved = JSON.parse(e.data) as { width: number | null; hidden: boolean };
      const col = ws.getColumn(e.where);
      col.width = saved.width ?? undefined;
      col.hidden = saved.hidden;
    }
    if (e.kind === "workbook" && e.where === "fullCalcOnLoad") {
      const v = JSON.parse(e.data) as boolean | null;
      if (v === null) delete (wb.calcProperties as { fullCalcOnLoad?: boolean }).fullCalcOnLoad;
      else wb.calcProperties.fullCalcOnLoad = v;
    }
  }
  const control = wb.getWorksheet(CONTROL_SHEET);
  if (control) wb.removeWorksheet(control.id);
  return true;
}
