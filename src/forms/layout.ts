// Generated sheets as printed paper: column widths from the longest value a column holds, row
// heights from the lines its tallest cell wraps to. Computed by the hosts from the rows they write
// (after rowsOf), so the .xlsx writer and Office.js write the same widths and heights, and a sheet
// of 50,000 rows is measured once, when it is written. Units: widths in characters of the default
// font (Excel's column width), heights in points.
import { cellText, columnIndex, type CellValue } from "./grid";
import type { SheetSpec, SpecCell, StyleName } from "./sheetspec";

/** The chart's series colours (RRGGBB): written explicitly, so a workbook without a theme draws bars. */
export const CHART_COLOURS = ["4472C4", "ED7D31", "A5A5A5", "FFC000"] as const;
/** The chart's axis and gridline colours. */
export const CHART_LINES = { axis: "595959", grid: "D9D9D9" } as const;

/** Font size (points) and boldness of each style; a cell without a style uses the default 11. */
const FONT: Partial<Record<StyleName, { size: number; bold?: boolean }>> = {
  title: { size: 16, bold: true }, titleAcross: { size: 16, bold: true }, header: { size: 11, bold: true }, label: { size: 11, bold: true }, computedHeader: { size: 11, bold: true },
};
/** Styles whose text wraps within its cell (the hosts' styles say the same). Others must fit their width. */
export const WRAPPING_STYLES: ReadonlySet<StyleName> = new Set<StyleName>(["title", "subtitle", "header", "cell", "box", "boxCenter", "wrap", "computedHeader"]);
/** Styles centred across the row without a merge (备案表): their text never sets a column's width. */
const ACROSS: ReadonlySet<StyleName> = new Set<StyleName>(["titleAcross", "subtitleAcross"]);

/** The least height of a generated sheet's row: one line of 11 pt CJK text is about 16 pt tall as
 * LibreOffice sets it (Noto Sans CJK standing in for 宋体), more than a spreadsheet's default 15. */
export const LINE_ROW_HEIGHT = 18;
/** The widest a column grows to by default before its text wraps. */
export const DEFAULT_CAP = 40;
/** Room left beside the text in a cell, in characters. */
const PADDING = 1.5;

/** East Asian wide characters (CJK, kana, hangul, full-width forms) take about two Latin widths. */
function isWide(code: number): boolean {
  return (code >= 0x1100 && code <= 0x115f) || (code >= 0x2e80 && code <= 0xa4cf) || (code >= 0xac00 && code <= 0xd7a3)
    || (code >= 0xf900 && code <= 0xfaff) || (code >= 0xfe30 && code <= 0xfe4f) || (code >= 0xff00 && code <= 0xff60) || (code >= 0xffe0 && code <= 0xffe6);
}

/** The width of a line of text in characters of the default font (11 pt). */
export function textWidth(s: string): number {
  let w = 0;
  // By UTF-16 unit (every sheet's every cell is measured): a character outside the BMP counts as two narrow ones.
  for (let i = 0; i < s.length; i++) {
    const code = s.charCodeAt(i);
    w += code < 0x1100 ? (code === 32 ? 0.6 : 1.1) : isWide(code) ? 2 : 1.1;
  }
  return w;
}

const scale = (style: StyleName | undefined) => {
  const f = style ? FONT[style] : undefined;
  return ((f?.size ?? 11) / 11) * (f?.bold ? 1.1 : 1);
};

/** A value as it shows in its cell (dates as yyyy-mm-dd, formulas by their cached result). */
export function shownText(c: SpecCell | null | undefined): string {
  if (!c) return "";
  const v: CellValue | undefined = c.formula !== undefined || c.sharedWith ? c.result : c.value;
  if (v === null || v === undefined) return "";
  // Numbers as String() shows them: the same digits as cellText up to 1e21, without its BigInt.
  return typeof v === "string" ? v : typeof v === "number" ? String(v) : cellText(v);
}

/** The width a cell's text needs on one line (its longest line), in characters. */
export function neededWidth(c: SpecCell | null | undefined): number {
  const text = shownText(c);
  if (!text) return 0;
  let w = 0;
  if (!text.includes("\n")) w = textWidth(text);
  else for (const line of text.split("\n")) w = Math.max(w, textWidth(line));
  return w * scale(c?.style) + PADDING;
}

/** How many lines a text wraps to in a cell `width` characters wide: greedy, breaking between
 * wide characters anywhere and between Latin words at spaces (a word longer than a line breaks too). */
export function lineCount(text: string, width: number, factor = 1): number {
  const room = Math.max(1, width - PADDING);
  let lines = 0;
  for (const para of text.split("\n")) {
    lines++;
    if (textWidth(para) * factor <= room) continue;
    let used = 0;
    for (const token of para.match(/[^\s\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]+|\s|./gu) ?? []) {
      const w = textWidth(token) * factor;
      if (used > 0 && used + w > room && !/^\s$/.test(token)) {
        lines++;
        used = 0;
      }
      // A token wider than the whole line takes the lines it fills.
      if (w > room) {
        lines += Math.ceil(w / room) - 1;
        used = w % room;
      } else used += w;
    }
  }
  return lines;
}

/** A cell's key in maps read for every cell of a sheet (a number: no string made per cell). */
const at = (row: number, col: number) => row * 16384 + col;

/** Single-row merges by their first cell (at(row, col)) -> columns spanned. */
function mergeSpans(merges: readonly string[]): Map<number, { row: number; c0: number; c1: number }> {
  const spans = new Map<number, { row: number; c0: number; c1: number }>();
  for (const m of merges) {
    const x = /^([A-Z]+)(\d+):([A-Z]+)(\d+)$/.exec(m.replace(/\$/g, ""));
    if (!x || x[2] !== x[4]) continue;
    const row = Number(x[2]) - 1, c0 = columnIndex(x[1]);
    spans.set(at(row, c0), { row, c0, c1: columnIndex(x[3]) });
  }
  return spans;
}

/** A column's width: what its longest value needs, at least `least`, at most `cap`, in half characters. */
export const fitWidth = (least: number, cap: number, need: number) => Math.ceil(Math.max(least, Math.min(cap, need)) * 2) / 2;

export interface Layout {
  /** Width of every column 0..last, in characters. */
  widths: number[];
  /** Height of a written row in points: every row gets one, so no engine's default decides
   * (undefined on a hidden sheet, which is never printed). */
  heightOf: (row: number) => number | undefined;
}

/**
 * Lays a sheet out from the rows being written. A column is as wide as its longest value (at least
 * spec.widths, the designed width; at most spec.caps or DEFAULT_CAP, past which wrapping styles
 * wrap); a header counts as two lines (headers wrap). A row is as tall as its tallest cell's lines.
 */
export function layOut(spec: SheetSpec, rows: readonly (SpecCell | null)[][]): Layout {
  if (spec.hidden) return { widths: spec.widths, heightOf: () => undefined };
  const spans = mergeSpans(spec.merges);
  const columns = Math.max(spec.widths.length, ...rows.slice(0, 1).map((r) => r.length), spec.print ? spec.print.lastCol + 1 : 0);
  const need = new Array<number>(columns).fill(0);
  const capOf = (c: number) => Math.max(spec.widths[c] ?? 0, spec.caps?.[c] ?? DEFAULT_CAP);
  const caps = Array.from({ length: columns }, (_, c) => capOf(c));
  for (const [r, row] of rows.entries()) {
    for (let c = 0; c < row.length; c++) {
      const cell = row[c];
      // Measured only where it could widen its column: not past the cap, not shorter than the widest so far.
      if (!cell || need[c] >= (caps[c] ?? capOf(c))) continue;
      if (typeof cell.value === "string" && cell.value.length * 3.2 + PADDING <= need[c]) continue;
      if ((cell.style && ACROSS.has(cell.style)) || spans.has(at(r, c))) continue;
      let w = neededWidth(cell);
      if (cell.style === "header" || cell.style === "computedHeader") w = Math.min(w, textWidth(shownText(cell)) * 0.55 * 1.1 + PADDING);
      if (c >= need.length) need.length = c + 1;
      if (w > (need[c] ?? 0)) need[c] = w;
    }
  }
  const widths = Array.from({ length: need.length }, (_, c) => fitWidth(spec.widths[c] ?? 6, capOf(c), need[c] ?? 0));
  const spanWidth = (r: number, c: number) => {
    const s = spans.get(at(r, c));
    if (!s) return widths[c] ?? 9;
    let w = 0;
    for (let k = s.c0; k <= s.c1; k++) w += widths[k] ?? 9;
    return w;
  };
  const base = spec.rowHeight ?? LINE_ROW_HEIGHT;
  const heights = rows.map((row, r) => {
    let h = 0;
    for (let c = 0; c < row.length; c++) {
      const cell = row[c];
      // An unstyled cell is one line of 11 pt unless it holds a line break: the row's least height holds it.
      if (!cell || (!cell.style && !(typeof cell.value === "string" && cell.value.includes("\n")))) continue;
      const text = shownText(cell);
      if (!text) continue;
      const size = (cell.style ? FONT[cell.style]?.size : undefined) ?? 11;
      const lines = cell.style && WRAPPING_STYLES.has(cell.style) ? lineCount(text, spanWidth(r, c), scale(cell.style)) : text.includes("\n") ? text.split("\n").length : 1;
      // CJK fonts (宋体, and Noto Sans CJK where it stands in) set lines about 1.45 em apart.
      if (lines > 1 || size > 11) h = Math.max(h, lines * size * 1.5 + 4);
    }
    return Math.ceil(Math.max(spec.leastHeights?.get(r) ?? base, h) * 4) / 4;
  });
  return { widths, heightOf: (r) => heights[r] ?? base };
}

/** Points a column `width` characters wide takes on paper (Excel: 7 px a character and 5 px of margin at 96 dpi). */
export const columnPoints = (width: number) => (width * 7 + 5) * 0.75;

/**
 * Column page breaks for a table too wide for one page: identity columns [0, repeat) print on every
 * page, and the columns after them go on pages in whole groups of `group` columns (a course's name
 * and scores), as many as fit `pagePoints`. Returns 0-based first columns of each new page.
 */
export function columnBreaks(widths: readonly number[], repeat: number, first: number, group: number, pagePoints: number): number[] {
  const breaks: number[] = [];
  const repeated = widths.slice(0, repeat).reduce((s, w) => s + columnPoints(w), 0);
  let used = widths.slice(0, first).reduce((s, w) => s + columnPoints(w), 0);
  for (let c = first; c < widths.length; c += group) {
    const g = widths.slice(c, c + group).reduce((s, w) => s + columnPoints(w), 0);
    if (used + g > pagePoints && used > repeated) {
      breaks.push(c);
      used = repeated;
    }
    used += g;
  }
  return breaks;
}

/** The footer of a form that runs to more than one page (Excel's header/footer codes &P and &N). */
export const PAGE_NUMBERS = "第 &P 页，共 &N 页";
