// Generated sheets as plain data: values, formulas, named styles, merges, widths, print setup.
// Each host turns a SheetSpec into real cells (.xlsx parts, Office.js).
import type { CellValue } from "./grid";

export type StyleName =
  | "title" | "subtitle" | "titleAcross" | "subtitleAcross" | "header" | "date" | "cell" | "text" | "center" | "box" | "note" | "label"
  | "computedHeader" | "computed" | "wrap" | "boxCenter";

export interface SpecCell {
  value?: CellValue;
  /** Without the leading "=". */
  formula?: string;
  /** The cached result written beside a formula (what the engine computed). */
  result?: CellValue;
  style?: StyleName;
  /** Shared formula: on the first cell of a run of cells whose formulas differ only in their
   * relative row, the run's range (A1:A9); the other cells give `sharedWith`, the first cell's
   * address, and no formula text. Files stay small and spreadsheets compute the run as a group. */
  shareRange?: string;
  sharedWith?: string;
}

export interface PrintSetup {
  landscape?: boolean;
  /** Rows repeated at the top of every printed page, 1-based, e.g. [1, 3]. */
  titleRows?: [number, number];
  /** 1-based rows after which a page break stands. */
  rowBreaks?: number[];
  /** Fit all columns on one page wide. */
  fitToWidth?: boolean;
  /** Print the gridlines: large tables are written without per-cell borders. */
  gridLines?: boolean;
  /** Columns repeated at the left of every printed page, 0-based and inclusive, e.g. [0, 2]. */
  titleCols?: [number, number];
  /** 0-based first columns of new pages (a table split across pages, identity columns repeated). */
  colBreaks?: number[];
  /** "第 x 页，共 y 页" at the foot of every page: forms that run to more than one page. */
  pageNumbers?: boolean;
  /** Left and right page margins in inches (default 0.5): the 备案表's narrower ones leave its photo box full size. */
  sideMargins?: number;
  /** Last column (0-based) of the print area; rows: all written rows. */
  lastCol: number;
}

export interface SheetSpec {
  name: string;
  rows: (SpecCell | null)[][];
  merges: string[];
  /** Column widths in characters: the designed, least width; the layout (forms/layout.ts) widens
   * a column to its longest value, up to its cap, when the sheet is written. */
  widths: number[];
  /** The widest each column grows to (default DEFAULT_CAP in forms/layout.ts); wrapping cells wrap past it. */
  caps?: number[];
  freeze?: { rows: number; cols: number };
  /** The least height of every written row, in points (printed forms); rows grow to their lines. */
  rowHeight?: number;
  print?: PrintSetup;
  hidden?: boolean;
  /** Drop-down lists: a range and its choices (a range on another sheet, e.g. "'选项'!$A$2:$A$22"). */
  validations?: { range: string; source: string; prompt?: string }[];
  /** Notes on cells, e.g. how to fill a header's column. */
  notes?: { cell: string; text: string }[];
  /** 0-based columns formatted as text, so Excel cannot eat the digits of ID and student numbers. */
  textColumns?: number[];
  /** Large sheets (备案表, long tables): rows made only when the sheet is written, so that 50,000
   * applicants' rows are never all held at once. `rows` is then empty; `rowCount` and `styles`
   * say beforehand how many rows and which styles there will be. Read rows with rowsOf(). */
  deferred?: { rowCount: number; styles: StyleName[]; make: () => (SpecCell | null)[][] };
  /** Least heights of some rows (0-based row -> points), above rowHeight: the rows a photo box spans. */
  leastHeights?: ReadonlyMap<number, number>;
  /** Pictures anchored on the sheet (the 备案表's photos): plain data, the host supplies the bytes by key when it writes. */
  pictures?: SheetPicture[];
  /** A chart of a table on this sheet, where the host can draw one. */
  chart?: {
    title: string;
    categories: string;
    series: { name: string; values: string }[];
    /** Where it stands, 0-based and inclusive; the print area reaches down to it. */
    anchor: { fromRow: number; toRow: number; fromCol: number; toCol: number };
  };
}

/** A picture anchored at a cell (0-based), offset and sized in EMU (DrawingML's unit: 914,400 an inch). */
export interface SheetPicture {
  /** Names the applicant without his ID number (forms/photobox.ts photoKey); written as the picture's description. */
  key: string;
  row: number;
  col: number;
  dx: number;
  dy: number;
  cx: number;
  cy: number;
}

export const cell = (value: CellValue, style?: StyleName): SpecCell => ({ value, style });
export const formula = (f: string, result: CellValue, style?: StyleName): SpecCell => ({ formula: flat(f), result, style });

/**
 * A string built from pieces is held by V8 as a tree of them, several times its own size, until
 * something reads it by index; reading one character joins it in place. Formulas are built from
 * dozens of pieces and 50,000 applicants' rows of them are held until the file is written.
 */
export function flat(s: string): string {
  s.charCodeAt(s.length >> 1);
  return s;
}

/** A sheet's rows, made now if they are deferred (hosts call this once per sheet). */
export const rowsOf = (spec: SheetSpec): (SpecCell | null)[][] => (spec.deferred ? spec.deferred.make() : spec.rows);
export const rowCountOf = (spec: SheetSpec): number => (spec.deferred ? spec.deferred.rowCount : spec.rows.length);

/** Rows the print area covers: the rows, and a chart below them. */
export const printRowsOf = (spec: SheetSpec): number => Math.max(rowCountOf(spec), spec.chart ? spec.chart.anchor.toRow + 1 : 0);

/** Defers a sheet's rows (see SheetSpec.deferred). */
export function deferred(spec: SheetSpec, rowCount: number, styles: StyleName[], make: () => (SpecCell | null)[][]): SheetSpec {
  return { ...spec, rows: [], deferred: { rowCount, styles, make } };
}
