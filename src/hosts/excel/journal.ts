// The journal in Excel, read as the file host reads it (app/journal.ts): the journal sheet and our
// generated sheets found by their sheet-scoped marks, anchors through the names Excel moves with
// the user's edits, the cells they name loaded in a few requests and verified before anything is
// blanked. A journal written on the command line reads the same here, and the other way round.
import { CONTROL_SHEET, rawText } from "../../app/control";
import { JOURNAL_HEADER, JOURNAL_MARK, ourMarkedSheets, parseNamedRange, resolveJournal, RUN_NAME, SHEET_MARK, type CellNow, type JournalRow, type NamedRange, type ResolvedJournal } from "../../app/journal";
import { parseA1, type CellValue, type Grid } from "../../forms/grid";
import { Batch, CELL_BUDGET, REQUEST_BUDGET } from "./batch";

/** Per sheet: its names and its used range, queued in one request (see queueSheetNames). */
export interface SheetNames {
  sheets: { name: string; names: Excel.NamedItemCollection; used: Excel.Range }[];
  book: Excel.NamedItemCollection;
}

/** Queues the loads of every sheet's names and used range, and the workbook's names; the caller syncs. */
export function queueSheetNames(context: Excel.RequestContext, sheetNames: readonly string[]): SheetNames {
  const sheets = sheetNames.map((name) => {
    const names = context.workbook.worksheets.getItem(name).names;
    names.load("items/name,items/formula");
    const used = context.workbook.worksheets.getItem(name).getUsedRangeOrNullObject(true);
    used.load("rowIndex,columnIndex,rowCount,columnCount");
    return { name, names, used };
  });
  const book = context.workbook.names;
  book.load("items/name,items/formula");
  return { sheets, book };
}

/** A defined name of ours, to remove on clear: on a sheet (sheet-scoped) or the workbook's (sheet null). */
export interface RunName {
  sheet: string | null;
  item: Excel.NamedItem;
}

export interface ExcelJournal {
  /** The journal sheet, or null. */
  sheet: string | null;
  resolved: ResolvedJournal | null;
  /** Sheets we created, known by their mark (not the journal). */
  ours: Set<string>;
  names: RunName[];
}

/** A rectangle of cells loaded: what each holds and whether it is a formula (i, k: offsets in the rectangle). */
interface Loaded {
  row: number;
  col: number;
  rows: CellValue[][];
  formula: (i: number, k: number) => boolean;
}

/** What a cell costs in a response: a value about 24 bytes (read.ts); a formula's text up to 463
 * bytes as UTF-8 JSON on a wide register's level column (measured), 512 allowed. */
const BYTES = { values: 24, formulas: 512 } as const;

/** Whether Excel can list a range's formula cells (Capabilities.formulaCells, ExcelApi 1.9). */
type FormulaCells = { formulaCells: boolean };

type Rect = { sheet: string; row: number; col: number; rows: number; cols: number };

/** Loads rectangles of cells (`formulas` or `values`) in chunks that each keep a request under the
 * limit, in as few syncs as the budget allows; the parts come back by sheet, each rectangle's in order. */
async function loadRects(context: Excel.RequestContext, batch: Batch, rects: readonly Rect[], what: "cells" | "values", caps: FormulaCells, known?: ReadonlyMap<string, readonly (readonly CellValue[])[]>): Promise<Loaded[][]> {
  // Where Excel can list a range's formula cells (ExcelApi 1.9), values (those a run has just read
  // not again) and that list; else formulas' text.
  const prop = what === "values" || caps.formulaCells ? "values" : "formulas";
  const pending: { rect: number; row: number; col: number; range: Excel.Range; areas: Excel.RangeAreas | null; rows: CellValue[][] | null }[] = [];
  for (const [i, r] of rects.entries()) {
    const step = Math.max(1, Math.floor(Math.min(CELL_BUDGET, REQUEST_BUDGET / BYTES[prop]) / r.cols));
    for (let top = 0; top < r.rows; top += step) {
      const n = Math.min(step, r.rows - top);
      const range = context.workbook.worksheets.getItem(r.sheet).getRangeByIndexes(r.row + top, r.col, n, r.cols);
      const grid = what === "cells" && caps.formulaCells ? known?.get(r.sheet) : undefined;
      const rows = grid ? Array.from({ length: n }, (_, k) => Array.from({ length: r.cols }, (_, c) => grid[r.row + top + k]?.[r.col + c] ?? null)) : null;
      if (!rows && prop === "values") range.load("values");
      else if (!rows) range.load("formulas");
      const areas = what === "cells" && caps.formulaCells ? range.getSpecialCellsOrNullObject("Formulas") : null;
      if (areas) areas.load("address");
      pending.push({ rect: i, row: r.row + top, col: r.col, range, areas, rows });
      await batch.queue((rows ? 0 : n * r.cols * BYTES[prop]) + (areas ? 200 : 0), n * r.cols);
    }
  }
  const out: Loaded[][] = rects.map(() => []);
  if (pending.length === 0) return out;
  await batch.flush();
  for (const p of pending) {
    const rows = p.rows ?? ((prop === "formulas" ? p.range.formulas : p.range.values) as unknown as CellValue[][]);
    let formula: Loaded["formula"] = () => false;
    if (prop === "formulas") formula = (i, k) => typeof rows[i][k] === "string" && (rows[i][k] as string).startsWith("=");
    else if (caps.formulaCells && p.areas) {
      const at = p.areas.isNullObject ? new Set<string>() : formulaSet(p.areas.address);
      formula = (i, k) => at.has(`${p.row + i},${p.col + k}`);
    }
    out[p.rect].push({ row: p.row, col: p.col, rows, formula });
  }
  return out;
}

/** The cells of a RangeAreas address ("Sheet!X3:X10,'My sheet'!X12") as "row,col" keys. */
function formulaSet(address: string): Set<string> {
  const out = new Set<string>();
  for (const m of address.matchAll(/!\$?([A-Z]{1,3})\$?(\d+)(?::\$?([A-Z]{1,3})\$?(\d+))?/g)) {
    const from = parseA1(`${m[1]}${m[2]}`);
    const to = parseA1(`${m[3] ?? m[1]}${m[4] ?? m[2]}`);
    if (!from || !to) continue;
    for (let r = from.row; r <= to.row; r++) for (let c = from.col; c <= to.col; c++) out.add(`${r},${c}`);
  }
  return out;
}

/** A whole sheet's rows from its loaded parts (top to bottom). */
const joined = (parts: readonly Loaded[]): CellValue[][] => parts.flatMap((p) => p.rows);

/** Sheets carrying a sheet-scoped name `mark` that names the sheet itself. */
function marked(names: SheetNames, mark: string): string[] {
  return names.sheets.filter((s) => s.names.items.some((n) => n.name === mark && parseNamedRange(String(n.formula ?? ""))?.sheet === s.name)).map((s) => s.name);
}

const blank = (v: unknown) => v === "" || v === null || v === undefined;

/** What a loaded cell holds now. */
function cellNow(v: CellValue | undefined, formula: boolean): CellNow {
  return formula ? { formula: true, value: v ?? null } : { formula: false, value: blank(v) ? null : (v as CellValue) };
}

/**
 * Finds the journal and resolves it against the workbook as it is now. `names` is loaded (synced);
 * `grids` are the sheets' values where a run has just read them (the journal among them).
 */
export async function readJournal(context: Excel.RequestContext, batch: Batch, names: SheetNames, caps: FormulaCells, grids?: readonly Grid[]): Promise<ExcelJournal> {
  const ours = new Set(marked(names, SHEET_MARK));
  const runNames: RunName[] = [
    ...names.sheets.flatMap((s) => s.names.items.filter((n) => RUN_NAME.test(n.name)).map((item) => ({ sheet: s.name, item }))),
    ...names.book.items.filter((n) => RUN_NAME.test(n.name)).map((item) => ({ sheet: null, item })),
  ];
  const byMark = marked(names, JOURNAL_MARK)[0];
  // A journal from before the marks: the sheet named _kz whose header is the journal's.
  const candidate = byMark ?? names.sheets.find((s) => s.name === CONTROL_SHEET)?.name;
  const none: ExcelJournal = { sheet: null, resolved: null, ours, names: runNames };
  if (!candidate) return none;
  let journalRows = grids?.find((g) => g.name === candidate)?.rows;
  if (!journalRows) {
    const used = names.sheets.find((s) => s.name === candidate)?.used;
    if (!used || used.isNullObject) return byMark ? { ...none, sheet: byMark } : none;
    const [parts] = await loadRects(context, batch, [{ sheet: candidate, row: 0, col: 0, rows: used.rowIndex + used.rowCount, cols: used.columnIndex + used.columnCount }], "values", { formulaCells: false });
    journalRows = joined(parts).map((r) => r.map((v) => (blank(v) ? null : v)));
  }
  const text = (r: CellValue[] | undefined, i: number) => rawText(r?.[i] ?? null);
  if (!byMark && JOURNAL_HEADER.some((h, i) => text(journalRows?.[0], i) !== h)) return none;
  ours.delete(candidate);
  const rows: JournalRow[] = journalRows.slice(1).filter((r) => r && r.some((v) => v !== null)).map((r) => ({ kind: text(r, 0), sheet: text(r, 1), where: text(r, 2), data: text(r, 3) }));

  const sheetList = names.sheets.map((s) => s.name);
  const exists = new Set(sheetList);
  // A user's copy of one of our sheets carries our mark too: hers while the original stands.
  const own = new Set(ourMarkedSheets([...ours], rows, (name) => exists.has(name)));
  for (const name of [...ours]) if (!own.has(name)) ours.delete(name);
  const anchors = new Map<string, NamedRange>();
  for (const s of names.sheets) {
    for (const n of s.names.items) {
      const range = parseNamedRange(String(n.formula ?? ""));
      // Excel keeps the text in step with renames; where it names no sheet, the sheet the name belongs to.
      if (range) anchors.set(n.name, exists.has(range.sheet) ? range : { ...range, sheet: s.name });
    }
  }
  const cells = new Map<string, Loaded[]>();
  const add = (rects: readonly Rect[], parts: Loaded[][]) => rects.forEach((r, i) => cells.set(r.sheet, [...(cells.get(r.sheet) ?? []), ...parts[i]]));
  const userSheet = (name: string) => exists.has(name) && !ours.has(name) && name !== candidate;
  // What the anchors name, loaded before resolving: one narrow range per written column.
  const first = rows.flatMap((e) => {
    const a = e.kind === "column" ? anchors.get(e.where) : undefined;
    return a && a.col === a.lastCol && userSheet(a.sheet) ? [{ sheet: a.sheet, row: a.row, col: a.col, rows: a.lastRow - a.row + 1, cols: 1 }] : [];
  });
  // Whole sheets' cells, to find a column by its header: the run's values, else loaded when asked for.
  const values = new Map<string, readonly (readonly CellValue[])[]>((grids ?? []).map((g) => [g.name, g.rows]));
  const read = new Map(values);
  add(first, await loadRects(context, batch, first, "cells", caps, read));
  const missedCells = new Map<string, { col: number; from: number; to: number }[]>();
  const missedSheets = new Set<string>();
  /** Sheets loaded whole: a cell beyond their used range is empty. */
  const loadedWhole = new Set<string>();
  const lookup = (sheet: string, row: number, col: number): { hit: boolean; v?: CellValue; formula?: boolean } => {
    for (const p of cells.get(sheet) ?? []) {
      if (row >= p.row && row < p.row + p.rows.length && col >= p.col && col < p.col + (p.rows[0]?.length ?? 0)) {
        return { hit: true, v: p.rows[row - p.row][col - p.col], formula: p.formula(row - p.row, col - p.col) };
      }
    }
    return { hit: false };
  };
  const host = {
    // Found by its name, not its mark: whatever wrote the workbook kept no names of ours (a file
    // another program saved, a workbook rebuilt from values): our sheets go by the names we give them.
    marksLost: !byMark,
    anchor: (name: string) => anchors.get(name) ?? null,
    has: (name: string) => userSheet(name),
    cell(sheet: string, row: number, col: number): CellNow {
      const got = lookup(sheet, row, col);
      if (got.hit || loadedWhole.has(sheet)) return cellNow(got.v, !!got.formula);
      const list = missedCells.get(sheet) ?? [];
      const run = list.find((m) => m.col === col);
      if (run) [run.from, run.to] = [Math.min(run.from, row), Math.max(run.to, row)];
      else missedCells.set(sheet, [...list, { col, from: row, to: row }]);
      // Not loaded yet: nothing we could vouch for (loaded and resolved again below).
      return { formula: false, value: "\u0000" };
    },
    find(sheet: string, text: string) {
      const rowsNow = values.get(sheet);
      if (!rowsNow) {
        missedSheets.add(sheet);
        return [];
      }
      const out: { row: number; col: number }[] = [];
      rowsNow.forEach((r, row) => r?.forEach((v, col) => {
        if (typeof v === "string" && v === text) out.push({ row, col });
      }));
      return out;
    },
  };
  let resolved = resolveJournal(rows, host);
  if (missedCells.size || missedSheets.size) {
    // A column its anchor no longer finds (an editor that moved cells, not names) or a journal of
    // literal ranges: what the resolver asked for, in one more round, then resolved again.
    const more: Rect[] = [...missedCells].flatMap(([sheet, list]) => (missedSheets.has(sheet) ? [] : list.map((m) => ({ sheet, row: m.from, col: m.col, rows: m.to - m.from + 1, cols: 1 }))));
    const whole: Rect[] = [];
    for (const sheet of missedSheets) {
      const used = names.sheets.find((s) => s.name === sheet)?.used;
      if (used && !used.isNullObject) whole.push({ sheet, row: 0, col: 0, rows: used.rowIndex + used.rowCount, cols: used.columnIndex + used.columnCount });
      else values.set(sheet, []);
    }
    const parts = await loadRects(context, batch, [...more, ...whole], "cells", caps, read);
    add([...more, ...whole], parts);
    // Where formulas' text was loaded, a formula never matches a header we wrote as text.
    whole.forEach((r, i) => {
      values.set(r.sheet, joined(parts[more.length + i]));
      loadedWhole.add(r.sheet);
    });
    missedCells.clear();
    missedSheets.clear();
    resolved = resolveJournal(rows, host);
  }
  return { sheet: candidate, resolved, ours, names: runNames };
}
