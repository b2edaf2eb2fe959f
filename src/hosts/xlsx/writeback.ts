// Applying a write-back plan to a package, and removing it again. User sheets are patched (only
// the cells, styles, columns and notes the plan names change), generated sheets are new parts, and
// a hidden control sheet journals what each touched cell and column was before, so that clearing
// restores the input whatever host wrote it (the Office.js host keeps the same journal).
import { CONTROL_SHEET, rawText, uniqueSheetName, type ControlEntry } from "../../app/control";
import type { Block, Mark, MarkKind, WritePlan } from "../../app/writeback";
import { a1, columnLetter, parseA1, widthOf } from "../../forms/grid";
import type { SheetSpec, SpecCell } from "../../forms/sheetspec";
import { addChart } from "./chart";
import { addDefinedName, addSheet, dropCalcChain, fullCalcOnLoad, markedSheet, removeDefinedName, removeSheet, setFullCalcOnLoad } from "./book";
import { cellXml, sharedIndexer } from "./cells";
import { addNotes, removeNotes } from "./notes";
import type { XlsxPackage } from "./package";
import { patchSheet, scanSheet, type CellEdit, type ColAttrs, type SheetEdits } from "./patch";
import { readContext, readSheetGrid } from "./read";
import { printNames, sheetPieces } from "./sheetxml";
import { solidFill, Styles } from "./styles";

export const MARK_FILLS: Record<MarkKind, string> = {
  error: "FFFFC7CE",
  warning: "FFFFEB9C",
  missing: "FFF8CBAD",
  incomplete: "FFDDEBF7",
};
const OURS = new Set(Object.values(MARK_FILLS));

/** What the journal keeps of a marked cell. `fill` and `note` are what the Office.js host reads too. */
interface SavedCell {
  fill: string | null;
  note: boolean;
  /** The cell element was not there: the mark made it (a blank cell in a required column). */
  absent?: boolean;
  appended?: boolean;
  xf?: number;
  xfXml?: string | null;
  fillXml?: string | null;
}

interface SavedColumn {
  width: number | null;
  hidden: boolean;
  col?: ColAttrs;
}

/** A fill element's solid colour as #RRGGBB (what Office.js takes), or null. */
function fillColor(fill: string | null): string | null {
  if (!fill || !/patternType="solid"/.test(fill)) return null;
  const rgb = /<(?:\w+:)?fgColor[^>]*\brgb="([0-9A-Fa-f]{6,8})"/.exec(fill)?.[1];
  return rgb ? `#${rgb.slice(-6).toUpperCase()}` : null;
}

type Edits = Map<number, Map<number, CellEdit>>;
const put = (edits: Edits, row: number, col: number, e: CellEdit) => {
  let r = edits.get(row);
  if (!r) edits.set(row, (r = new Map()));
  r.set(col, e);
};

function extend(dimension: string | null, blocks: readonly Block[]): string | undefined {
  if (!dimension || blocks.length === 0) return undefined;
  const [from, to = from] = dimension.split(":");
  const a = parseA1(from.toUpperCase());
  const b = parseA1(to.toUpperCase());
  if (!a || !b) return undefined;
  let lastRow = b.row;
  let lastCol = b.col;
  for (const k of blocks) {
    lastRow = Math.max(lastRow, k.row + k.cells.length - 1);
    lastCol = Math.max(lastCol, k.col + Math.max(k.widths.length, widthOf(k.cells)) - 1);
  }
  return `${a1(a.row, a.col)}:${a1(lastRow, lastCol)}`;
}

/** Marks and blocks into one user sheet. */
function patchUserSheet(pkg: XlsxPackage, styles: Styles, name: string, path: string, marks: readonly Mark[], blocks: readonly Block[], entries: ControlEntry[]): void {
  const source = pkg.textSource(path);
  const scan = scanSheet(source());
  const edits: SheetEdits = { cells: new Map(), blocks: [] };
  const notes = addNotes(pkg, path, marks.filter((m) => m.note).map((m) => ({ row: m.row, col: m.col, text: m.note as string })));
  const created = new Set(notes.created.map((c) => a1(c.row, c.col)));
  const appended = new Set(notes.appended.map((c) => a1(c.row, c.col)));
  for (const m of marks) {
    put(edits.cells, m.row, m.col, {
      kind: "style",
      to: (s, exists) => {
        const where = a1(m.row, m.col);
        const fillXml = styles.fillOf(s);
        const saved: SavedCell = { fill: fillColor(fillXml), note: created.has(where), xf: s, xfXml: styles.xf(s), fillXml };
        if (appended.has(where)) saved.appended = true;
        if (!exists) saved.absent = true;
        entries.push({ kind: "cell", sheet: name, where, data: JSON.stringify(saved) });
        return styles.withFill(s, solidFill(MARK_FILLS[m.kind]));
      },
    });
  }
  const cols = new Map<number, ColAttrs>();
  const ctx = { sharedIndex: sharedIndexer(scan.maxSharedIndex + 1), prefix: scan.prefix };
  for (const b of blocks) {
    const lastCol = b.col + Math.max(b.widths.length, widthOf(b.cells)) - 1;
    entries.push({ kind: "block", sheet: name, where: `${columnLetter(b.col)}${b.row + 1}:${columnLetter(lastCol)}${b.row + b.cells.length}`, data: "" });
    for (let c = b.col; c <= lastCol; c++) {
      const before = scan.cols(c);
      const saved: SavedColumn = { width: before?.width ? Number(before.width) : null, hidden: before?.hidden === "1" || before?.hidden === "true", col: before };
      entries.push({ kind: "column", sheet: name, where: columnLetter(c), data: JSON.stringify(saved) });
      const attrs: Record<string, string> = { ...(before ?? {}), width: String(b.widths[c - b.col] ?? 10), customWidth: "1" };
      if (b.hiddenCols.includes(c)) attrs.hidden = "1";
      cols.set(c, attrs);
    }
    // Styles now: the cells are made when the package is written, after styles.xml is saved.
    for (const row of b.cells) for (const spec of row) if (spec?.style) styles.styleOf(spec.style, spec.formula !== undefined || !!spec.sharedWith);
    edits.blocks?.push({
      row: b.row, col: b.col, cells: b.cells,
      xml: (row, col, at) => {
        const spec = b.cells[at.r][at.k] as SpecCell;
        return cellXml(row, col, spec, spec.style ? styles.styleOf(spec.style, spec.formula !== undefined || !!spec.sharedWith) : 0, ctx);
      },
    });
  }
  const dimension = extend(scan.dimension, blocks);
  if (dimension) entries.push({ kind: "workbook", sheet: name, where: "dimension", data: JSON.stringify(scan.dimension) });
  pkg.set(path, patchSheet(source, { ...edits, cols, dimension, legacyDrawing: notes.legacyDrawing ?? undefined }));
}

/** A new sheet: part, relationships, notes, print names; its cells are made when the package is written. */
export function writeNewSheet(pkg: XlsxPackage, styles: Styles, spec: SheetSpec, name: string): void {
  const part = addSheet(pkg, name, !!spec.hidden);
  let legacyDrawing: string | undefined;
  if (spec.notes?.length) {
    const notes = spec.notes.flatMap((n) => {
      const at = parseA1(n.cell);
      return at ? [{ ...at, text: n.text }] : [];
    });
    legacyDrawing = addNotes(pkg, part, notes).legacyDrawing ?? undefined;
  }
  // 认定统计's chart, drawn from the sheet's own table (small: its rows are not deferred).
  const drawing = spec.chart && !spec.deferred ? addChart(pkg, part, name, spec.chart, spec.rows) : undefined;
  const index = pkg.sheets().findIndex((s) => s.name === name);
  for (const n of printNames(spec, name)) addDefinedName(pkg, n.name, index, n.formula);
  pkg.set(part, sheetPieces(spec, styles, { legacyDrawing, drawing }));
}

/** Applies a plan to a package that holds nothing of ours (clear it first). */
export function applyPlan(pkg: XlsxPackage, plan: WritePlan): void {
  const styles = new Styles(pkg);
  const entries: ControlEntry[] = [{ kind: "workbook", sheet: "", where: "fullCalcOnLoad", data: JSON.stringify(fullCalcOnLoad(pkg)) }];
  const refs = new Map(pkg.sheets().filter((s) => s.isWorksheet).map((s) => [s.name, s]));
  const touched = new Map<string, { marks: Mark[]; blocks: Block[] }>();
  const of = (sheet: string) => touched.get(sheet) ?? (touched.set(sheet, { marks: [], blocks: [] }), touched.get(sheet) as { marks: Mark[]; blocks: Block[] });
  for (const m of plan.marks) if (refs.has(m.sheet)) of(m.sheet).marks.push(m);
  for (const b of plan.blocks) if (refs.has(b.sheet)) of(b.sheet).blocks.push(b);
  for (const [sheet, t] of touched) patchUserSheet(pkg, styles, sheet, (refs.get(sheet) as { path: string }).path, t.marks, t.blocks, entries);

  for (const spec of plan.sheets) {
    const name = uniqueSheetName(spec.name, pkg.sheets().map((s) => s.name));
    writeNewSheet(pkg, styles, spec, name);
    entries.push({ kind: "sheet", sheet: name, where: "", data: spec.name });
  }
  // Formulas recompute when the file is opened (the cached results are the engine's).
  if (plan.blocks.length || plan.sheets.length) {
    setFullCalcOnLoad(pkg, "1");
    dropCalcChain(pkg);
  }
  const journal: SheetSpec = {
    name: uniqueSheetName(CONTROL_SHEET, pkg.sheets().map((s) => s.name)), hidden: true, merges: [], widths: [10, 16, 14, 60],
    rows: [["类型", "工作表", "位置", "原状（课证生成，请勿修改）"], ...entries.map((e) => [e.kind, e.sheet, e.where, e.data])].map((r) => r.map((v) => ({ value: v }))),
  };
  writeNewSheet(pkg, styles, journal, journal.name);
  styles.save();
}

/** Reads the journal, if any. */
export function readControl(pkg: XlsxPackage): ControlEntry[] | null {
  const control = pkg.sheets().find((s) => s.name === CONTROL_SHEET && s.isWorksheet);
  if (!control) return null;
  const grid = readSheetGrid(pkg, control.name, control.path, readContext(pkg));
  return grid.rows.slice(1).filter((r) => r.length).map((r) => {
    const v = (i: number) => rawText(r[i] ?? null);
    return { kind: v(0) as ControlEntry["kind"], sheet: v(1), where: v(2), data: v(3) };
  });
}

function restoredFill(saved: SavedCell): string | null {
  if (saved.fillXml !== undefined) return saved.fillXml;
  return saved.fill && saved.fill.toUpperCase() !== "#FFFFFF" ? solidFill(`FF${saved.fill.slice(1).toUpperCase()}`) : null;
}

/** Removes everything a plan wrote and restores what was there; false when there was nothing. */
export function clearWriteBack(pkg: XlsxPackage): boolean {
  const entries = readControl(pkg);
  if (!entries) return false;
  const styles = new Styles(pkg);
  const refs = new Map(pkg.sheets().filter((s) => s.isWorksheet).map((s) => [s.name, s]));
  const perSheet = new Map<string, ControlEntry[]>();
  for (const e of entries) {
    if (e.kind === "sheet" || !e.sheet || !refs.has(e.sheet)) continue;
    perSheet.set(e.sheet, [...(perSheet.get(e.sheet) ?? []), e]);
  }
  for (const [sheet, list] of perSheet) {
    const path = (refs.get(sheet) as { path: string }).path;
    const edits: Edits = new Map();
    const cols = new Map<number, ColAttrs>();
    const created: string[] = [];
    const appended: string[] = [];
    let dimension: string | undefined;
    // The first journalled state of a cell or column is the original: later ones are skipped.
    const seenCells = new Set<string>();
    for (const e of list) {
      if (e.kind === "block") {
        const [from, to] = e.where.split(":").map(parseA1);
        if (!from || !to) continue;
        for (let r = from.row; r <= to.row; r++) for (let c = from.col; c <= to.col; c++) put(edits, r, c, { kind: "remove" });
      } else if (e.kind === "cell") {
        const at = parseA1(e.where);
        if (!at || seenCells.has(e.where)) continue;
        seenCells.add(e.where);
        const saved = JSON.parse(e.data) as SavedCell;
        if (saved.note) created.push(e.where);
        if (saved.appended) appended.push(e.where);
        put(edits, at.row, at.col, {
          kind: "style",
          to: (s, exists) => {
            if (!exists) return null;
            if (saved.absent && s !== 0 && OURS.has(`FF${(fillColor(styles.fillOf(s)) ?? "#").slice(1)}`)) return null;
            if (saved.xf !== undefined && styles.xf(saved.xf) === saved.xfXml) return saved.xf;
            // The styles were renumbered (saved by another program): take the fill back off the cell as it is now.
            const now = fillColor(styles.fillOf(s));
            return now && OURS.has(`FF${now.slice(1)}`) ? styles.withFill(s, restoredFill(saved)) : s;
          },
        });
      } else if (e.kind === "column") {
        const c = parseA1(`${e.where}1`)?.col;
        if (c === undefined || cols.has(c)) continue;
        const saved = JSON.parse(e.data) as SavedColumn;
        if (saved.col !== undefined) cols.set(c, saved.col);
        else cols.set(c, saved.width === null && !saved.hidden ? null : { width: String(saved.width ?? 9), customWidth: "1", ...(saved.hidden ? { hidden: "1" } : {}) });
      } else if (e.kind === "workbook" && e.where === "dimension") {
        dimension ??= (JSON.parse(e.data) as string | null) ?? undefined;
      }
    }
    const removed = created.length || appended.length ? removeNotes(pkg, path, created, appended) : { vmlRelRemoved: null };
    pkg.set(path, patchSheet(pkg.textSource(path), { cells: edits, cols, dimension, legacyDrawing: removed.vmlRelRemoved ? null : undefined }));
  }
  for (const e of entries) if (e.kind === "sheet") removeSheet(pkg, e.sheet);
  const calc = entries.find((e) => e.kind === "workbook" && e.where === "fullCalcOnLoad");
  if (calc) {
    const v = JSON.parse(calc.data) as string | boolean | null;
    setFullCalcOnLoad(pkg, v === null ? null : v === true ? "1" : v === false ? "0" : v);
  }
  removeSheet(pkg, CONTROL_SHEET);
  styles.save();
  return true;
}

/** A sheet the user keeps (the imported register): replaces the one an earlier call wrote, found by
 * its mark; returns the name it got. Not journalled: clear leaves it, it is the user's data now. */
export function writeMarkedSheet(pkg: XlsxPackage, spec: SheetSpec, mark: string): string {
  const earlier = markedSheet(pkg, mark);
  removeDefinedName(pkg, mark);
  if (earlier) removeSheet(pkg, earlier);
  const styles = new Styles(pkg);
  const name = uniqueSheetName(spec.name, pkg.sheets().map((s) => s.name));
  writeNewSheet(pkg, styles, spec, name);
  addDefinedName(pkg, mark, null, `'${name.replace(/'/g, "''")}'!$A$1`);
  styles.save();
  return name;
}
