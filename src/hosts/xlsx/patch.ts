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

/** A copy of a piece of a large text that does not keep the whole text alive (V8 slices refer into it). */
const detached = (s: string): string => (" " + s).slice(1);

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

/** A new cell for an edit where the sheet has none (a removal makes nothing). */
function newCell(row: number, col: number, e: CellEdit, p: string): string {
  if (e.kind === "remove") return "";
  if (e.kind === "style") {
    const s = e.to(0, false);
    return s === null ? "" : element(`${p}c`, { r: `${columnLetter(col)}${row + 1}`, s: s || undefined });
  }
  return e.xml(null);
}

const EMPTY_CELL = /^<[\w.:-]+[^>]*>\s*<\/[\w.:-]+>$/;

/** A cell of the sheet as the walker met it. */
export interface ExistingCell {
  row: number;
  col: number;
  /** Its opening tag as written, and the whole element (given for a restyle only). */
  openTag: string;
  element: string;
  /** Whether it carries r, and its style (s, 0 without). */
  hasRef: boolean;
  style: number;
}

/** What to do to an existing cell: replace the whole element or its opening tag, or insert r after the
 * name; null leaves it as written. The text of a write is made when the sheet is written. */
export type CellChange = { replace: "element" | "openTag"; text: string | (() => string) } | { insertRef: string } | null;

/**
 * The rule for one existing cell of an edited row (pure but for calling the edit's own `to`):
 * removed, written over, restyled (an empty cell whose style goes back to none is removed; one the
 * user has typed into since stays, unstyled), or, without an edit, given the r it lacks so cells
 * inserted before it cannot shift it.
 */
export function changeOfCell(cell: ExistingCell, edit: CellEdit | undefined): CellChange {
  const ref = `${columnLetter(cell.col)}${cell.row + 1}`;
  if (!edit) return cell.hasRef ? null : { insertRef: attrsText({ r: ref }) };
  if (edit.kind === "remove") return { replace: "element", text: "" };
  if (edit.kind === "write") return { replace: "element", text: () => edit.xml(cell.style) };
  const s = edit.to(cell.style, true);
  if (s === null && (cell.element === cell.openTag || EMPTY_CELL.test(cell.element))) return { replace: "element", text: "" };
  const restyled = setAttr(cell.openTag, "s", s || null);
  return { replace: "openTag", text: cell.hasRef ? restyled : setAttr(restyled, "r", ref) };
}

/** The edits of a sheet by row and cell: the cells' own edits and the cells blocks write. */
class EditsByRow {
  private readonly blocks: BlockWrite[];
  /** Edited rows in order, and how many of them the walker has passed. */
  private readonly pending: number[];
  private next = 0;

  constructor(private readonly edits: SheetEdits, private readonly p: string) {
    this.blocks = edits.blocks ?? [];
    const rows = new Set(edits.cells.keys());
    for (const b of this.blocks) b.cells.forEach((cells, i) => cells.some((c) => c !== null && c !== undefined) && rows.add(b.row + i));
    this.pending = [...rows].sort((a, b) => a - b);
  }

  /** The edit of one cell: its own, or the cell a block writes there. */
  editAt(r: number, c: number): CellEdit | undefined {
    const own = this.edits.cells.get(r)?.get(c);
    if (own) return own;
    for (const b of this.blocks) {
      const v = b.cells[r - b.row]?.[c - b.col];
      if (v !== null && v !== undefined) return { kind: "write", xml: () => b.xml(r, c, { r: r - b.row, k: c - b.col }) };
    }
    return undefined;
  }

  /** The edited columns of a row, in order. */
  columnsOf(r: number): number[] {
    const cols = new Set(this.edits.cells.get(r)?.keys() ?? []);
    for (const b of this.blocks) {
      const cells = b.cells[r - b.row];
      if (cells) cells.forEach((v, k) => v !== null && v !== undefined && cols.add(b.col + k));
    }
    return [...cols].sort((x, y) => x - y);
  }

  /** The new elements for some cells of a row: marks now (their journal is written with the plan),
   * the cells blocks write when the sheet is written. */
  cellsText(r: number, cols: number[]): () => string {
    // A map only where a row has marks (a register's 500,000 helper rows have none).
    let now: Map<number, string> | null = null;
    for (const c of cols) {
      const e = this.editAt(r, c) as CellEdit;
      if (e.kind !== "write") (now ??= new Map()).set(c, newCell(r, c, e, this.p));
    }
    const made = now;
    return () => {
      let t = "";
      for (const c of cols) t += made?.get(c) ?? newCell(r, c, this.editAt(r, c) as CellEdit, this.p);
      return t;
    };
  }

  /** The rows before `before` that the sheet lacks, as elements made when written (null: none). */
  missingRowsBefore(before: number): (() => string) | null {
    const rows: number[] = [];
    while (this.next < this.pending.length && this.pending[this.next] < before) rows.push(this.pending[this.next++]);
    if (rows.length === 0) return null;
    const bodies = rows.map((r) => this.cellsText(r, this.columnsOf(r)));
    const p = this.p;
    return () => rows.map((r, i) => {
      const body = bodies[i]();
      // Written out (numbers only): a register's helper rows are many.
      return body ? `<${p}row r="${r + 1}">${body}</${p}row>` : "";
    }).join("");
  }

  /** Whether the walker's row is edited; passes it. */
  takeRow(row: number): boolean {
    const edited = this.next < this.pending.length && this.pending[this.next] === row;
    while (this.next < this.pending.length && this.pending[this.next] <= row) this.next++;
    return edited;
  }
}

/** Splices for the edited rows of sheetData (xml[from, to)), walking its rows once: cells changed,
 * removed, added in column order (changeOfCell decides for each cell met); rows the sheet lacks are
 * handed out in row order by missingRowsBefore. */
function editRows(xml: string, from: number, to: number, edits: SheetEdits, splices: LazySplice[], p: string): { missingRowsBefore: (row: number) => (() => string) | null } {
  const byRow = new EditsByRow(edits, p);
  const ROW = `${p}row`;
  const C = `${p}c`;
  let depth = 0;
  /** The row being walked: its number, whether it is edited, where it starts, whether it is `<row/>`. */
  const row = { index: -1, edited: false, start: 0, selfClosing: false };
  /** The cell being walked. */
  const cell = { col: -1, start: 0, openEnd: 0, hasRef: true, style: 0 };
  /** The edited columns of the row, in order; those done; how many of them are behind us. */
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
    if (cols.length) splices.push({ from: at, to: at, text: byRow.cellsText(row.index, cols) });
  };

  scanTags(xml, from, to, {
    open(tag, attrs, start, end, selfClosing) {
      depth++;
      if (depth === 1 && tag === ROW) {
        const r = attr(attrs, "r");
        row.index = r === undefined ? row.index + 1 : Number(r) - 1;
        row.start = start;
        row.selfClosing = selfClosing;
        cell.col = -1;
        const before = byRow.missingRowsBefore(row.index);
        if (before) splices.push({ from: start, to: start, text: before });
        row.edited = byRow.takeRow(row.index);
        order = row.edited ? byRow.columnsOf(row.index) : [];
        wanted = new Set(order);
        done = new Set();
        passed = 0;
        // A row without an address gets one, so rows inserted before it cannot shift it.
        if (row.edited && r === undefined) splices.push({ from: start + tag.length + 1, to: start + tag.length + 1, text: ` r="${row.index + 1}"` });
      } else if (depth === 2 && tag === C) {
        const ref = attr(attrs, "r");
        cell.hasRef = ref !== undefined;
        cell.col = ref === undefined ? cell.col + 1 : columnIndex(ref.replace(/[$\d]/g, "").toUpperCase());
        if (!row.edited) return;
        cell.start = start;
        cell.openEnd = end;
        cell.style = Number(attr(attrs, "s") ?? 0);
        flushNewCellsBefore(cell.col, start);
      }
    },
    close(tag, start, end) {
      depth--;
      if (!row.edited) return;
      if (depth === 1 && tag === C) {
        const edit = wanted.has(cell.col) ? byRow.editAt(row.index, cell.col) : undefined;
        if (edit) done.add(cell.col);
        // The cell's text only where a restyle needs it (most cells of an edited row are not edited).
        const restyle = edit?.kind === "style";
        const change = changeOfCell({
          row: row.index, col: cell.col, hasRef: cell.hasRef, style: cell.style,
          openTag: restyle ? detached(xml.slice(cell.start, cell.openEnd)) : "", element: restyle ? xml.slice(cell.start, end) : "",
        }, edit);
        if (!change) return;
        if ("insertRef" in change) splices.push({ from: cell.start + tag.length + 1, to: cell.start + tag.length + 1, text: change.insertRef });
        else splices.push({ from: cell.start, to: change.replace === "element" ? end : cell.openEnd, text: change.text });
      } else if (depth === 0 && tag === ROW) {
        if (row.selfClosing) {
          const cols = order.filter((c) => !done.has(c));
          if (cols.length) {
            const open = detached(xml.slice(row.start, end).replace(/\s*\/>$/, ">"));
            const cells = byRow.cellsText(row.index, cols);
            splices.push({ from: row.start, to: end, text: () => `${open}${cells()}</${tag}>` });
          }
        } else flushNewCellsBefore(Infinity, start);
        row.edited = false;
      }
    },
  });
  // The closures made here live until the part is written: let them not hold the sheet's text.
  xml = "";
  return { missingRowsBefore: (before) => byRow.missingRowsBefore(before) };
}
