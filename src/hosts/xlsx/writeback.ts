// Applying a write-back plan to a package, and removing it again. User sheets are patched (only
// the cells, styles, columns and notes the plan names change), generated sheets are new parts, and
// a hidden control sheet journals what each touched cell and column was before, so that clearing
// restores the input whatever host wrote it (the Office.js host keeps the same journal).
import { CONTROL_SHEET, uniqueSheetName, type ControlEntry } from "../../app/control";
import { columnAnchor, columnRecord, JOURNAL_HEADER, JOURNAL_MARK, JOURNAL_VERSION, markAnchor, parseJson, quoteSheet, RUN_NAME, SHEET_MARK, WORDS_NAME, type JournalSkips } from "../../app/journal";
import { DATA_SHEET, type Block, type Mark, type MarkKind, type WritePlan } from "../../app/writeback";
import { a1, columnLetter, parseA1, widthOf } from "../../forms/grid";
import type { SheetSpec, SpecCell } from "../../forms/sheetspec";
import { addChart } from "./chart";
import { addDefinedName, addSheet, dropCalcChain, fullCalcOnLoad, markedSheet, removeDefinedName, removeDefinedNames, removeSheet, setFullCalcOnLoad } from "./book";
import { cellXml, sharedIndexer } from "./cells";
import { addNotes, removeNotes } from "./notes";
import type { XlsxPackage } from "./package";
import { patchSheet, scanSheet, type CellEdit, type ColAttrs, type SheetEdits } from "./patch";
import { readJournal, sheetsMarked } from "./journal";
import { addPictures, hasDefault, removeJpegDefault, type PhotoBytes } from "./pictures";
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
  /** The anchor of the mark's column and the mark's offset below its top. */
  a?: string;
  o?: number;
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
/** Records the edit of one cell (row -> col -> edit). */
const setCellEdit = (edits: Edits, row: number, col: number, e: CellEdit) => {
  let r = edits.get(row);
  if (!r) edits.set(row, (r = new Map()));
  r.set(col, e);
};

/** The sheet's dimension grown to take in the blocks written right of it (undefined: leave it as it is). */
function dimensionWithBlocks(dimension: string | null, blocks: readonly Block[]): string | undefined {
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

/** `$X$3:$X$600`: an anchor's range in one column. */
const columnRange = (col: number, first: number, last: number) => `$${columnLetter(col)}$${first + 1}:$${columnLetter(col)}$${last + 1}`;

/** Numbers the anchors of one run. */
interface Anchors {
  columns: number;
  marks: number;
}

/** Marks and blocks into one user sheet; each written column and each column of marks gets an anchor. */
function patchUserSheet(pkg: XlsxPackage, styles: Styles, name: string, path: string, marks: readonly Mark[], blocks: readonly Block[], entries: ControlEntry[], anchors: Anchors): void {
  const source = pkg.textSource(path);
  const scan = scanSheet(source(), path);
  const index = pkg.sheets().findIndex((s) => s.name === name);
  const anchor = (id: string, col: number, first: number, last: number) => addDefinedName(pkg, id, index, `${quoteSheet(name)}!${columnRange(col, first, last)}`);
  const edits: SheetEdits = { cells: new Map(), blocks: [] };
  const notes = addNotes(pkg, path, marks.filter((m) => m.note).map((m) => ({ row: m.row, col: m.col, text: m.note as string })));
  const created = new Set(notes.created.map((c) => a1(c.row, c.col)));
  const appended = new Set(notes.appended.map((c) => a1(c.row, c.col)));
  // One anchor per column holding marks, over the marks' rows: a mark is its offset from the top.
  const spans = new Map<number, { id: string; first: number; last: number }>();
  for (const m of marks) {
    const span = spans.get(m.col);
    if (!span) spans.set(m.col, { id: "", first: m.row, last: m.row });
    else [span.first, span.last] = [Math.min(span.first, m.row), Math.max(span.last, m.row)];
  }
  for (const [col, span] of [...spans].sort((a, b) => a[0] - b[0])) {
    span.id = markAnchor(++anchors.marks);
    anchor(span.id, col, span.first, span.last);
    entries.push({ kind: "marks", sheet: name, where: span.id, data: JSON.stringify({ ref: `${a1(span.first, col)}:${a1(span.last, col)}` }) });
  }
  for (const m of marks) {
    const span = spans.get(m.col) as { id: string; first: number };
    setCellEdit(edits.cells, m.row, m.col, {
      kind: "style",
      to: (s, exists) => {
        const where = a1(m.row, m.col);
        const fillXml = styles.fillOf(s);
        const saved: SavedCell = { fill: fillColor(fillXml), note: created.has(where), xf: s, xfXml: styles.xf(s), fillXml, a: span.id, o: m.row - span.first };
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
    const lastRow = b.row + b.cells.length - 1;
    for (let c = b.col; c <= lastCol; c++) {
      const before = scan.cols(c);
      const saved: SavedColumn = { width: before?.width ? Number(before.width) : null, hidden: before?.hidden === "1" || before?.hidden === "true", col: before };
      // The column's anchor and what it holds, to find it and tell it from the user's cells later.
      const id = columnAnchor(++anchors.columns);
      anchor(id, c, b.row, lastRow);
      const record = columnRecord(`${a1(b.row, c)}:${a1(lastRow, c)}`, b.cells.map((r) => r[c - b.col]));
      entries.push({ kind: "column", sheet: name, where: id, data: JSON.stringify({ ...record, saved }) });
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
  const dimension = dimensionWithBlocks(scan.dimension, blocks);
  if (dimension) entries.push({ kind: "workbook", sheet: name, where: "dimension", data: JSON.stringify(scan.dimension) });
  pkg.set(path, patchSheet(source, { ...edits, cols, dimension, legacyDrawing: notes.legacyDrawing ?? undefined }, path));
}

/** A new sheet: part, relationships, notes, print names; its cells are made when the package is written. */
export function writeNewSheet(pkg: XlsxPackage, styles: Styles, spec: SheetSpec, name: string, photos?: PhotoBytes): void {
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
  // The 备案表's photos (#19): pictures whose bytes the run was given.
  const drawing = spec.chart && !spec.deferred ? addChart(pkg, part, name, spec.chart, spec.rows) : spec.pictures?.length && photos ? addPictures(pkg, part, spec.pictures, photos) : undefined;
  const index = pkg.sheets().findIndex((s) => s.name === name);
  for (const n of printNames(spec, name)) addDefinedName(pkg, n.name, index, n.formula);
  pkg.set(part, sheetPieces(spec, styles, { legacyDrawing, drawing }));
}

/** Marks a sheet we created as ours (a sheet-scoped name the applications carry along with it). */
function markSheet(pkg: XlsxPackage, name: string, mark: string): void {
  addDefinedName(pkg, mark, pkg.sheets().findIndex((s) => s.name === name), `${quoteSheet(name)}!$A$1`);
}

/** Applies a plan to a package that holds nothing of ours (clear it first). */
export function applyPlan(pkg: XlsxPackage, plan: WritePlan): void {
  const styles = new Styles(pkg);
  const entries: ControlEntry[] = [
    { kind: "workbook", sheet: "", where: "version", data: JOURNAL_VERSION },
    { kind: "workbook", sheet: "", where: "fullCalcOnLoad", data: JSON.stringify(fullCalcOnLoad(pkg)) },
  ];
  const refs = new Map(pkg.sheets().filter((s) => s.isWorksheet).map((s) => [s.name, s]));
  const touched = new Map<string, { marks: Mark[]; blocks: Block[] }>();
  const writesTo = (sheet: string) => touched.get(sheet) ?? (touched.set(sheet, { marks: [], blocks: [] }), touched.get(sheet) as { marks: Mark[]; blocks: Block[] });
  for (const m of plan.marks) if (refs.has(m.sheet)) writesTo(m.sheet).marks.push(m);
  for (const b of plan.blocks) if (refs.has(b.sheet)) writesTo(b.sheet).blocks.push(b);
  const anchors: Anchors = { columns: 0, marks: 0 };
  for (const [sheet, t] of touched) patchUserSheet(pkg, styles, sheet, (refs.get(sheet) as { path: string }).path, t.marks, t.blocks, entries, anchors);

  const hadJpeg = hasDefault(pkg, "jpeg");
  const photos: PhotoBytes = (key) => plan.photos?.get(key) ?? null;
  for (const spec of plan.sheets) {
    const name = uniqueSheetName(spec.name, pkg.sheets().map((s) => s.name));
    writeNewSheet(pkg, styles, spec, name, photos);
    markSheet(pkg, name, SHEET_MARK);
    // The formulas read the score words by name: the sheet we wrote, whatever name it got.
    if (spec.name === DATA_SHEET) addDefinedName(pkg, WORDS_NAME, null, `${quoteSheet(name)}!$A$1:$B$${Math.max(1, spec.rows.length)}`);
    entries.push({ kind: "sheet", sheet: name, where: "", data: spec.name });
  }
  // The photos' content type, if we added it: clear takes it away again.
  if (!hadJpeg && hasDefault(pkg, "jpeg")) entries.push({ kind: "workbook", sheet: "", where: "jpegDefault", data: "1" });
  // Formulas recompute when the file is opened (the cached results are the engine's).
  if (plan.blocks.length || plan.sheets.length) {
    setFullCalcOnLoad(pkg, "1");
    dropCalcChain(pkg);
  }
  const journal: SheetSpec = {
    name: uniqueSheetName(CONTROL_SHEET, pkg.sheets().map((s) => s.name)), hidden: true, merges: [], widths: [10, 16, 14, 60],
    rows: [[...JOURNAL_HEADER], ...entries.map((e) => [e.kind, e.sheet, e.where, e.data])].map((r) => r.map((v) => ({ value: v }))),
  };
  writeNewSheet(pkg, styles, journal, journal.name);
  markSheet(pkg, journal.name, JOURNAL_MARK);
  styles.save();
}

function restoredFill(saved: SavedCell): string | null {
  if (saved.fillXml !== undefined) return saved.fillXml;
  return saved.fill && saved.fill.toUpperCase() !== "#FFFFFF" ? solidFill(`FF${saved.fill.slice(1).toUpperCase()}`) : null;
}

/**
 * Removes everything a run wrote and restores what was there, as far as the journal verifies:
 * cells only where they still hold what was written, sheets only where they carry our mark.
 * False when there was nothing of ours. What was left alone is counted in `skips`.
 */
export function clearWriteBack(pkg: XlsxPackage, skips?: JournalSkips): boolean {
  const journal = readJournal(pkg);
  const marked = journal ? [...journal.ours] : sheetsMarked(pkg, SHEET_MARK);
  if (!journal && marked.length === 0) return false;
  const styles = new Styles(pkg);
  const refs = new Map(pkg.sheets().filter((s) => s.isWorksheet).map((s) => [s.name, s]));
  const r = journal?.resolved;
  if (r && skips) {
    skips.cells.push(...r.skips.cells);
    skips.entries += r.skips.entries;
  }
  const perSheet = new Map<string, { edits: Edits; cols: Map<number, ColAttrs>; created: string[]; appended: string[]; dimension?: string }>();
  const undoIn = (sheet: string) => {
    let p = perSheet.get(sheet);
    if (!p) perSheet.set(sheet, (p = { edits: new Map(), cols: new Map(), created: [], appended: [] }));
    return p;
  };
  for (const c of r?.columns ?? []) {
    if (!refs.has(c.sheet)) continue;
    const p = undoIn(c.sheet);
    for (const row of c.rows) setCellEdit(p.edits, row, c.col, { kind: "remove" });
    const saved = c.saved as SavedColumn | undefined;
    if (!saved || p.cols.has(c.col)) continue;
    if (saved.col !== undefined) p.cols.set(c.col, saved.col);
    else p.cols.set(c.col, saved.width === null && !saved.hidden ? null : { width: String(saved.width ?? 9), customWidth: "1", ...(saved.hidden ? { hidden: "1" } : {}) });
  }
  // The first journalled state of a cell is the original: later ones are skipped.
  const seenCells = new Set<string>();
  for (const m of r?.marks ?? []) {
    const where = a1(m.row, m.col);
    if (!refs.has(m.sheet) || seenCells.has(`${m.sheet}!${where}`)) continue;
    seenCells.add(`${m.sheet}!${where}`);
    const saved = m.saved as unknown as SavedCell;
    const p = undoIn(m.sheet);
    // A cell of ours that goes wins over a mark whose anchor an editor left behind.
    if (p.edits.get(m.row)?.has(m.col)) continue;
    if (saved.note) p.created.push(where);
    if (saved.appended) p.appended.push(where);
    setCellEdit(p.edits, m.row, m.col, {
      kind: "style",
      to: (s, exists) => {
        if (!exists) return null;
        // Only a cell still wearing one of our fills is restyled.
        const now = fillColor(styles.fillOf(s));
        if (!now || !OURS.has(`FF${now.slice(1)}`)) return s;
        if (saved.absent) return null;
        if (m.exact && typeof saved.xf === "number" && styles.xf(saved.xf) === saved.xfXml) return saved.xf;
        // The styles were renumbered (saved by another program), or rows moved inside the marks: take our fill back off the cell as it is now.
        return styles.withFill(s, restoredFill(saved));
      },
    });
  }
  // A sheet's saved dimension stands where its columns were found in place (nothing moved).
  const inPlace = new Set((r?.columns ?? []).filter((c) => c.inPlace).map((c) => c.sheet));
  for (const e of r?.workbook ?? []) {
    if (e.where !== "dimension" || !inPlace.has(e.sheet) || r?.moved.has(e.sheet)) continue;
    const d = parseJson(e.data);
    if (typeof d === "string") undoIn(e.sheet).dimension ??= d;
  }
  for (const [sheet, p] of perSheet) {
    const path = (refs.get(sheet) as { path: string }).path;
    const removed = p.created.length || p.appended.length ? removeNotes(pkg, path, p.created, p.appended) : { vmlRelRemoved: null };
    pkg.set(path, patchSheet(pkg.textSource(path), { cells: p.edits, cols: p.cols, dimension: p.dimension, legacyDrawing: removed.vmlRelRemoved ? null : undefined }, path));
  }
  for (const name of new Set([...marked, ...(journal ? [journal.sheet] : []), ...(r?.legacySheets ?? [])])) removeSheet(pkg, name);
  if (r?.workbook.some((e) => e.where === "jpegDefault")) removeJpegDefault(pkg);
  removeDefinedNames(pkg, (d) => RUN_NAME.test(d.name));
  const calc = r?.workbook.find((e) => e.where === "fullCalcOnLoad");
  const v = calc ? parseJson(calc.data) : undefined;
  if (v === null || typeof v === "string" || typeof v === "boolean") setFullCalcOnLoad(pkg, v === null ? null : v === true ? "1" : v === false ? "0" : v);
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
