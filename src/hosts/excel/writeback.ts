// Applying a write-back plan in Excel through Office.js, and removing it again. The journal is the
// same hidden control sheet the file host writes (journal v2: anchors are sheet-scoped names Excel
// moves with the user's edits, our sheets carry a mark), so a workbook run on the command line can
// be cleared in Excel and the other way round; what is cleared is verified first (app/journal.ts).
import { CONTROL_SHEET, uniqueSheetName, type ControlEntry } from "../../app/control";
import { columnAnchor, columnRecord, JOURNAL_HEADER, JOURNAL_MARK, JOURNAL_VERSION, markAnchor, quoteSheet, SHEET_MARK, WORDS_NAME, type JournalSkips } from "../../app/journal";
import type { Progress } from "../../app/port";
import { DATA_SHEET, NOTE_PREFIX, type Block, type Mark, type MarkKind, type WritePlan } from "../../app/writeback";
import { a1, columnLetter, widthOf } from "../../forms/grid";
import { CHART_COLOURS, CHART_LINES, layOut, PAGE_NUMBERS, type Layout } from "../../forms/layout";
import { toR1C1 } from "../../forms/r1c1";
import { cell, printRowsOf, rowsOf, type SheetSpec, type SpecCell, type StyleName } from "../../forms/sheetspec";
import { Batch, payloadBytes } from "./batch";
import { placePictures, type PictureAt } from "./pictures";
import { queueSheetNames, readJournal, type ExcelJournal } from "./journal";

export const MARK_COLORS: Record<MarkKind, string> = { error: "#FFC7CE", warning: "#FFEB9C", missing: "#F8CBAD", incomplete: "#DDEBF7" };
const OUR_COLORS = new Set(Object.values(MARK_COLORS));

/** What the journal keeps of a marked cell (the file host adds its style's XML), and the mark's anchor and offset. */
interface SavedMark {
  fill?: string | null;
  note?: boolean;
  comment?: boolean;
  a?: string;
  o?: number;
}

interface Look {
  bold?: boolean;
  size?: number;
  color?: string;
  fill?: string;
  border?: boolean;
  center?: boolean;
  wrap?: boolean;
}

const LOOKS: Record<StyleName, Look> = {
  title: { bold: true, size: 16, center: true, wrap: true },
  subtitle: { center: true, wrap: true },
  titleAcross: { bold: true, size: 16 },
  subtitleAcross: {},
  header: { bold: true, fill: "#F2F2F2", border: true, center: true, wrap: true },
  cell: { border: true, wrap: true },
  text: {},
  date: { border: true },
  center: { center: true },
  box: { border: true, wrap: true },
  boxCenter: { border: true, wrap: true, center: true },
  label: { bold: true, border: true },
  note: {},
  computedHeader: { bold: true, color: "#1F4E79", fill: "#E2EFDA", border: true, center: true, wrap: true },
  computed: { color: "#1F4E79", fill: "#F3F9EE", border: true },
  wrap: { wrap: true },
};

export class SheetProtected extends Error {
  constructor(readonly sheet: string) {
    super(`工作表“${sheet}”受保护，无法标记和写入：请在“审阅 > 撤销工作表保护”后再试。工作簿未作改动。`);
    this.name = "SheetProtected";
  }
}

/** What the host can do; the plan degrades where it cannot. Notes need ExcelApi 1.18 (Microsoft
 * 365); Excel 2021 and 2024 (1.14, 1.17) get a comment (1.10) on a marked cell instead. */
export interface Capabilities {
  notes: boolean;
  comments: boolean;
  pageLayout: boolean;
  charts: boolean;
  /** Range.getSpecialCells (ExcelApi 1.9): which cells hold formulas, without loading their text. */
  formulaCells: boolean;
  /** Worksheet.shapes.addImage (ExcelApi 1.9) where a cell is (Range.left/top, 1.10): the 备案表's photos. */
  pictures?: boolean;
}

export function capabilities(): Capabilities {
  const has = (v: string) => Office.context.requirements.isSetSupported("ExcelApi", v);
  return { notes: has("1.18"), comments: has("1.10"), pageLayout: has("1.9"), charts: has("1.1"), formulaCells: has("1.9"), pictures: has("1.10") };
}

/** The cells that already hold a comment ("Sheet!A1"): a cell holds one comment thread, and a user's stays as it is. */
async function commentedCells(context: Excel.RequestContext, batch: Batch): Promise<Set<string>> {
  const all = context.workbook.comments;
  all.load("items");
  await batch.flush();
  const places = all.items.map((c) => {
    const r = c.getLocation();
    r.load("address");
    return r;
  });
  await batch.flush();
  return new Set(places.map((r) => r.address.replace(/'/g, "").replace(/\$/g, "")));
}

function applyLook(range: Excel.Range, look: Look): void {
  const f = range.format;
  if (look.bold) f.font.bold = true;
  if (look.size) f.font.size = look.size;
  if (look.color) f.font.color = look.color;
  if (look.fill) f.fill.color = look.fill;
  if (look.center) f.horizontalAlignment = "Center";
  if (look.wrap) f.wrapText = true;
  if (look.border) {
    // Thin continuous lines in the default colour: one property per edge keeps requests small.
    for (const edge of ["EdgeTop", "EdgeBottom", "EdgeLeft", "EdgeRight", "InsideHorizontal", "InsideVertical"] as const) f.borders.getItem(edge).style = "Continuous";
  }
}

/** A cell as Office.js takes it in `formulas`: text that Excel would turn into a number or a formula keeps an apostrophe. */
function formulaOf(c: SpecCell | null): string | number | boolean {
  if (!c) return "";
  if (c.formula !== undefined) return `=${c.formula}`;
  const v = c.value;
  if (v === null || v === undefined) return "";
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === "string" && (/^[=+\-@]/.test(v) || /^\s*[\d.]+\s*$/.test(v) || /^\d+[-/]\d+/.test(v))) return `'${v}`;
  return v;
}

/** Rectangles of one style: runs along each row, merged downwards where the next rows repeat them. */
function styleRects(rows: readonly (SpecCell | null)[][]): { style: StyleName; r0: number; r1: number; c0: number; c1: number }[] {
  const open = new Map<string, { style: StyleName; r0: number; r1: number; c0: number; c1: number }>();
  const done: { style: StyleName; r0: number; r1: number; c0: number; c1: number }[] = [];
  rows.forEach((row, r) => {
    const seen = new Set<string>();
    for (let c = 0; c < row.length; ) {
      const style = row[c]?.style;
      if (!style) { c++; continue; }
      let e = c;
      while (e + 1 < row.length && row[e + 1]?.style === style) e++;
      const key = `${style}|${c}|${e}`;
      const rect = open.get(key);
      if (rect && rect.r1 === r - 1) rect.r1 = r;
      else {
        if (rect) done.push(rect);
        open.set(key, { style, r0: r, r1: r, c0: c, c1: e });
      }
      seen.add(key);
      c = e + 1;
    }
    for (const [key, rect] of open) if (!seen.has(key)) { done.push(rect); open.delete(key); }
  });
  return [...done, ...open.values()];
}

async function writeRows(ws: Excel.Worksheet, rows: readonly (SpecCell | null)[][], top: number, left: number, batch: Batch): Promise<void> {
  await writeValues(ws, rows, top, left, batch);
  await writeStyles(ws, rows, top, left, batch);
}

async function writeValues(ws: Excel.Worksheet, rows: readonly (SpecCell | null)[][], top: number, left: number, batch: Batch): Promise<void> {
  const width = widthOf(rows);
  if (width === 0) return;
  const step = Math.max(1, Math.floor(20000 / width));
  for (let i = 0; i < rows.length; i += step) {
    const part = rows.slice(i, i + step).map((r) => Array.from({ length: width }, (_, k) => formulaOf(r[k] ?? null)));
    if (part.every((r) => r.every((v) => v === ""))) continue;
    ws.getRangeByIndexes(top + i, left, part.length, width).formulas = part;
    await batch.queue(payloadBytes(part), part.length * width);
  }
}

async function writeStyles(ws: Excel.Worksheet, rows: readonly (SpecCell | null)[][], top: number, left: number, batch: Batch): Promise<void> {
  for (const rect of styleRects(rows)) {
    const look = LOOKS[rect.style];
    applyLook(ws.getRangeByIndexes(top + rect.r0, left + rect.c0, rect.r1 - rect.r0 + 1, rect.c1 - rect.c0 + 1), look);
    // About 100 bytes a queued action: the range, then one per property set.
    await batch.queue(100 * (2 + Object.keys(look).length + (look.border ? 6 : 0)));
  }
}

/**
 * A sheet of printed pages (备案表): the values, then each page's formats; a page laid out like
 * an earlier one copies that one's formats in one action instead of repeating every border.
 */
async function writePages(ws: Excel.Worksheet, spec: SheetSpec, rows: (SpecCell | null)[][], batch: Batch): Promise<void> {
  await writeValues(ws, rows, 0, 0, batch);
  const starts = [0, ...(spec.print?.rowBreaks ?? [])];
  const width = widthOf(rows);
  const first = new Map<string, number>();
  for (const [k, start] of starts.entries()) {
    const end = starts[k + 1] ?? rows.length;
    const page = rows.slice(start, end);
    const signature = page.map((r) => r.map((c) => c?.style ?? "").join(",")).join("|");
    const earlier = first.get(signature);
    if (earlier === undefined) {
      first.set(signature, start);
      await writeStyles(ws, page, start, 0, batch);
    } else {
      ws.getRangeByIndexes(start, 0, end - start, width).copyFrom(ws.getRangeByIndexes(earlier, 0, end - start, width), "Formats");
      await batch.queue(200);
    }
  }
}

/** Writes a new sheet; `mark` (a sheet-scoped name) is added with it, so a failed run's clear finds it. */
async function writeSheet(context: Excel.RequestContext, spec: SheetSpec, name: string, caps: Capabilities, batch: Batch, mark?: string): Promise<Excel.Worksheet> {
  const ws = context.workbook.worksheets.add(name);
  if (mark) ws.names.add(mark, ws.getRange("A1"));
  const rows = rowsOf(spec);
  if (spec.print?.rowBreaks?.length && caps.pageLayout) await writePages(ws, spec, rows, batch);
  else await writeRows(ws, rows, 0, 0, batch);
  // The same widths and heights the file host writes (forms/layout.ts).
  const layout = layOut(spec, rows);
  layout.widths.forEach((w, c) => (ws.getRangeByIndexes(0, c, 1, 1).format.columnWidth = w * 6.5));
  await writeHeights(ws, layout, rows.length, batch);
  if (spec.freeze) ws.freezePanes.freezeRows(spec.freeze.rows);
  if (spec.hidden) ws.visibility = "Hidden";
  if (spec.print && caps.pageLayout) {
    const p = spec.print;
    const page = ws.pageLayout;
    page.orientation = p.landscape ? "Landscape" : "Portrait";
    page.paperSize = "A4";
    page.printGridlines = !!p.gridLines;
    page.centerHorizontally = true;
    // The file host's margins (inches there, points here).
    page.leftMargin = page.rightMargin = 36;
    page.topMargin = page.bottomMargin = 43.2;
    page.headerMargin = page.footerMargin = 21.6;
    page.setPrintArea(`A1:${columnLetter(p.lastCol)}${Math.max(1, printRowsOf(spec))}`);
    if (p.titleRows) page.setPrintTitleRows(`$${p.titleRows[0]}:$${p.titleRows[1]}`);
    if (p.titleCols) page.setPrintTitleColumns(`$${columnLetter(p.titleCols[0])}:$${columnLetter(p.titleCols[1])}`);
    if (p.fitToWidth) page.zoom = { horizontalFitToPages: 1, verticalFitToPages: 0 };
    if (p.pageNumbers) page.headersFooters.defaultForAllPages.centerFooter = PAGE_NUMBERS;
    for (const r of p.rowBreaks ?? []) {
      ws.horizontalPageBreaks.add(`A${r + 1}`);
      await batch.queue(100);
    }
    for (const c of p.colBreaks ?? []) {
      ws.verticalPageBreaks.add(`${columnLetter(c)}1`);
      await batch.queue(100);
    }
  }
  const span = spec.chart ? /^A(\d+):A(\d+)$/.exec(spec.chart.categories) : null;
  if (spec.chart && span && caps.charts) {
    // The table's header row, its categories and the series beside them.
    const last = columnLetter(spec.chart.series.length);
    const chart = ws.charts.add(Excel.ChartType.columnClustered, ws.getRange(`A${Number(span[1]) - 1}:${last}${span[2]}`), Excel.ChartSeriesBy.columns);
    chart.title.text = spec.chart.title;
    // Explicit colours, as the file host writes them: the same chart with or without a theme.
    spec.chart.series.forEach((_, i) => chart.series.getItemAt(i).format.fill.setSolidColor(`#${CHART_COLOURS[i % CHART_COLOURS.length]}`));
    chart.dataLabels.showValue = true;
    chart.axes.valueAxis.majorGridlines.format.line.color = `#${CHART_LINES.grid}`;
    chart.axes.valueAxis.format.line.color = `#${CHART_LINES.axis}`;
    chart.axes.categoryAxis.format.line.color = `#${CHART_LINES.axis}`;
    const a = spec.chart.anchor;
    chart.setPosition(`${columnLetter(a.fromCol)}${a.fromRow + 1}`, `${columnLetter(a.toCol)}${a.toRow + 1}`);
  }
  await batch.queue(2000);
  return ws;
}

/** Row heights as the layout sets them, one action per run of rows of the same height. */
async function writeHeights(ws: Excel.Worksheet, layout: Layout, rowCount: number, batch: Batch): Promise<void> {
  for (let r = 0; r < rowCount; ) {
    const h = layout.heightOf(r);
    let e = r + 1;
    while (e < rowCount && layout.heightOf(e) === h) e++;
    if (h !== undefined) {
      ws.getRangeByIndexes(r, 0, e - r, 1).format.rowHeight = h;
      await batch.queue(100);
    }
    r = e;
  }
}

const blockWidth = (b: Block) => Math.max(b.widths.length, widthOf(b.cells));

/** Journal entries of the columns a block writes, each anchored by a sheet-scoped name (numbered across the run). */
function blockEntries(b: Block, next: () => string, anchors: Anchor[]): ControlEntry[] {
  const last = b.row + b.cells.length - 1;
  return Array.from({ length: blockWidth(b) }, (_, k): ControlEntry => {
    const col = b.col + k;
    const id = next();
    anchors.push({ sheet: b.sheet, id, row: b.row, col, rows: b.cells.length });
    const record = columnRecord(`${a1(b.row, col)}:${a1(last, col)}`, b.cells.map((r) => r[k]));
    // The column's width and visibility before are not read (a column right of the user's table): cleared, it is autofitted.
    return { kind: "column", sheet: b.sheet, where: id, data: JSON.stringify({ ...record, saved: { width: null, hidden: false } }) };
  });
}

interface Anchor {
  sheet: string;
  id: string;
  row: number;
  col: number;
  rows: number;
}

/** One anchor per column holding marks, over the marks' rows; each mark is journalled as its offset from the top. */
function markEntries(before: readonly { m: Mark; r: Excel.Range }[], anchors: Anchor[], saved: (m: Mark, r: Excel.Range) => SavedMark): ControlEntry[] {
  const spans = new Map<string, { sheet: string; col: number; first: number; last: number; id: string }>();
  for (const { m } of before) {
    const k = `${m.sheet}\u0000${m.col}`;
    const span = spans.get(k);
    if (!span) spans.set(k, { sheet: m.sheet, col: m.col, first: m.row, last: m.row, id: "" });
    else [span.first, span.last] = [Math.min(span.first, m.row), Math.max(span.last, m.row)];
  }
  let n = 0;
  const entries: ControlEntry[] = [];
  for (const span of spans.values()) {
    span.id = markAnchor(++n);
    anchors.push({ sheet: span.sheet, id: span.id, row: span.first, col: span.col, rows: span.last - span.first + 1 });
    entries.push({ kind: "marks", sheet: span.sheet, where: span.id, data: JSON.stringify({ ref: `${a1(span.first, span.col)}:${a1(span.last, span.col)}` }) });
  }
  // After every "marks" entry: a cell's entry names an anchor the reader has met.
  for (const { m, r } of before) {
    const span = spans.get(`${m.sheet}\u0000${m.col}`) as { first: number; id: string };
    entries.push({ kind: "cell", sheet: m.sheet, where: a1(m.row, m.col), data: JSON.stringify({ ...saved(m, r), a: span.id, o: m.row - span.first }) });
  }
  return entries;
}

async function applyBlock(ws: Excel.Worksheet, b: Block, batch: Batch): Promise<void> {
  const width = blockWidth(b);
  // Shared runs go in as one R1C1 formula over their whole range; the rest cell by cell.
  const rows = b.cells.map((r) => r.map((c) => (c && (c.shareRange || c.sharedWith) ? null : c)));
  await writeRows(ws, rows, b.row, b.col, batch);
  for (const [r, row] of b.cells.entries()) {
    for (const [k, c] of row.entries()) {
      if (!c?.shareRange || c.formula === undefined) continue;
      ws.getRange(c.shareRange).formulasR1C1 = `=${toR1C1(c.formula, b.row + r, b.col + k)}` as unknown as string[][];
      await batch.queue(c.formula.length * 3);
    }
  }
  for (let c = 0; c < width; c++) {
    const col = ws.getRangeByIndexes(0, b.col + c, 1, 1).getEntireColumn();
    col.format.columnWidth = (b.widths[c] ?? 10) * 6.5;
    if (b.hiddenCols.includes(b.col + c)) col.columnHidden = true;
  }
}

/**
 * Applies a plan to a workbook that holds nothing of ours. The journal is queued first: if Excel
 * refuses a later write (a protected sheet, a cell in edit mode), what was written is removed
 * again and the workbook is as it was.
 */
export async function applyPlan(context: Excel.RequestContext, plan: WritePlan, batch = new Batch(context), caps = capabilities(), progress?: Progress): Promise<Batch> {
  const sheets = context.workbook.worksheets;
  sheets.load("items/name");
  // A protected sheet refuses writes: find out before writing anything.
  const touched = [...new Set([...plan.marks.map((m) => m.sheet), ...plan.blocks.map((b) => b.sheet)])].map((name) => {
    const protection = sheets.getItem(name).protection;
    protection.load("protected");
    return { name, protection };
  });
  // The marked cells' fills as they are, for the journal: one read for all of them.
  const before = plan.marks.map((m) => {
    const r = sheets.getItem(m.sheet).getRangeByIndexes(m.row, m.col, 1, 1);
    r.format.fill.load("color");
    return { m, r };
  });
  await batch.flush();
  const locked = touched.find((t) => t.protection.protected);
  if (locked) throw new SheetProtected(locked.name);
  // Without notes, a mark explains itself in a comment where the cell has none.
  const commented = !caps.notes && caps.comments && plan.marks.some((m) => m.note) ? await commentedCells(context, batch) : null;
  const comment = (m: Mark) => !!m.note && commented !== null && !commented.has(`${m.sheet.replace(/'/g, "")}!${columnLetter(m.col)}${m.row + 1}`);
  const names = sheets.items.map((s) => s.name);
  const sheetNames = plan.sheets.map((spec) => {
    const name = uniqueSheetName(spec.name, names);
    names.push(name);
    return name;
  });
  const anchors: Anchor[] = [];
  let columns = 0;
  const entries: ControlEntry[] = [
    { kind: "workbook", sheet: "", where: "version", data: JOURNAL_VERSION },
    ...markEntries(before, anchors, (m, r) => ({ fill: r.format.fill.color ?? null, note: !!m.note && caps.notes, ...(comment(m) ? { comment: true } : {}) })),
    ...plan.blocks.flatMap((b) => blockEntries(b, () => columnAnchor(++columns), anchors)),
    ...plan.sheets.map((spec, i): ControlEntry => ({ kind: "sheet", sheet: sheetNames[i], where: "", data: spec.name })),
  ];
  const control = sheets.add(uniqueSheetName(CONTROL_SHEET, names));
  control.visibility = "Hidden";
  control.names.add(JOURNAL_MARK, control.getRange("A1"));
  // Text as text (a sheet called 2024 stays "2024"), in requests under the limit.
  const journal = [[...JOURNAL_HEADER], ...entries.map((e) => [e.kind, e.sheet, e.where, e.data])];
  for (let i = 0; i < journal.length; i += 5000) {
    const part = journal.slice(i, i + 5000).map((r) => r.map((v) => formulaOf(cell(v))));
    control.getRangeByIndexes(i, 0, part.length, 4).formulas = part;
    await batch.queue(payloadBytes(part), part.length * 4);
  }
  // The anchors, before anything they name is written: Excel moves them with the user's edits.
  for (const a of anchors) {
    const ws = sheets.getItem(a.sheet);
    ws.names.add(a.id, ws.getRangeByIndexes(a.row, a.col, a.rows, 1));
    await batch.queue(200);
  }
  // Queued first: Excel applies a request's actions in order, so whatever part of the writes
  // lands, the journal that undoes it has landed before.
  try {
    context.application.suspendApiCalculationUntilNextSync();
    for (const { m, r } of before) {
      markCell(context, r, m, caps, comment(m));
      await batch.queue(200 + (m.note?.length ?? 0) * 3);
    }
    // Steps: the marks, each block, each generated sheet.
    const steps = 1 + plan.blocks.length + plan.sheets.length;
    progress?.(1, steps);
    for (const [i, b] of plan.blocks.entries()) {
      await applyBlock(sheets.getItem(b.sheet), b, batch);
      progress?.(2 + i, steps);
    }
    for (const [i, spec] of plan.sheets.entries()) {
      const ws = await writeSheet(context, spec, sheetNames[i], caps, batch, SHEET_MARK);
      // The formulas read the score words by name: the sheet we wrote, whatever name it got.
      if (spec.name === DATA_SHEET) context.workbook.names.add(WORDS_NAME, ws.getRange(`A1:B${Math.max(1, spec.rows.length)}`));
      progress?.(2 + plan.blocks.length + i, steps);
    }
    // The photos go on the sheets just written (where this Excel can add pictures).
    if (plan.photos) await placePictures(context, picturesOf(plan, sheetNames, plan.photos), caps, batch);
    await batch.flush();
  } catch (e) {
    await clearWriteBack(context, batch, caps);
    throw e;
  }
  return batch;
}

/** The pictures the plan's sheets anchor, on the names the sheets got, where there is a photo
 * (the JPEG of each by its key, forms/photobox photoKey). */
function picturesOf(plan: WritePlan, sheetNames: readonly string[], photos: ReadonlyMap<string, () => Uint8Array>): PictureAt[] {
  return plan.sheets.flatMap((spec, i) => (spec.pictures ?? []).flatMap((picture) => {
    const jpeg = photos.get(picture.key);
    return jpeg ? [{ sheet: sheetNames[i], picture, jpeg }] : [];
  }));
}

function markCell(context: Excel.RequestContext, r: Excel.Range, m: Mark, caps: Capabilities, comment: boolean): void {
  r.format.fill.color = MARK_COLORS[m.kind];
  if (m.note && caps.notes) context.workbook.notes.add(r, m.note);
  else if (m.note && comment && caps.comments) context.workbook.comments.add(r, m.note);
}

/**
 * Removes everything a run wrote (in Excel or on the command line) and restores what was there, as
 * far as the journal verifies: cells only where they still hold what was written, fills only where
 * they are still ours, notes only where they are ours, sheets only where they carry our mark.
 * False when there was nothing of ours. What was left alone is counted in `skips`.
 */
export async function clearWriteBack(context: Excel.RequestContext, batch = new Batch(context), caps = capabilities(), skips?: JournalSkips): Promise<boolean> {
  const sheets = context.workbook.worksheets;
  sheets.load("items/name");
  await batch.flush();
  const list = sheets.items.map((s) => s.name);
  const names = queueSheetNames(context, list);
  await batch.flush();
  return removeRun(context, batch, caps, await readJournal(context, batch, names, caps), list, skips);
}

/** Runs of consecutive rows, as [first, last]. */
function runs(rows: readonly number[]): [number, number][] {
  const out: [number, number][] = [];
  for (const r of [...rows].sort((a, b) => a - b)) {
    const last = out[out.length - 1];
    if (last && last[1] === r - 1) last[1] = r;
    else out.push([r, r]);
  }
  return out;
}

async function removeRun(context: Excel.RequestContext, batch: Batch, caps: Capabilities, journal: ExcelJournal, sheetList: readonly string[], skips?: JournalSkips): Promise<boolean> {
  const r = journal.resolved;
  if (!journal.sheet && journal.ours.size === 0 && journal.names.length === 0) return false;
  if (r && skips) {
    skips.cells.push(...r.skips.cells);
    skips.entries += r.skips.entries;
  }
  const sheets = context.workbook.worksheets;
  const doomed = new Set([...journal.ours, ...(journal.sheet ? [journal.sheet] : []), ...(r?.legacySheets ?? [])]);
  const exists = new Set(sheetList);
  const user = (name: string) => exists.has(name) && !doomed.has(name);
  const blanked = new Set<string>();
  const restored = new Set<string>();
  context.application.suspendApiCalculationUntilNextSync();
  for (const c of r?.columns ?? []) {
    if (!user(c.sheet)) continue;
    const ws = sheets.getItem(c.sheet);
    for (const [from, to] of runs(c.rows)) {
      ws.getRangeByIndexes(from, c.col, to - from + 1, 1).clear("All");
      await batch.queue(120);
    }
    for (const row of c.rows) blanked.add(`${c.sheet}!${row},${c.col}`);
    const saved = c.saved as { width?: number | null; hidden?: boolean } | undefined;
    if (!saved || restored.has(`${c.sheet}!${c.col}`)) continue;
    restored.add(`${c.sheet}!${c.col}`);
    const col = ws.getRangeByIndexes(0, c.col, 1, 1).getEntireColumn();
    col.columnHidden = !!saved.hidden;
    if (typeof saved.width === "number") col.format.columnWidth = saved.width * 6.5;
    else col.format.autofitColumns();
    await batch.queue(120);
  }
  // Marks: the first journalled state of a cell is the original; a cell of ours that went wins.
  const seen = new Set<string>();
  const marks = (r?.marks ?? []).filter((m) => {
    const k = `${m.sheet}!${m.row},${m.col}`;
    if (!user(m.sheet) || seen.has(k)) return false;
    seen.add(k);
    return !blanked.has(k);
  });
  const looks = [];
  for (const m of marks) {
    const range = sheets.getItem(m.sheet).getRangeByIndexes(m.row, m.col, 1, 1);
    range.format.fill.load("color");
    const saved = m.saved as SavedMark;
    const address = `${quoteSheet(m.sheet)}!${a1(m.row, m.col)}`;
    let note: Excel.Note | null = null;
    if (caps.notes && saved.note) {
      note = context.workbook.notes.getItemOrNullObject(address);
      note.load("content");
    }
    looks.push({ range, saved, address, key: `${m.sheet.replace(/'/g, "")}!${a1(m.row, m.col)}`, note });
    await batch.queue(120);
  }
  const commented = caps.comments && looks.some((l) => l.saved.comment) ? await commentedCells(context, batch) : null;
  if (looks.length) await batch.flush();
  for (const l of looks) {
    // Only a cell still wearing one of our fills is restyled; a note only where it is still ours.
    if (OUR_COLORS.has(String(l.range.format.fill.color ?? "").toUpperCase())) restoreFill(l.range, l.saved.fill ?? null);
    if (caps.notes && l.note && !l.note.isNullObject && String(l.note.content ?? "").startsWith(NOTE_PREFIX)) l.note.delete();
    if (caps.comments && commented?.has(l.key) && l.saved.comment) context.workbook.comments.getItemByCell(l.address).delete();
    await batch.queue(200);
  }
  // Our names on the user's sheets and the workbook's; our sheets take theirs with them.
  for (const n of journal.names) {
    if (n.sheet === null || user(n.sheet)) n.item.delete();
    await batch.queue(60);
  }
  for (const name of doomed) {
    if (!exists.has(name)) continue;
    sheets.getItem(name).delete();
    await batch.queue(60);
  }
  await batch.flush();
  return true;
}

function restoreFill(r: Excel.Range, color: string | null): void {
  if (color === null || color.toUpperCase() === "#FFFFFF") r.format.fill.clear();
  else r.format.fill.color = color;
}

/**
 * A sheet the user keeps (the imported register): written as a new sheet, marked by a
 * workbook-level name; the sheet an earlier import marked is replaced. Not journalled: clear
 * leaves it. The command line marks it the same way, so either can replace the other's.
 */
export async function writeMarkedSheet(context: Excel.RequestContext, spec: SheetSpec, mark: string, batch = new Batch(context), caps = capabilities()): Promise<string> {
  const item = context.workbook.names.getItemOrNullObject(mark);
  item.load("formula");
  const sheets = context.workbook.worksheets;
  sheets.load("items/name");
  batch.synced();
  await context.sync();
  const names = sheets.items.map((s) => s.name);
  if (!item.isNullObject) {
    const earlier = /^=?'?((?:[^']|'')+?)'?!/.exec(item.formula ?? "")?.[1]?.replace(/''/g, "'");
    item.delete();
    if (earlier && names.includes(earlier)) {
      sheets.getItem(earlier).delete();
      names.splice(names.indexOf(earlier), 1);
    }
  }
  const name = uniqueSheetName(spec.name, names);
  await writeSheet(context, spec, name, caps, batch);
  context.workbook.names.add(mark, `=${quoteSheet(name)}!$A$1`);
  await batch.flush();
  return name;
}
