// Editing a user's worksheet in place: one pass over its rows finds the cells to change, and the
// edits are splices, so every element the product does not change (formulas,
// merges, conditional formats, validations, views, drawings, extLst...) stays exactly as written.
import { columnIndex, columnLetter } from "../../forms/grid";
import { attr, scanTags, sheetLayout } from "./sheetdata";
import { applySplices, attrsText, parseTree, type Splice } from "./xml";

/** What to do to one cell. `style` gets the cell's style and whether the cell is there, and returns
 * its new style (null: remove the cell); `write` gets the current style (null when absent) and
 * returns the new element. */
export type CellEdit =
  | { kind: "style"; to: (s: number, exists: boolean) => number | null }
  | { kind: "write"; xml: (s: number | null) => string }
  | { kind: "remove" };

/** A column's attributes as <col> carries them (width, hidden, style, customWidth...), or null for none. */
export type ColAttrs = Record<string, string> | null;

export interface SheetEdits {
  /** row -> col -> edit (0-based). */
  cells: Map<number, Map<number, CellEdit>>;
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
  hasLegacyDrawing: boolean;
  /** The largest shared-formula index in use, or -1. */
  maxSharedIndex: number;
  /** Element prefix of the sheet ("" or "x:"). */
  prefix: string;
}

/** CT_Worksheet's children in schema order: a new element goes before the first later one. */
const ORDER = [
  "sheetPr", "dimension", "sheetViews", "sheetFormatPr", "cols", "sheetData", "sheetCalcPr", "sheetProtection", "protectedRanges", "scenarios",
  "autoFilter", "sortState", "dataConsolidate", "customSheetViews", "mergeCells", "phoneticPr", "conditionalFormatting", "dataValidations",
  "hyperlinks", "printOptions", "pageMargins", "pageSetup", "headerFooter", "rowBreaks", "colBreaks", "customProperties", "cellWatches",
  "ignoredErrors", "smartTags", "drawing", "legacyDrawing", "legacyDrawingHF", "drawingHF", "picture", "oleObjects", "controls",
  "webPublishItems", "tableParts", "extLst",
];

/** Reads what the edits need to know about a sheet: cols, dimension, shared formula indices. */
export function scanSheet(xml: string): SheetScan {
  const layout = sheetLayout(xml);
  const colsTop = layout.tops.find((t) => t.local === "cols");
  const colDefs = colsTop ? parseCols(xml.slice(colsTop.start, colsTop.end)) : [];
  let maxSi = -1;
  for (const m of xml.matchAll(/<(?:[\w.-]+:)?f\b[^>]*\bsi="(\d+)"/g)) maxSi = Math.max(maxSi, Number(m[1]));
  return {
    cols: (col) => {
      const d = colDefs.find((c) => c.min <= col + 1 && c.max >= col + 1);
      return d ? { ...d.attrs } : null;
    },
    dimension: layout.tops.find((t) => t.local === "dimension")?.attrs.ref ?? null,
    hasLegacyDrawing: layout.tops.some((t) => t.local === "legacyDrawing"),
    maxSharedIndex: maxSi,
    prefix: layout.prefix,
  };
}

interface ColDef {
  min: number;
  max: number;
  attrs: Record<string, string>;
}

function parseCols(xml: string): ColDef[] {
  const root = parseTree(xml);
  return root.children.filter((c) => c.local === "col").map((c) => {
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
  return merged.length ? `<${p}cols>${merged.map((d) => `<${p}col${attrsText({ min: d.min, max: d.max, ...d.attrs })}/>`).join("")}</${p}cols>` : "";
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

/** Applies edits to a worksheet's XML in one pass over its rows. */
export function patchSheet(xml: string, edits: SheetEdits): string {
  const layout = sheetLayout(xml);
  const p = layout.prefix;
  const splices: Splice[] = [];
  const data = layout.tops.find((t) => t.local === "sheetData");
  if (!data) throw new Error("worksheet without sheetData");
  const rows = editRows(xml, layout.dataFrom, layout.dataTo, edits, splices, p);
  const rest = rows.missingRowsBefore(Infinity);
  if (rest) {
    if (data.end === data.openEnd) splices.push({ from: data.start, to: data.end, text: `<${p}sheetData>${rest}</${p}sheetData>` });
    else splices.push({ from: layout.dataTo, to: layout.dataTo, text: rest });
  }

  // Top-level elements: cols, dimension, legacyDrawing.
  const insertTop = (local: string, el: string) => {
    const after = ORDER.slice(ORDER.indexOf(local) + 1);
    const next = layout.tops.find((t) => after.includes(t.local));
    const at = next ? next.start : layout.rootCloseStart;
    splices.push({ from: at, to: at, text: el });
  };
  if (edits.cols && edits.cols.size) {
    const colsTop = layout.tops.find((t) => t.local === "cols");
    const defs = colsTop ? parseCols(xml.slice(colsTop.start, colsTop.end)) : [];
    const el = colsXml(setCols(defs, edits.cols), p);
    if (colsTop) splices.push({ from: colsTop.start, to: colsTop.end, text: el });
    else if (el) insertTop("cols", el);
  }
  if (edits.dimension) {
    const dim = layout.tops.find((t) => t.local === "dimension");
    if (dim) splices.push({ from: dim.start, to: dim.end, text: `<${p}dimension ref="${edits.dimension}"/>` });
  }
  if (edits.legacyDrawing !== undefined) {
    const ld = layout.tops.find((t) => t.local === "legacyDrawing");
    if (edits.legacyDrawing === null && ld) splices.push({ from: ld.start, to: ld.end, text: "" });
    if (edits.legacyDrawing && !ld) {
      const r = layout.relPrefix;
      const el = r ? `<${p}legacyDrawing ${r}:id="${edits.legacyDrawing}"/>` : `<${p}legacyDrawing xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" r:id="${edits.legacyDrawing}"/>`;
      insertTop("legacyDrawing", el);
    }
  }
  return applySplices(xml, splices);
}

function newCell(row: number, col: number, e: CellEdit, p: string): string {
  if (e.kind === "remove") return "";
  if (e.kind === "style") {
    const s = e.to(0, false);
    return s === null ? "" : `<${p}c r="${columnLetter(col)}${row + 1}"${s ? ` s="${s}"` : ""}/>`;
  }
  return e.xml(null);
}

const EMPTY_CELL = /^<[\w.:-]+[^>]*>\s*<\/[\w.:-]+>$/;

/** Splices for the edited rows of sheetData (xml[from, to)): cells changed, removed, added in column
 * order; rows the sheet lacks are handed out in row order by missingRowsBefore. */
function editRows(xml: string, from: number, to: number, edits: SheetEdits, splices: Splice[], p: string): { missingRowsBefore: (row: number) => string } {
  const pending = [...edits.cells.keys()].sort((a, b) => a - b);
  let nextPending = 0;
  const newRow = (r: number) => {
    const cells = [...(edits.cells.get(r) as Map<number, CellEdit>)].sort((a, b) => a[0] - b[0]);
    const body = cells.map(([c, e]) => newCell(r, c, e, p)).join("");
    return body ? `<${p}row r="${r + 1}">${body}</${p}row>` : "";
  };
  const missingRowsBefore = (before: number) => {
    let out = "";
    while (nextPending < pending.length && pending[nextPending] < before) out += newRow(pending[nextPending++]);
    return out;
  };
  const ROW = `${p}row`;
  const C = `${p}c`;
  let depth = 0;
  let row = -1;
  let col = -1;
  let rowEdits: Map<number, CellEdit> | undefined;
  let rowStart = 0;
  let rowSelfClosing = false;
  let cellStart = 0;
  let cellOpenEnd = 0;
  let cellHasRef = true;
  let cellStyle = 0;
  let done = new Set<number>();
  /** The edited columns of the row, in order, and how many of them are behind us. */
  let order: number[] = [];
  let passed = 0;

  const flushNewCellsBefore = (beforeCol: number, at: number) => {
    if (!rowEdits) return;
    let text = "";
    for (; passed < order.length && order[passed] < beforeCol; passed++) {
      const c = order[passed];
      if (done.has(c)) continue;
      text += newCell(row, c, rowEdits.get(c) as CellEdit, p);
      done.add(c);
    }
    if (text) splices.push({ from: at, to: at, text });
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
        while (nextPending < pending.length && pending[nextPending] <= row) nextPending++;
        rowEdits = edits.cells.get(row);
        done = new Set();
        order = rowEdits ? [...rowEdits.keys()].sort((a, b) => a - b) : [];
        passed = 0;
        // A row without an address gets one, so rows inserted before it cannot shift it.
        if (rowEdits && r === undefined) splices.push({ from: start + tag.length + 1, to: start + tag.length + 1, text: ` r="${row + 1}"` });
      } else if (depth === 2 && tag === C) {
        const ref = attr(attrs, "r");
        cellHasRef = ref !== undefined;
        col = ref === undefined ? col + 1 : columnIndex(ref.replace(/[$\d]/g, "").toUpperCase());
        if (!rowEdits) return;
        cellStart = start;
        cellOpenEnd = end;
        cellStyle = Number(attr(attrs, "s") ?? 0);
        flushNewCellsBefore(col, cellStart);
      }
    },
    close(tag, start, end) {
      depth--;
      if (!rowEdits) return;
      if (depth === 1 && tag === C) {
        const e = rowEdits.get(col);
        if (!e) {
          // Cells without an address in an edited row get one, so inserted cells cannot shift them.
          if (!cellHasRef) splices.push({ from: cellStart + tag.length + 1, to: cellStart + tag.length + 1, text: ` r="${columnLetter(col)}${row + 1}"` });
          return;
        }
        done.add(col);
        if (e.kind === "remove") splices.push({ from: cellStart, to: end, text: "" });
        else if (e.kind === "write") splices.push({ from: cellStart, to: end, text: e.xml(cellStyle) });
        else {
          let s = e.to(cellStyle, true);
          // A cell is only removed while it is empty: a value typed into it since stays, unstyled.
          if (s === null && (end === cellOpenEnd || EMPTY_CELL.test(xml.slice(cellStart, end)))) {
            splices.push({ from: cellStart, to: end, text: "" });
            return;
          }
          s ??= 0;
          const open = xml.slice(cellStart, cellOpenEnd);
          let changed = /\ss="\d*"/.test(open) ? open.replace(/\ss="\d*"/, s ? ` s="${s}"` : "") : open.replace(/^<[\w.:-]+/, (m) => `${m}${s ? ` s="${s}"` : ""}`);
          if (!cellHasRef) changed = changed.replace(/^<[\w.:-]+/, (m) => `${m} r="${columnLetter(col)}${row + 1}"`);
          splices.push({ from: cellStart, to: cellOpenEnd, text: changed });
        }
      } else if (depth === 0 && tag === ROW) {
        if (rowSelfClosing) {
          const cells = [...rowEdits].filter(([c]) => !done.has(c)).sort((a, b) => a[0] - b[0]).map(([c, e]) => newCell(row, c, e, p)).join("");
          if (cells) splices.push({ from: rowStart, to: end, text: `${xml.slice(rowStart, end).replace(/\s*\/>$/, ">")}${cells}</${tag}>` });
        } else flushNewCellsBefore(Infinity, start);
        rowEdits = undefined;
      }
    },
  });
  return { missingRowsBefore };
}
