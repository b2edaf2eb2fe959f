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
}

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
  return { name, visibility: "Visible", cells: new Map(), columnWidths: new Map(), rowHeights: new Map(), hiddenColumns: new Set(), frozenRows: 0, pageBreaks: [], colBreaks: [], print: {}, charts: [] };
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
