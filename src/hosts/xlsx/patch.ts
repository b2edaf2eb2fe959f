// Editing a user's worksheet in place: one streaming pass over its XML finds the rows and cells to
// change, and the edits are splices, so every element the product does not change (formulas,
// merges, conditional formats, validations, views, drawings, extLst...) stays exactly as written.
import { SaxesParser, type SaxesTagNS } from "saxes";
import { columnIndex, columnLetter } from "../../forms/grid";
import { applySplices, attrsText, isMain, isRelNs, parseTree, type Splice } from "./xml";

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

interface Top {
  local: string;
  start: number;
  openEnd: number;
  end: number;
  attrs: Record<string, string>;
}

/** Reads what the edits need to know about a sheet: cols, dimension, shared formula indices. */
export function scanSheet(xml: string): SheetScan {
  const tops = topLevel(xml);
  const colsTop = tops.list.find((t) => t.local === "cols");
  const colDefs = colsTop ? parseCols(xml.slice(colsTop.start, colsTop.end)) : [];
  let maxSi = -1;
  for (const m of xml.matchAll(/<(?:\w+:)?f\b[^>]*\bsi="(\d+)"/g)) maxSi = Math.max(maxSi, Number(m[1]));
  return {
    cols: (col) => {
      const d = colDefs.find((c) => c.min <= col + 1 && c.max >= col + 1);
      return d ? { ...d.attrs } : null;
    },
    dimension: tops.list.find((t) => t.local === "dimension")?.attrs.ref ?? null,
    hasLegacyDrawing: tops.list.some((t) => t.local === "legacyDrawing"),
    maxSharedIndex: maxSi,
    prefix: tops.prefix,
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

interface Tops {
  list: Top[];
  prefix: string;
  relPrefix: string | null;
  rootCloseStart: number;
}

type Tag = SaxesTagNS;
/** saxes takes one handler per event: listeners share one, with the element's depth (root = 1). */
interface Listener {
  open?(tag: Tag, depth: number, position: number): void;
  close?(tag: Tag, depth: number, position: number): void;
}

function runParser(text: string, listeners: Listener[]): void {
  const parser = new SaxesParser({ xmlns: true, position: true });
  let depth = 0;
  parser.on("opentag", (t) => {
    depth++;
    for (const l of listeners) l.open?.(t as Tag, depth, parser.position);
  });
  parser.on("closetag", (t) => {
    for (const l of listeners) l.close?.(t as Tag, depth, parser.position);
    depth--;
  });
  parser.write(text).close();
}

/** Collects the worksheet's top-level children (depth 2). */
function topsListener(text: string, tops: Tops): Listener {
  let current: Top | null = null;
  return {
    open(tag, depth, end) {
      if (depth === 1) {
        tops.prefix = tag.prefix ? `${tag.prefix}:` : "";
        for (const [p, uri] of Object.entries(tag.ns ?? {})) if (isRelNs(uri)) tops.relPrefix = p;
      }
      if (depth !== 2) return;
      const attrs: Record<string, string> = {};
      for (const [q, a] of Object.entries(tag.attributes)) attrs[q] = a.value;
      current = { local: isMain(tag.uri) ? tag.local : `?${tag.local}`, start: text.lastIndexOf("<", end - 1), openEnd: end, end, attrs };
      if (tag.local === "sheetData") tops.prefix = tag.prefix ? `${tag.prefix}:` : "";
      tops.list.push(current);
    },
    close(_tag, depth, end) {
      if (depth === 2 && current) current.end = end;
      if (depth === 1) tops.rootCloseStart = text.lastIndexOf("<", end - 1);
    },
  };
}

/** The worksheet's top-level children with their offsets, parsing around sheetData's rows (which can be hundreds of MB). */
function topLevel(xml: string): Tops {
  const tops: Tops = { list: [], prefix: "", relPrefix: null, rootCloseStart: xml.length };
  const dataOpen = xml.search(/<(\w+:)?sheetData\b/);
  let text = xml;
  let cut = 0;
  let openEnd = -1;
  if (dataOpen >= 0) {
    openEnd = xml.indexOf(">", dataOpen) + 1;
    const closeStart = xml.lastIndexOf("<", xml.lastIndexOf("sheetData>"));
    if (xml[openEnd - 2] !== "/" && closeStart > openEnd) {
      cut = closeStart - openEnd;
      text = xml.slice(0, openEnd) + xml.slice(closeStart);
    }
  }
  runParser(text, [topsListener(text, tops)]);
  if (cut) {
    const shift = (pos: number) => (pos > openEnd ? pos + cut : pos);
    for (const t of tops.list) {
      t.start = shift(t.start);
      t.openEnd = shift(t.openEnd);
      t.end = shift(t.end);
    }
    tops.rootCloseStart = shift(tops.rootCloseStart);
  }
  return tops;
}

/** Applies edits to a worksheet's XML in one pass over it. */
export function patchSheet(xml: string, edits: SheetEdits): string {
  const tops: Tops = { list: [], prefix: "", relPrefix: null, rootCloseStart: xml.length };
  const splices: Splice[] = [];
  const rows = rowEditor(xml, edits, splices, () => tops.prefix);
  runParser(xml, [topsListener(xml, tops), rows.listener]);
  const p = tops.prefix;
  const data = tops.list.find((t) => t.local === "sheetData");
  if (!data) throw new Error("worksheet without sheetData");
  const rest = rows.missingRowsBefore(Infinity);
  if (rest) {
    if (data.end === data.openEnd) splices.push({ from: data.start, to: data.end, text: `<${p}sheetData>${rest}</${p}sheetData>` });
    else {
      const closeStart = xml.lastIndexOf("<", data.end - 1);
      splices.push({ from: closeStart, to: closeStart, text: rest });
    }
  }

  // Top-level elements: cols, dimension, legacyDrawing.
  const insertTop = (local: string, el: string) => {
    const after = ORDER.slice(ORDER.indexOf(local) + 1);
    const next = tops.list.find((t) => after.includes(t.local));
    const at = next ? next.start : tops.rootCloseStart;
    splices.push({ from: at, to: at, text: el });
  };
  if (edits.cols && edits.cols.size) {
    const colsTop = tops.list.find((t) => t.local === "cols");
    const defs = colsTop ? parseCols(xml.slice(colsTop.start, colsTop.end)) : [];
    const el = colsXml(setCols(defs, edits.cols), p);
    if (colsTop) splices.push({ from: colsTop.start, to: colsTop.end, text: el });
    else if (el) insertTop("cols", el);
  }
  if (edits.dimension) {
    const dim = tops.list.find((t) => t.local === "dimension");
    if (dim) splices.push({ from: dim.start, to: dim.end, text: `<${p}dimension ref="${edits.dimension}"/>` });
  }
  if (edits.legacyDrawing !== undefined) {
    const ld = tops.list.find((t) => t.local === "legacyDrawing");
    if (edits.legacyDrawing === null && ld) splices.push({ from: ld.start, to: ld.end, text: "" });
    if (edits.legacyDrawing && !ld) {
      const r = tops.relPrefix;
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

/** Row and cell handlers on the parser: splices for edited cells, new cells and rows where the sheet has none. */
function rowEditor(xml: string, edits: SheetEdits, splices: Splice[], prefix: () => string): { missingRowsBefore: (row: number) => string; listener: Listener } {
  const pending = [...edits.cells.keys()].sort((a, b) => a - b);
  let nextPending = 0;
  const newRow = (r: number) => {
    const p = prefix();
    const cells = [...(edits.cells.get(r) as Map<number, CellEdit>)].sort((a, b) => a[0] - b[0]);
    const body = cells.map(([c, e]) => newCell(r, c, e, p)).join("");
    return body ? `<${p}row r="${r + 1}">${body}</${p}row>` : "";
  };
  const missingRowsBefore = (before: number) => {
    let out = "";
    while (nextPending < pending.length && pending[nextPending] < before) out += newRow(pending[nextPending++]);
    return out;
  };

  let inData = false;
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

  const flushNewCellsBefore = (beforeCol: number, at: number) => {
    if (!rowEdits) return;
    const add = [...rowEdits].filter(([c]) => c < beforeCol && !done.has(c)).sort((a, b) => a[0] - b[0]);
    if (add.length === 0) return;
    splices.push({ from: at, to: at, text: add.map(([c, e]) => newCell(row, c, e, prefix())).join("") });
    for (const [c] of add) done.add(c);
  };

  const open = (tag: Tag, depth: number, position: number) => {
    if (!isMain(tag.uri)) return;
    if (depth === 2 && tag.local === "sheetData") inData = true;
    if (!inData) return;
    if (depth === 3 && tag.local === "row") {
      const r = tag.attributes.r?.value;
      row = r === undefined ? row + 1 : Number(r) - 1;
      col = -1;
      rowStart = xml.lastIndexOf("<", position - 1);
      rowSelfClosing = !!tag.isSelfClosing;
      const before = missingRowsBefore(row);
      if (before) splices.push({ from: rowStart, to: rowStart, text: before });
      while (nextPending < pending.length && pending[nextPending] <= row) nextPending++;
      rowEdits = edits.cells.get(row);
      done = new Set();
      // A row without an address gets one, so rows inserted before it cannot shift it.
      if (rowEdits && r === undefined) {
        const at = rowStart + tag.name.length + 1;
        splices.push({ from: at, to: at, text: ` r="${row + 1}"` });
      }
    } else if (depth === 4 && tag.local === "c") {
      const ref = tag.attributes.r?.value;
      cellHasRef = ref !== undefined;
      col = ref === undefined ? col + 1 : columnIndex(ref.replace(/[$\d]/g, "").toUpperCase());
      if (!rowEdits) return;
      cellStart = xml.lastIndexOf("<", position - 1);
      cellOpenEnd = position;
      cellStyle = Number(tag.attributes.s?.value ?? 0);
      flushNewCellsBefore(col, cellStart);
    }
  };
  const close = (tag: Tag, depth: number, position: number) => {
    if (!isMain(tag.uri) || !inData) return;
    if (depth === 2 && tag.local === "sheetData") inData = false;
    if (!rowEdits) return;
    if (depth === 4 && tag.local === "c") {
      const cellEnd = position;
      const e = rowEdits.get(col);
      if (e) {
        done.add(col);
        if (e.kind === "remove") splices.push({ from: cellStart, to: cellEnd, text: "" });
        else if (e.kind === "write") splices.push({ from: cellStart, to: cellEnd, text: e.xml(cellStyle) });
        else {
          const open = xml.slice(cellStart, cellOpenEnd);
          let s = e.to(cellStyle, true);
          // A cell is only removed while it is empty: a value typed into it since stays, unstyled.
          if (s === null && (cellEnd === cellOpenEnd || /^<[\w:]+[^>]*>\s*<\/[\w:]+>$/.test(xml.slice(cellStart, cellEnd)))) {
            splices.push({ from: cellStart, to: cellEnd, text: "" });
            return;
          }
          s ??= 0;
          let changed = /\ss="\d*"/.test(open) ? open.replace(/\ss="\d*"/, s ? ` s="${s}"` : "") : open.replace(/^<[\w:]+/, (m) => `${m}${s ? ` s="${s}"` : ""}`);
          if (!cellHasRef) changed = changed.replace(/^<[\w:]+/, (m) => `${m} r="${columnLetter(col)}${row + 1}"`);
          splices.push({ from: cellStart, to: cellOpenEnd, text: changed });
        }
      } else if (!cellHasRef) {
        // Cells without an address in an edited row get one, so inserted cells cannot shift them.
        const at = cellStart + tag.name.length + 1;
        splices.push({ from: at, to: at, text: ` r="${columnLetter(col)}${row + 1}"` });
      }
    } else if (depth === 3 && tag.local === "row") {
      const rowEnd = position;
      if (rowSelfClosing) {
        const cells = [...rowEdits].filter(([c]) => !done.has(c)).sort((a, b) => a[0] - b[0]).map(([c, e]) => newCell(row, c, e, prefix())).join("");
        if (cells) {
          const open = xml.slice(rowStart, rowEnd).replace(/\s*\/>$/, ">");
          splices.push({ from: rowStart, to: rowEnd, text: `${open}${cells}</${tag.name}>` });
        }
      } else {
        flushNewCellsBefore(Infinity, xml.lastIndexOf("<", rowEnd - 1));
      }
      rowEdits = undefined;
    }
  };
  return { missingRowsBefore, listener: { open, close } };
}
