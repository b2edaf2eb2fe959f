// The in-memory workbook behind the Excel stand-in.
export type Value = string | number | boolean;

export interface CellState {
  value: Value;
  /** A1 formula with "=", when the cell holds one. */
  formula?: string;
  fill?: string;
  bold?: boolean;
  fontColor?: string;
  fontSize?: number;
  border?: boolean;
}

export interface SheetState {
  name: string;
  visibility: "Visible" | "Hidden" | "VeryHidden";
  cells: Map<string, CellState>;
  columnWidths: Map<number, number>;
  /** Row heights in points, by 0-based row. */
  rowHeights: Map<number, number>;
  hiddenColumns: Set<number>;
  frozenRows: number;
  pageBreaks: string[];
  /** Vertical page breaks: the first cell of each new page's columns ("L1"). */
  colBreaks: string[];
  /** Page setup besides the print area and titles: margins (points), centring, footer, title columns. */
  print: Record<string, string | number | boolean>;
  printArea?: string;
  printTitleRows?: string;
  orientation?: string;
  charts: { type: string; source: string; title: string; position: string; colours: string[]; lines: Record<string, string>; dataLabels: boolean }[];
  protected?: boolean;
  /** Sheet-scoped defined names: name -> formula (="'Sheet'!$A$1"); they go when the sheet goes. */
  names: Map<string, string>;
  /** Pictures (ExcelApi 1.9 shapes.addImage), in points; they go when the sheet goes. */
  shapes: ShapeState[];
}

export interface ShapeState {
  id: string;
  name: string;
  type: "Image";
  left: number;
  top: number;
  width: number;
  height: number;
  altTextDescription: string;
  altTextTitle: string;
  /** As in Excel, a picture keeps its proportions when one side is set, until this is turned off. */
  lockAspectRatio: boolean;
  /** The image as given to addImage (base64 of the JPEG or PNG bytes). */
  base64: string;
}

/** Excel's defaults where a sheet sets no size: 8.43 characters of Calibri 11 (48 pt), 15 pt. */
export const DEFAULT_COLUMN_WIDTH = 48;
export const DEFAULT_ROW_HEIGHT = 15;

export interface BookState {
  sheets: SheetState[];
  notes: Map<string, string>;
  /** Comment threads by cell ("Sheet!A1"): one per cell. */
  comments: Map<string, string>;
  /** Workbook-level defined names: name -> formula (="'Sheet'!$A$1"). */
  names?: Map<string, string>;
  /** The selection, as the pane's issue list sets it. */
  active?: { sheet: string; cell: string };
}

export const key = (row: number, col: number) => `${row},${col}`;

export function newSheet(name: string): SheetState {
  return { name, visibility: "Visible", cells: new Map(), columnWidths: new Map(), rowHeights: new Map(), hiddenColumns: new Set(), frozenRows: 0, pageBreaks: [], colBreaks: [], print: {}, charts: [], names: new Map(), shapes: [] };
}

/** A workbook from grids (row-major values), as a user's workbook would be. */
export function bookFromGrids(grids: { name: string; rows: (Value | null | Date)[][] }[]): BookState {
  return {
    notes: new Map(),
    comments: new Map(),
    sheets: grids.map((g) => {
      const s = newSheet(g.name);
      g.rows.forEach((row, r) => row.forEach((v, c) => {
        if (v === null || v === undefined || v === "") return;
        s.cells.set(key(r, c), { value: v instanceof Date ? (v.getTime() - Date.UTC(1899, 11, 30)) / 86400000 : v });
      }));
      return s;
    }),
  };
}

export function columnIndex(letters: string): number {
  return [...letters].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
}

export function letters(col: number): string {
  let s = "";
  for (let n = col + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** "A1", "A1:C9", "A:A", "$A$1" -> 0-based bounds. */
export function parseAddress(address: string): { r0: number; c0: number; r1: number; c1: number } {
  const bare = address.replace(/^.*!/, "").replace(/\$/g, "");
  const [a, b = a] = bare.split(":");
  const one = (s: string) => {
    const m = /^([A-Z]+)?(\d+)?$/.exec(s);
    if (!m) throw new Error(`InvalidArgument: address ${address}`);
    return { c: m[1] ? columnIndex(m[1]) : -1, r: m[2] ? Number(m[2]) - 1 : -1 };
  };
  const p = one(a), q = one(b);
  return { r0: p.r < 0 ? 0 : p.r, c0: p.c < 0 ? 0 : p.c, r1: q.r < 0 ? 1048575 : q.r, c1: q.c < 0 ? 16383 : q.c };
}

/**
 * A defined name's formula after columns (or rows) `at`..`at+count-1` of `sheet` were inserted
 * (count > 0) or deleted (count < 0), as Excel adjusts it: references past the edit move, a range
 * spanning an insertion grows, a range losing all its cells becomes #REF!. Other names stay.
 */
export function shiftNameFormula(formula: string, sheet: string, axis: "col" | "row", at: number, count: number): string {
  const m = /^=(?:'((?:[^']|'')+)'|([^'!:]+))!\$?([A-Z]{1,3})\$?(\d+)(?::\$?([A-Z]{1,3})\$?(\d+))?$/.exec(formula);
  if (!m || (m[1] ?? m[2]).replace(/''/g, "'") !== sheet) return formula;
  let c0 = columnIndex(m[3]), r0 = Number(m[4]) - 1;
  let c1 = m[5] ? columnIndex(m[5]) : c0, r1 = m[6] ? Number(m[6]) - 1 : r0;
  const move = (lo: number, hi: number): [number, number] | null => {
    if (count > 0) return [lo >= at ? lo + count : lo, hi >= at ? hi + count : hi];
    const n = -count, end = at + n - 1;
    if (hi < at) return [lo, hi];
    if (lo > end) return [lo - n, hi - n];
    const nlo = lo < at ? lo : at, nhi = hi > end ? hi - n : at - 1;
    return nhi < nlo ? null : [nlo, nhi];
  };
  const moved = axis === "col" ? move(c0, c1) : move(r0, r1);
  if (!moved) return "=#REF!";
  if (axis === "col") [c0, c1] = moved;
  else [r0, r1] = moved;
  const one = `$${letters(c0)}$${r0 + 1}`;
  return `='${sheet.replace(/'/g, "''")}'!${one}${m[5] ? `:$${letters(c1)}$${r1 + 1}` : ""}`;
}
