// Sheet grids straight from the package's XML, streamed part by part: memory grows with one sheet,
// not the workbook. Any writer's dialect: prefixed or default namespaces, strict OOXML, inline or
// shared strings, rows and cells with or without their r attribute, dimensions that lie.
import type { Progress } from "../../app/port";
import { SaxesParser, type SaxesTagNS } from "saxes";
import { UnusableWorkbook } from "../../app/port";
import type { CellValue, Grid } from "../../forms/grid";
import { columnIndex } from "../../forms/grid";
import type { SheetRef, XlsxPackage } from "./package";
import { isMain, REL } from "./ooxml";
import { attr, decodeEntities, scanTags, sheetLayout, type SheetLayout } from "./sheetdata";
import { child, children, unescapeOoxml } from "./xml";

/** Excel's sheet size: a cell beyond it means the file is damaged, not that the sheet is huge. */
export const MAX_ROWS = 1_048_576;
export const MAX_COLS = 16_384;

/** Streams a part through saxes, decoding UTF-8 (or UTF-16 with a BOM) chunk by chunk. */
export function streamXml(pkg: XlsxPackage, part: string, setup: (p: SaxesParser<{ xmlns: true; position: false }>) => void): void {
  const parser = new SaxesParser({ xmlns: true, position: false });
  setup(parser);
  let decoder: TextDecoder | null = null;
  try {
    pkg.stream(part, (chunk) => {
      if (!decoder) {
        const bom16 = chunk[0] === 0xff && chunk[1] === 0xfe;
        decoder = new TextDecoder(bom16 ? "utf-16le" : "utf-8");
      }
      parser.write(decoder.decode(chunk, { stream: true }));
    });
    parser.write((decoder as TextDecoder | null)?.decode() ?? "").close();
  } catch (e) {
    if (e instanceof UnusableWorkbook) throw e;
    throw UnusableWorkbook.coded("PART_NOT_XML", { file: pkg.fileName, part }, (e as Error).message.split("\n")[0]);
  }
}

/** Text of <t> elements under the current element, leaving out phonetic runs (rPh). */
function textCollector(p: SaxesParser<{ xmlns: true; position: false }>, container: string, done: (text: string) => void): void {
  let inContainer = false;
  let inT = false;
  let phonetic = 0;
  let text = "";
  p.on("opentag", (t) => {
    const tag = t as SaxesTagNS;
    if (!isMain(tag.uri)) return;
    if (tag.local === container) {
      inContainer = true;
      text = "";
    } else if (inContainer && tag.local === "rPh") phonetic++;
    else if (inContainer && tag.local === "t" && phonetic === 0) inT = true;
  });
  p.on("text", (s) => {
    if (inT) text += s;
  });
  p.on("closetag", (t) => {
    const tag = t as SaxesTagNS;
    if (!isMain(tag.uri)) return;
    if (tag.local === "t") inT = false;
    else if (tag.local === "rPh") phonetic--;
    else if (tag.local === container && inContainer) {
      inContainer = false;
      done(unescapeOoxml(text));
    }
  });
}

export function sharedStrings(pkg: XlsxPackage): string[] {
  const part = pkg.relTarget(pkg.workbook(), REL.sharedStrings);
  const strings: string[] = [];
  if (!part || !pkg.has(part)) return strings;
  streamXml(pkg, part, (p) => textCollector(p, "si", (s) => strings.push(s)));
  return strings;
}

// Built-in number formats that show dates: 14-22, 45-47, and the East Asian ones (27-36, 50-58).
const DATE_FORMAT_IDS = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56, 57, 58]);

export function isDateFormat(code: string): boolean {
  const bare = code.replace(/"[^"]*"/g, "").replace(/\\./g, "").replace(/\[[^\]]*\]/g, "").replace(/_.|\*./g, "");
  return /[ymdhs]/i.test(bare) && !/^general$/i.test(bare.trim());
}

/** Which cellXfs indices show a date. */
export function dateStyles(pkg: XlsxPackage): Set<number> {
  const out = new Set<number>();
  const part = pkg.relTarget(pkg.workbook(), REL.styles);
  if (!part || !pkg.has(part)) return out;
  const root = pkg.tree(part);
  const custom = new Map<number, string>();
  for (const f of children(child(root, "numFmts") ?? root, "numFmt")) custom.set(Number(f.attrs.numFmtId), f.attrs.formatCode ?? "");
  children(child(root, "cellXfs") ?? root, "xf").forEach((xf, i) => {
    const id = Number(xf.attrs.numFmtId ?? 0);
    const code = custom.get(id);
    if (code !== undefined ? isDateFormat(code) : DATE_FORMAT_IDS.has(id)) out.add(i);
  });
  return out;
}

export function uses1904(pkg: XlsxPackage): boolean {
  const pr = child(pkg.tree(pkg.workbook()), "workbookPr");
  const v = pr?.attrs.date1904;
  return v === "1" || v === "true";
}

/** Excel's serial date to a UTC Date (the 1900 system counts a day that never was: 29 Feb 1900). */
export function serialToDate(serial: number, date1904: boolean): Date {
  const days = date1904 ? serial + 1462 : serial < 61 ? serial + 1 : serial;
  return new Date(Math.round((days - 25569) * 86400000));
}

/** "D5" -> 0-based row and column; null when it is not an address within a sheet. */
function cellRef(ref: string): { row: number; col: number } | null {
  const m = /^\$?([A-Za-z]{1,3})\$?(\d{1,7})$/.exec(ref);
  if (!m) return null;
  const row = Number(m[2]) - 1;
  const col = columnIndex(m[1].toUpperCase());
  return row >= 0 && row < MAX_ROWS && col >= 0 && col < MAX_COLS ? { row, col } : null;
}

export interface ReadContext {
  strings: string[];
  dates: Set<number>;
  date1904: boolean;
}

export function readContext(pkg: XlsxPackage): ReadContext {
  return { strings: sharedStrings(pkg), dates: dateStyles(pkg), date1904: uses1904(pkg) };
}

/** One worksheet's values as a grid (a merged range's value stands in its top-left cell). With
 * `formulas`, the cells holding a formula too: column -> its rows, ascending. */
export function readSheetGrid(pkg: XlsxPackage, name: string, part: string, ctx: ReadContext, formulas?: Map<number, number[]>): Grid {
  const rows: CellValue[][] = [];
  const damaged = (what: string, detail?: string) => UnusableWorkbook.coded("SHEET_BAD_CELL", { file: pkg.fileName, sheet: name, value: what }, detail);
  let xml: string;
  let layout: SheetLayout;
  try {
    xml = pkg.text(part);
    layout = sheetLayout(xml);
  } catch (e) {
    if (e instanceof UnusableWorkbook) throw e;
    throw UnusableWorkbook.coded("SHEET_NOT_XML", { file: pkg.fileName, sheet: name }, (e as Error).message.split("\n")[0]);
  }
  const p = layout.prefix;
  const [ROW, C, V, IS, T, RPH, F] = ["row", "c", "v", "is", "t", "rPh", "f"].map((n) => p + n);
  let row = -1;
  let col = -1;
  let cellType = "n";
  let cellStyle = 0;
  let inValue = false;
  let inInline = 0;
  let inInlineT = false;
  let phonetic = 0;
  let value = "";
  let hasValue = false;
  scanTags(xml, layout.dataFrom, layout.dataTo, {
    open(tag, attrs) {
      switch (tag) {
        case ROW: {
          const r = attr(attrs, "r");
          const n = r === undefined ? row + 1 : Number(r) - 1;
          if (!Number.isInteger(n) || n < 0 || n >= MAX_ROWS) throw damaged(`行号 ${r}`);
          row = n;
          col = -1;
          break;
        }
        case C: {
          const r = attr(attrs, "r");
          if (r !== undefined) {
            const at = cellRef(r);
            if (!at) throw damaged(`单元格地址 ${r}`);
            row = at.row;
            col = at.col;
          } else {
            col++;
            if (row < 0) row = 0;
            if (col >= MAX_COLS) throw damaged("列数超过 16384");
          }
          cellType = attr(attrs, "t") ?? "n";
          cellStyle = Number(attr(attrs, "s") ?? 0);
          value = "";
          hasValue = false;
          break;
        }
        case V:
          inValue = true;
          hasValue = true;
          break;
        case IS:
          inInline++;
          hasValue = true;
          break;
        case RPH:
          phonetic++;
          break;
        case F:
          if (formulas) {
            const list = formulas.get(col) ?? [];
            if (list[list.length - 1] !== row) list.push(row);
            formulas.set(col, list);
          }
          break;
        case T:
          if (inInline && !phonetic) inInlineT = true;
          break;
      }
    },
    text(raw, cdata) {
      if (inValue || inInlineT) value += cdata || !raw.includes("&") ? raw : decodeEntities(raw);
    },
    close(tag) {
      switch (tag) {
        case V: inValue = false; break;
        case IS: inInline--; break;
        case RPH: phonetic--; break;
        case T: inInlineT = false; break;
        case C: {
          if (!hasValue) break;
          const v = cellValue(cellType, cellStyle, value, ctx);
          if (v === null) break;
          const cells = rows[row] ?? (rows[row] = []);
          cells[col] = v;
          break;
        }
      }
    },
  });
  for (let i = 0; i < rows.length; i++) rows[i] = finishRow(rows[i] ?? []);
  return { name, rows };
}

function cellValue(type: string, style: number, text: string, ctx: ReadContext): CellValue {
  switch (type) {
    case "s": {
      const s = ctx.strings[Number(text)];
      return s === undefined || s === "" ? null : s;
    }
    case "inlineStr":
    case "str":
      return text === "" ? null : unescapeOoxml(text);
    case "b":
      return text.trim() === "1" || text.trim() === "true";
    case "e":
      return text;
    case "d": {
      const d = new Date(text.length <= 10 ? `${text}T00:00:00Z` : /[zZ]|[+-]\d\d:?\d\d$/.test(text) ? text : `${text}Z`);
      return Number.isNaN(d.getTime()) ? text : d;
    }
    default: {
      if (text.trim() === "") return null;
      const n = Number(text);
      if (!Number.isFinite(n)) return text;
      return ctx.dates.has(style) ? serialToDate(n, ctx.date1904) : n;
    }
  }
}

/** Both readers end a row the same way: "" read as blank, no trailing blanks, no holes. */
export function finishRow(cells: CellValue[]): CellValue[] {
  for (let i = 0; i < cells.length; i++) if (cells[i] === undefined || cells[i] === "") cells[i] = null;
  let end = cells.length;
  while (end > 0 && cells[end - 1] === null) end--;
  cells.length = end;
  return cells;
}

/** Every worksheet of the package as a grid, in workbook order (chart sheets and the like left out). */
export function readGrids(pkg: XlsxPackage, progress?: Progress): Grid[] {
  const ctx = readContext(pkg);
  const refs = worksheetsOf(pkg);
  if (refs.length === 0) throw UnusableWorkbook.coded("NO_SHEETS", { file: pkg.fileName });
  // Counted in bytes of sheet XML: a 500,000-row register weighs what it takes to read.
  const sizes = refs.map((s) => pkg.size(s.path));
  const total = sizes.reduce((a, b) => a + b, 0);
  let done = 0;
  return refs.map((s, i) => {
    const grid = readSheetGrid(pkg, s.name, s.path, ctx);
    progress?.((done += sizes[i]), total);
    return grid;
  });
}

/** The worksheets of the package; one whose part is gone (a relationship pointing at nothing) is a
 * damaged file, said as such, not a sheet silently left out. */
export function worksheetsOf(pkg: XlsxPackage): SheetRef[] {
  const refs = pkg.sheets().filter((s) => s.isWorksheet);
  const lost = refs.find((s) => !s.path || !pkg.has(s.path));
  if (lost) throw UnusableWorkbook.coded("SHEET_PART_MISSING", { file: pkg.fileName, sheet: lost.name, part: lost.path || lost.rId });
  return refs;
}
