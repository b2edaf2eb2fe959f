// Finding what we wrote after the user has edited (architecture.md): what the product writes into
// a user sheet is anchored by sheet-scoped defined names, which Excel, WPS and LibreOffice keep in
// step with inserted and deleted rows and columns and with renamed and reordered sheets. A sheet we
// create carries a sheet-scoped mark, so a user's sheet that merely has its name is never ours.
// Before a cell is blanked it is compared with what we wrote there; a journal entry that does not
// verify is skipped: a damaged or edited journal makes us do less, never more.
import { cellText, columnLetter, parseA1, type CellValue } from "../forms/grid";
import type { SpecCell } from "../forms/sheetspec";

/** The journal's version row (kind workbook, where "version"): without it, a journal of literal ranges. */
export const JOURNAL_VERSION = "2";
/** Sheet-scoped name on every sheet we create (generated sheets, the data sheet). */
export const SHEET_MARK = "_kz_sheet";
/** Sheet-scoped name on the journal sheet itself. */
export const JOURNAL_MARK = "_kz_journal";
/** Workbook-level name of the score-word table on the data sheet: formulas read it by name, so they
 * read the sheet we actually wrote whatever it is called. */
export const WORDS_NAME = "_kz_words";
/** Anchors: one per written column (c) and per column holding marks (m). */
export const columnAnchor = (i: number) => `_kz_c${i}`;
export const markAnchor = (i: number) => `_kz_m${i}`;
/** Every defined name the product adds to a run (not the import's mark, which the user keeps). */
export const RUN_NAME = /^_kz_(?:c\d+|m\d+|words|sheet|journal)$/;

export const JOURNAL_HEADER = ["类型", "工作表", "位置", "原状（课证生成，请勿修改）"] as const;

/** What a written column holds, to tell our cells from the user's after edits. */
export interface ColumnRecord {
  /** The range as written (A1, e.g. "X3:X600"): where the anchor started. */
  ref: string;
  /** The top cell's text as written (the column's header), or null. */
  header: string | null;
  /** Whether any cell below the header holds a formula. */
  f: boolean;
  /** Hashes of the values (not formulas) written below the header. */
  v: string[];
}

/** 32-bit FNV-1a of a text, base 36: the journal keeps hashes of what was written, not the values. */
export function textHash(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(36);
}

/** A value as compared: numbers and text as the cell shows them. */
const valueText = (v: CellValue): string => (typeof v === "string" ? v : cellText(v));

/** The record of one column of a block: cells top to bottom (null = nothing written). */
export function columnRecord(ref: string, cells: readonly (SpecCell | null | undefined)[]): ColumnRecord {
  const top = cells[0];
  const header = top && top.formula === undefined && !top.sharedWith && top.value !== null && top.value !== undefined ? valueText(top.value) : null;
  let f = false;
  const v = new Set<string>();
  for (let i = header === null ? 0 : 1; i < cells.length; i++) {
    const c = cells[i];
    if (!c) continue;
    if (c.formula !== undefined || c.sharedWith) f = true;
    else if (c.value !== null && c.value !== undefined && c.value !== "") v.add(textHash(valueText(c.value)));
  }
  return { ref, header, f, v: [...v] };
}

/** A cell as it is now. */
export interface CellNow {
  formula: boolean;
  value: CellValue;
}

/**
 * Whether a cell of an anchored column holds what we wrote there: the header where we wrote one
 * (top row), below it a formula where we wrote formulas or one of the values we wrote.
 */
export function isOurs(record: ColumnRecord, top: boolean, now: CellNow): boolean {
  if (now.value === null && !now.formula) return false;
  if (top && record.header !== null) return !now.formula && valueText(now.value) === record.header;
  if (now.formula) return record.f;
  return record.v.includes(textHash(valueText(now.value)));
}

/** A column record parsed from the journal, or null where the text is not one (edited, damaged). */
export function parseRecord(data: string): ColumnRecord | null {
  const o = parseJson(data);
  if (!o || typeof o !== "object") return null;
  const r = o as Partial<ColumnRecord>;
  if (typeof r.ref !== "string" || !/^[A-Z]+\d+:[A-Z]+\d+$/.test(r.ref) || typeof r.f !== "boolean" || !Array.isArray(r.v)) return null;
  if (r.header !== null && typeof r.header !== "string") return null;
  return { ref: r.ref, header: r.header ?? null, f: r.f, v: r.v.filter((x): x is string => typeof x === "string") };
}

/** JSON.parse that answers undefined for text that is not JSON (a journal the user edited). */
export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** A defined name's range: the sheet it names and the cells, or null (#REF!, another shape). */
export interface NamedRange {
  sheet: string;
  row: number;
  col: number;
  lastRow: number;
  lastCol: number;
}

/** Parses `'Sheet'!$A$1:$B$9`, `Sheet!$A$1` (LibreOffice writes simple names unquoted) or `=...`. */
export function parseNamedRange(formula: string): NamedRange | null {
  const m = /^=?(?:'((?:[^']|'')+)'|([^'!:]+))!\$?([A-Z]{1,3})\$?(\d+)(?::\$?([A-Z]{1,3})\$?(\d+))?$/.exec(formula.trim());
  if (!m) return null;
  const from = parseA1(`${m[3]}${m[4]}`);
  const to = parseA1(`${m[5] ?? m[3]}${m[6] ?? m[4]}`);
  if (!from || !to) return null;
  return { sheet: (m[1] ?? m[2]).replace(/''/g, "'"), row: from.row, col: from.col, lastRow: to.row, lastCol: to.col };
}

export const quoteSheet = (name: string) => `'${name.replace(/'/g, "''")}'`;

/** The rows of a column the journal records (its ref), 0-based first and last. */
export function recordSpan(ref: string): { row: number; col: number; lastRow: number } | null {
  const [a, b] = ref.split(":").map(parseA1);
  return a && b ? { row: a.row, col: a.col, lastRow: b.row } : null;
}

/** What the journal could not vouch for: cells left alone and entries skipped. */
export interface JournalSkips {
  /** Cells in our columns that no longer hold what we wrote ("Sheet!A1"). */
  cells: { sheet: string; cell: string }[];
  /** Entries that did not verify: damaged, edited, or whose name is gone. */
  entries: number;
}

export const noSkips = (): JournalSkips => ({ cells: [], entries: 0 });

/** One journal row (the control sheet): see ControlEntry in control.ts. */
export interface JournalRow {
  kind: string;
  sheet: string;
  where: string;
  data: string;
}

/** What a host answers about the workbook as it is now. */
export interface JournalHost {
  /** A sheet-scoped name's range now, or null where it is gone or no longer a range (#REF!). */
  anchor(name: string, sheet: string): NamedRange | null;
  /** Whether a sheet of the user's (not one we marked) has this name. */
  has(sheet: string): boolean;
  cell(sheet: string, row: number, col: number): CellNow;
  /** Plain-text cells of a sheet holding exactly `text` (to find a column whose anchor the editor did not move). */
  find(sheet: string, text: string): { row: number; col: number }[];
  /** The journal was found by its name, its mark gone: a writer that keeps no sheet-scoped names
   * (ExcelJS keeps one name of each spelling, workbook-level) dropped every sheet's mark too. */
  marksLost?: boolean;
}

export interface ResolvedColumn {
  sheet: string;
  col: number;
  /** Rows that hold what we wrote or nothing (blank them). */
  rows: number[];
  /** The column's saved attributes (host JSON), restored where the column is found. */
  saved: unknown;
  /** Found where it was written (no edit moved it). */
  inPlace: boolean;
}

export interface ResolvedMark {
  sheet: string;
  row: number;
  col: number;
  saved: Record<string, unknown>;
  /** The row is certain (no rows were inserted or deleted inside the marked span). */
  exact: boolean;
}

export interface ResolvedJournal {
  columns: ResolvedColumn[];
  marks: ResolvedMark[];
  /** Legacy journals: generated sheets by name (only names the product gives its sheets). */
  legacySheets: string[];
  /** Other workbook entries (fullCalcOnLoad, dimension): kept as written. */
  workbook: JournalRow[];
  /** Sheets where something moved: their saved dimension no longer describes them. */
  moved: Set<string>;
  skips: JournalSkips;
}

const LEGACY_HEADER = /（解析）$|课程结果$|^(已合格相关课程数|可认定等级|认定状态|说明)$/;
/** The names the product gives the sheets it generates (a clash gets "(2)"; the 备案表 splits as "备案表（2）"). */
export const GENERATED_NAME = /^(备案表|申报人员花名册|认定计划|上报数据|成绩确认表|获证人员汇总表|公示名单|认定统计|督导汇总|归档清单|_kz_data)(\(\d+\)|（\d+）)?$/;

/**
 * Where each journalled column and mark is now, and which of its cells are still ours. Columns are
 * found by their anchors; where an editor did not move the anchor (openpyxl moves cells, not names)
 * the column is looked for by its header, then verified cell by cell.
 */
/**
 * The marked sheets that are ours: those the journal lists, and as many others as listed sheets
 * are gone (renamed since). Excel and LibreOffice copy a sheet's sheet-scoped names with it, so a
 * copy the user made of one of ours ("公示名单 (2)" kept as an archive) carries our mark too:
 * while the original stands, the copy is hers. Without a journal every marked sheet is ours.
 */
export function ourMarkedSheets(marked: readonly string[], rows: readonly JournalRow[] | null, exists: (sheet: string) => boolean): string[] {
  if (!rows) return [...marked];
  const listed = new Set(rows.filter((r) => r.kind === "sheet").map((r) => r.sheet));
  let renamed = [...listed].filter((n) => !exists(n)).length;
  return marked.filter((n) => listed.has(n) || renamed-- > 0);
}

export function resolveJournal(rows: readonly JournalRow[], host: JournalHost): ResolvedJournal {
  const out: ResolvedJournal = { columns: [], marks: [], legacySheets: [], workbook: [], moved: new Set(), skips: noSkips() };
  const legacy = !rows.some((r) => r.kind === "workbook" && r.where === "version" && r.data === JOURNAL_VERSION);
  const markSpans = new Map<string, { now: NamedRange; exact: boolean; row: number }>();
  const claimed = new Set<string>();
  for (const e of rows) {
    if (e.kind === "workbook") {
      if (e.where !== "version") out.workbook.push(e);
    } else if (e.kind === "sheet") {
      // Without marks (a journal from before them, or marks a writer dropped), ours go by the names the product gives them.
      if ((legacy || host.marksLost) && GENERATED_NAME.test(e.sheet) && host.has(e.sheet)) out.legacySheets.push(e.sheet);
      else if (legacy) out.skips.entries++;
      // Ours go by their mark: a sheet the entry names that carries none is the user's.
      else if (host.has(e.sheet)) out.skips.entries++;
    } else if (e.kind === "column" && !legacy) {
      const o = parseJson(e.data) as { saved?: unknown } | undefined;
      const record = parseRecord(e.data);
      const span = record && recordSpan(record.ref);
      if (!record || !span || !o) {
        out.skips.entries++;
        continue;
      }
      const found = locateColumn(record, span, host.anchor(e.where, e.sheet), e.sheet, host, claimed);
      if (!found) {
        out.skips.entries++;
        continue;
      }
      claimed.add(`${found.sheet}!${found.col}`);
      const mine: number[] = [];
      for (let r = found.row; r <= found.lastRow; r++) {
        const now = host.cell(found.sheet, r, found.col);
        // An empty cell goes too: it holds nothing (the style we may have given it is ours).
        if ((now.value === null && !now.formula) || isOurs(record, r === found.row, now)) mine.push(r);
        else out.skips.cells.push({ sheet: found.sheet, cell: `${columnLetter(found.col)}${r + 1}` });
      }
      const inPlace = found.sheet === e.sheet && found.col === span.col && found.row === span.row && found.lastRow === span.lastRow;
      if (!inPlace) out.moved.add(found.sheet);
      out.columns.push({ sheet: found.sheet, col: found.col, rows: mine, saved: o.saved, inPlace });
    } else if (e.kind === "marks" && !legacy) {
      const o = parseJson(e.data) as { ref?: unknown } | undefined;
      const span = typeof o?.ref === "string" ? recordSpan(o.ref) : null;
      const now = host.anchor(e.where, e.sheet);
      if (!span || !now || now.col !== now.lastCol) {
        out.skips.entries++;
        continue;
      }
      const exact = now.lastRow - now.row === span.lastRow - span.row;
      if (!exact || now.row !== span.row || now.col !== span.col || now.sheet !== e.sheet) out.moved.add(now.sheet);
      markSpans.set(e.where, { now, exact, row: span.row });
    } else if (e.kind === "cell") {
      const saved = parseJson(e.data) as Record<string, unknown> | undefined;
      if (!saved || typeof saved !== "object") {
        out.skips.entries++;
        continue;
      }
      if (legacy) {
        const at = parseA1(e.where);
        if (at && host.has(e.sheet)) out.marks.push({ sheet: e.sheet, ...at, saved, exact: true });
        else out.skips.entries++;
        continue;
      }
      const span = typeof saved.a === "string" ? markSpans.get(saved.a) : undefined;
      const offset = saved.o;
      if (!span || typeof offset !== "number" || !Number.isInteger(offset) || offset < 0 || span.now.row + offset > span.now.lastRow) {
        out.skips.entries++;
        continue;
      }
      out.marks.push({ sheet: span.now.sheet, row: span.now.row + offset, col: span.now.col, saved, exact: span.exact });
    } else if (e.kind === "block" && legacy) {
      const [from, to] = e.where.split(":").map(parseA1);
      if (!from || !to || !host.has(e.sheet)) {
        out.skips.entries++;
        continue;
      }
      for (let c = from.col; c <= to.col; c++) {
        const top = host.cell(e.sheet, from.row, c);
        // A literal range verifies only where its header is still one of ours.
        if (top.formula || !LEGACY_HEADER.test(valueText(top.value))) {
          out.skips.entries++;
          continue;
        }
        const mine: number[] = [];
        for (let r = from.row; r <= to.row; r++) {
          const now = host.cell(e.sheet, r, c);
          if (now.value !== null || now.formula) mine.push(r);
        }
        out.columns.push({ sheet: e.sheet, col: c, rows: mine, saved: legacyColumn(rows, e.sheet, c), inPlace: true });
      }
    } else if (e.kind !== "column" && e.kind !== "marks") out.skips.entries++;
  }
  return out;
}

function legacyColumn(rows: readonly JournalRow[], sheet: string, col: number): unknown {
  const letters = columnLetter(col);
  const e = rows.find((r) => r.kind === "column" && r.sheet === sheet && r.where === letters);
  return e ? parseJson(e.data) : undefined;
}


/** The column as it stands now: by its anchor where the anchor's top still holds our header, else by the header nearby. */
function locateColumn(record: ColumnRecord, span: { row: number; col: number; lastRow: number }, anchor: NamedRange | null, sheet: string, host: JournalHost, claimed: Set<string>): NamedRange | null {
  const headerAt = (sheetName: string, row: number, col: number) => {
    const now = host.cell(sheetName, row, col);
    return record.header === null ? now.formula || now.value !== null : !now.formula && valueText(now.value) === record.header;
  };
  if (anchor && anchor.col === anchor.lastCol && !claimed.has(`${anchor.sheet}!${anchor.col}`) && headerAt(anchor.sheet, anchor.row, anchor.col)) return anchor;
  // The anchor did not follow the edit: the header, where exactly one unclaimed cell of the sheet holds it.
  if (record.header === null) return null;
  const where = anchor?.sheet ?? sheet;
  if (!host.has(where)) return null;
  const candidates = host.find(where, record.header).filter((p) => !claimed.has(`${where}!${p.col}`));
  if (candidates.length !== 1) return null;
  const p = candidates[0];
  return { sheet: where, row: p.row, col: p.col, lastRow: p.row + (span.lastRow - span.row), lastCol: p.col };
}
