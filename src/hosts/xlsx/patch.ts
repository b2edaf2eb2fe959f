// Editing a user's worksheet in place: one pass over its rows finds the cells to change, and the
// edits are splices, so every element the product does not change (formulas,
// merges, conditional formats, validations, views, drawings, extLst...) stays exactly as written.
import { columnIndex, columnLetter } from "../../forms/grid";
import { attr, parseTop, scanTags, sheetLayout } from "./sheetdata";
import { NS } from "./ooxml";
import { attrsText, element, elementsIn, schemaPlace, SCHEMA_ORDER, setAttr } from "./writer";
import { DamagedXml, type XNode } from "./xml";

/** What to do to one cell. `style` gets the cell's style and whether the cell is there, and returns
 * its new style (null: remove the cell); `write` gets the current style (null when absent) and
 * returns the new element. */
export type CellEdit =
  | { kind: "style"; to: (s: number, exists: boolean) => number | null }
  | { kind: "write"; xml: (s: number | null) => string }
  | { kind: "remove" };

/** A column's attributes as <col> carries them (width, hidden, style, customWidth...), or null for none. */
export type ColAttrs = Record<string, string> | null;

/** Cells written as a block (rows of cells from row, col): held as the plan has them, not as one edit each. */
export interface BlockWrite {
  row: number;
  col: number;
  cells: readonly (readonly (unknown | null)[])[];
  /** The element for one non-null cell of the block. */
  xml: (row: number, col: number, index: { r: number; k: number }) => string;
}

export interface SheetEdits {
  /** row -> col -> edit (0-based). */
  cells: Map<number, Map<number, CellEdit>>;
  blocks?: BlockWrite[];
  /** Column attributes to set (0-based col -> attributes, null = no <col> for it). */
  cols?: Map<number, ColAttrs>;
  /** New dimension ref, e.g. A1:W60. */
  dimension?: string;
  /** Add <legacyDrawing r:id> (a rel id) or remove the element (null). */
  legacyDrawing?: string | null;
}

export interface SheetScan {
  /** Column attributes as the sheet has them, per column (only for asked columns). */
  cols: (col: number) => ColAttrs;
  dimension: string | null;
  /** The largest shared-formula index in use, or -1. */
  maxSharedIndex: number;
  /** Element prefix of the sheet ("" or "x:"). */
  prefix: string;
}

/** Reads what the edits need to know about a sheet: cols, dimension, shared formula indices. */
export function scanSheet(xml: string, part?: string): SheetScan {
  const layout = sheetLayout(xml, part);
  const colsTop = layout.tops.find((t) => t.local === "cols");
  const colDefs = colsTop ? parseCols(parseTop(xml, layout, colsTop, part)) : [];
  let maxSi = -1;
  for (const m of xml.matchAll(/<(?:[\w.-]+:)?f\b[^>]*\bsi="(\d+)"/g)) maxSi = Math.max(maxSi, Number(m[1]));
  return {
    cols: (col) => {
      const d = colDefs.find((c) => c.min <= col + 1 && c.max >= col + 1);
      return d ? { ...d.attrs } : null;
    },
    dimension: layout.tops.find((t) => t.local === "dimension")?.attrs.ref ?? null,
    maxSharedIndex: maxSi,
    prefix: layout.prefix,
  };
}

interface ColDef {
  min: number;
  max: number;
  attrs: Record<string, string>;
}

function parseCols(cols: XNode): ColDef[] {
  return cols.children.filter((c) => c.local === "col").map((c) => {
    const { min, max, ...attrs } = c.attrs;
    return { min: Number(min), max: Number(max), attrs };
  });
}

function colsXml(defs: ColDef[], p: string): string {
  const sorted = defs.filter((d) => d.max >= d.min).sort((a, b) => a.min - b.min);
  // Neighbouring columns with the same attributes share one <col>.
  const merged: ColDef[] = [];
  for (const d of sorted) {
    const last = merged[merged.length - 1];
    if (last && last.max + 1 === d.min && JSON.stringify(last.attrs) === JSON.stringify(d.attrs)) last.max = d.max;
    else merged.push({ ...d, attrs: { ...d.attrs } });
  }
  const el = elementsIn(p);
  return merged.length ? el("cols", null, merged.map((d) => el("col", { min: d.min, max: d.max, ...d.attrs })).join("")) : "";
}

function setCols(defs: ColDef[], changes: Map<number, ColAttrs>): ColDef[] {
  let out = defs.map((d) => ({ ...d, attrs: { ...d.attrs } }));
  for (const [col, attrs] of changes) {
    const n = col + 1;
    const next: ColDef[] = [];
    for (const d of out) {
      if (d.max < n || d.min > n) next.push(d);
      else {
        if (d.min < n) next.push({ min: d.min, max: n - 1, attrs: { ...d.attrs } });
        if (d.max > n) next.push({ min: n + 1, max: d.max, attrs: { ...d.attrs } });
      }
    }
    if (attrs) next.push({ min: n, max: n, attrs: { ...attrs } });
    out = next;
  }
  return out;
}

/** A splice whose text is made when the sheet is written: a register of 500,000 rows gets its
 * helper cells as it goes into the zip, never as one patched string. */
interface LazySplice {
  from: number;
  to: number;
  text: string | (() => string);
}

/** Applies edits to a worksheet's XML in one pass over its rows; the result is made as it is read. */
/** A copy of a piece of a large text that does not keep the whole text alive (V8 slices refer into it). */
const own = (s: string): string => (" " + s).slice(1);

/**
 * The patched sheet as pieces made when the package is written. `source` gives the sheet's text and
 * is called again then: between patching and writing, a 130 MB sheet is held as the part's
 * compressed bytes, not as text (nothing kept from the first reading refers into it).
 */
export function patchSheet(source: () => string, edits: SheetEdits, part?: string): () => Iterable<string> {
  let xml = source();
  const layout = sheetLayout(xml, part);
  const p = layout.prefix;
  const el = elementsIn(p);
  const splices: LazySplice[] = [];
  const data = layout.tops.find((t) => t.local === "sheetData");
  if (!data) throw new DamagedXml(part ?? null, "noSheetData", "worksheet without sheetData");
  const rows = editRows(xml, layout.dataFrom, layout.dataTo, edits, splices, p);
  const rest = rows.missingRowsBefore(Infinity);
  if (rest) {
    if (data.end === data.openEnd) splices.push({ from: data.start, to: data.end, text: () => el("sheetData", null, rest()) });
    else splices.push({ from: layout.dataTo, to: layout.dataTo, text: rest });
  }

  // Top-level elements: cols, dimension, legacyDrawing.
  const insertTop = (local: string, text: string) => {
    const at = schemaPlace(SCHEMA_ORDER.worksheet, layout.tops, local) ?? layout.rootCloseStart;
    splices.push({ from: at, to: at, text });
  };
  if (edits.cols && edits.cols.size) {
    const colsTop = layout.tops.find((t) => t.local === "cols");
    const defs = colsTop ? parseCols(parseTop(xml, layout, colsTop, part)) : [];
    const cols = colsXml(setCols(defs, edits.cols), p);
    if (colsTop) splices.push({ from: colsTop.start, to: colsTop.end, text: cols });
    else if (cols) insertTop("cols", cols);
  }
  if (edits.dimension) {
    const dim = layout.tops.find((t) => t.local === "dimension");
    if (dim) splices.push({ from: dim.start, to: dim.end, text: el("dimension", { ref: edits.dimension }) });
  }
  if (edits.legacyDrawing !== undefined) {
    const ld = layout.tops.find((t) => t.local === "legacyDrawing");
    if (edits.legacyDrawing === null && ld) splices.push({ from: ld.start, to: ld.end, text: "" });
    if (edits.legacyDrawing && !ld) {
      // The relationships namespace as the sheet declares it, or declared on the element.
      const r = layout.relPrefix;
      insertTop("legacyDrawing", el("legacyDrawing", r ? { [`${r}:id`]: edits.legacyDrawing } : { "xmlns:r": NS.rel, "r:id": edits.legacyDrawing }));
    }
  }
  // At one offset, insertions go before a replacement (cols inserted where an empty <sheetData/> is
  // replaced); otherwise splices at the same offset keep the order they were made in (a stable sort).
  const replaces = (s: LazySplice) => (s.to > s.from ? 1 : 0);
  splices.sort((x, y) => x.from - y.from || replaces(x) - replaces(y));
  const length = xml.length;
  xml = "";
  return function* () {
    const xml = source();
    if (xml.length !== length) throw new Error("sheet changed between patching and writing");
    let at = 0;
    for (const sp of splices) {
      if (sp.from < at) throw new Error("overlapping sheet edits");
      if (sp.from > at) yield xml.slice(at, sp.from);
      const t = typeof sp.text === "string" ? sp.text : sp.text();
      if (t) yield t;
      at = sp.to;
    }
    if (at < xml.length) yield xml.slice(at);
  };
}

function newCell(row: number, col: number, e: CellEdit, p: string): string {
  if (e.kind === "remove") return "";
  if (e.kind === "style") {
    const s = e.to(0, false);
    return s === null ? "" : element(`${p}c`, { r: `${columnLetter(col)}${row + 1}`, s: s || undefined });
  }
  return e.xml(null);
}

const EMPTY_CELL = /^<[\w.:-]+[^>]*>\s*<\/[\w.:-]+>$/;

/** Splices for the edited rows of sheetData (xml[from, to)): cells changed, removed, added in column
 * order; rows the sheet lacks are handed out in row order by missingRowsBefore. */
function editRows(xml: string, from: number, to: number, edits: SheetEdits, splices: LazySplice[], p: string): { missingRowsBefore: (row: number) => (() => string) | null } {
  const blocks = edits.blocks ?? [];
  /** The edit of one cell: its own, or the cell a block writes there. */
  const editAt = (r: number, c: number): CellEdit | undefined => {
    const own = edits.cells.get(r)?.get(c);
    if (own) return own;
    for (const b of blocks) {
      const v = b.cells[r - b.row]?.[c - b.col];
      if (v !== null && v !== undefined) return { kind: "write", xml: () => b.xml(r, c, { r: r - b.row, k: c - b.col }) };
    }
    return undefined;
  };
  /** The edited columns of a row, in order. */
  const columnsOf = (r: number): number[] => {
    const cols = new Set(edits.cells.get(r)?.keys() ?? []);
    for (const b of blocks) {
      const cells = b.cells[r - b.row];
      if (cells) cells.forEach((v, k) => v !== null && v !== undefined && cols.add(b.col + k));
    }
    return [...cols].sort((x, y) => x - y);
  };
  /** The new elements for some cells of a row: marks now (their journal is written with the plan),
   * the cells blocks write when the sheet is written. */
  const cellsText = (r: number, cols: number[]) => {
    // A map only where a row has marks (a register's 500,000 helper rows have none).
    let now: Map<number, string> | null = null;
    for (const c of cols) {
      const e = editAt(r, c) as CellEdit;
      if (e.kind !== "write") (now ??= new Map()).set(c, newCell(r, c, e, p));
    }
    const made = now;
    return () => {
      let t = "";
      for (const c of cols) t += made?.get(c) ?? newCell(r, c, editAt(r, c) as CellEdit, p);
      return t;
    };
  };

  const rowSet = new Set(edits.cells.keys());
  for (const b of blocks) b.cells.forEach((cells, i) => cells.some((c) => c !== null && c !== undefined) && rowSet.add(b.row + i));
  const pending = [...rowSet].sort((a, b) => a - b);
  let nextPending = 0;
  const missingRowsBefore = (before: number): (() => string) | null => {
    const rows: number[] = [];
    while (nextPending < pending.length && pending[nextPending] < before) rows.push(pending[nextPending++]);
    if (rows.length === 0) return null;
    const bodies = rows.map((r) => cellsText(r, columnsOf(r)));
    return () => rows.map((r, i) => {
      const body = bodies[i]();
      return body ? `<${p}row r="${r + 1}">${body}</${p}row>` : "";
    }).join("");
  };
  const ROW = `${p}row`;
  const C = `${p}c`;
  let depth = 0;
  let row = -1;
  let col = -1;
  let edited = false;
  let rowStart = 0;
  let rowSelfClosing = false;
  let cellStart = 0;
  let cellOpenEnd = 0;
  let cellHasRef = true;
  let cellStyle = 0;
  /** The edited columns of the row, in order, and how many of them are behind us. */
  let order: number[] = [];
  let wanted = new Set<number>();
  let done = new Set<number>();
  let passed = 0;

  const flushNewCellsBefore = (beforeCol: number, at: number) => {
    const cols: number[] = [];
    for (; passed < order.length && order[passed] < beforeCol; passed++) {
      const c = order[passed];
      if (done.has(c)) continue;
      cols.push(c);
      done.add(c);
    }
    if (cols.length) splices.push({ from: at, to: at, text: cellsText(row, cols) });
  };

  scanTags(xml, from, to, {
    open(tag, attrs, start, end, selfClosing) {
      depth++;
      if (depth === 1 && tag === ROW) {
        const r = attr(attrs, "r");
        row = r === undefined ? row + 1 : Number(r) - 1;
        col = -1;
        rowStart = start;
        rowSelfClosing = selfClosing;
        const before = missingRowsBefore(row);
        if (before) splices.push({ from: rowStart, to: rowStart, text: before });
        edited = nextPending < pending.length && pending[nextPending] === row;
        while (nextPending < pending.length && pending[nextPending] <= row) nextPending++;
        order = edited ? columnsOf(row) : [];
        wanted = new Set(order);
        done = new Set();
        passed = 0;
        // A row without an address gets one, so rows inserted before it cannot shift it.
        if (edited && r === undefined) splices.push({ from: start + tag.length + 1, to: start + tag.length + 1, text: ` r="${row + 1}"` });
      } else if (depth === 2 && tag === C) {
        const ref = attr(attrs, "r");
        cellHasRef = ref !== undefined;
        col = ref === undefined ? col + 1 : columnIndex(ref.replace(/[$\d]/g, "").toUpperCase());
        if (!edited) return;
        cellStart = start;
        cellOpenEnd = end;
        cellStyle = Number(attr(attrs, "s") ?? 0);
        flushNewCellsBefore(col, cellStart);
      }
    },
    close(tag, start, end) {
      depth--;
      if (!edited) return;
      if (depth === 1 && tag === C) {
        const e = wanted.has(col) ? editAt(row, col) : undefined;
        if (!e) {
          // Cells without an address in an edited row get one, so inserted cells cannot shift them.
          if (!cellHasRef) splices.push({ from: cellStart + tag.length + 1, to: cellStart + tag.length + 1, text: attrsText({ r: `${columnLetter(col)}${row + 1}` }) });
          return;
        }
        done.add(col);
        if (e.kind === "remove") splices.push({ from: cellStart, to: end, text: "" });
        else if (e.kind === "write") {
          const s = cellStyle;
          splices.push({ from: cellStart, to: end, text: () => e.xml(s) });
        } else {
          let s = e.to(cellStyle, true);
          // A cell is only removed while it is empty: a value typed into it since stays, unstyled.
          if (s === null && (end === cellOpenEnd || EMPTY_CELL.test(xml.slice(cellStart, end)))) {
            splices.push({ from: cellStart, to: end, text: "" });
            return;
          }
          s ??= 0;
          const open = own(xml.slice(cellStart, cellOpenEnd));
          let changed = setAttr(open, "s", s || null);
          if (!cellHasRef) changed = setAttr(changed, "r", `${columnLetter(col)}${row + 1}`);
          splices.push({ from: cellStart, to: cellOpenEnd, text: changed });
        }
      } else if (depth === 0 && tag === ROW) {
        if (rowSelfClosing) {
          const cols = order.filter((c) => !done.has(c));
          if (cols.length) {
            const open = own(xml.slice(rowStart, end).replace(/\s*\/>$/, ">"));
            const cells = cellsText(row, cols);
            splices.push({ from: rowStart, to: end, text: () => `${open}${cells()}</${tag}>` });
          }
        } else flushNewCellsBefore(Infinity, start);
        edited = false;
      }
    },
  });
  // The closures made here live until the part is written: let them not hold the sheet's text.
  xml = "";
  return { missingRowsBefore };
}
