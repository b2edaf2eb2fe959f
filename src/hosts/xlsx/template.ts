// An upload template as the fill needs it (its sheets, the drop-down lists and cell formats of the
// sheet to fill), and the fill written into it: the one sheet patched by splices, every other part,
// shared strings and styles included, copied byte for byte (values go in as inline strings).
import type { ColumnFormat, FillPlan, TemplateSheet } from "../../forms/fill";
import { a1, columnIndex, columnLetter, type CellValue, type Grid } from "../../forms/grid";
import { cellXml, dateToSerial } from "./cells";
import { REL } from "./ooxml";
import type { SheetRef, XlsxPackage } from "./package";
import { patchSheet, scanSheet, type CellEdit } from "./patch";
import { isDateFormat, readContext, readSheetGrid, uses1904, worksheetsOf } from "./read";
import { attr, parseTop, scanTags, sheetLayout } from "./sheetdata";
import { child, children, type XNode } from "./xml";

export interface TemplateBook {
  sheets: { grid: Grid; hidden: boolean; ref: SheetRef }[];
}

export function readTemplateBook(pkg: XlsxPackage): TemplateBook {
  const ctx = readContext(pkg);
  const refs = worksheetsOf(pkg);
  return { sheets: refs.map((ref) => ({ grid: readSheetGrid(pkg, ref.name, ref.path, ctx), hidden: ref.state !== "visible", ref })) };
}

/** What a column's new cells look like: the style of the cells below the header, else the column's. */
export interface ColumnStyles {
  styles: Map<number, number>;
  formats: Map<number, ColumnFormat>;
}

const descendants = (n: XNode, local: string): XNode[] => n.children.flatMap((c) => (c.local === local ? [c] : descendants(c, local)));
const textOfNode = (n: XNode): string => n.text + n.children.map(textOfNode).join("");

/** The sheet's list validations: each range with the entries its formula gives. */
function listValidations(xml: string, book: TemplateBook, pkg: XlsxPackage, sheet: string): { sqref: string; entries: string[] }[] {
  const layout = sheetLayout(xml);
  const out: { sqref: string; entries: string[] }[] = [];
  for (const top of layout.tops.filter((t) => t.local === "dataValidations" || t.local === "extLst")) {
    const root = parseTop(xml, layout, top);
    for (const dv of descendants(root, "dataValidation")) {
      if (dv.attrs.type !== "list") continue;
      const f1 = descendants(dv, "formula1")[0];
      const sqref = dv.attrs.sqref ?? textOfNode(descendants(dv, "sqref")[0] ?? dv).trim();
      if (!f1 || !sqref) continue;
      const entries = listEntries(textOfNode(f1).trim(), book, pkg, sheet);
      if (entries.length) out.push({ sqref, entries });
    }
  }
  return out;
}

/** A list formula's entries: "a,b,c", a range (on this or another sheet), or a defined name for one. */
function listEntries(formula: string, book: TemplateBook, pkg: XlsxPackage, sheet: string, depth = 0): string[] {
  const f = formula.replace(/^=/, "");
  if (f.startsWith('"')) return f.slice(1, f.endsWith('"') ? -1 : undefined).split(",").map((s) => s.trim()).filter(Boolean);
  const m = /^(?:'((?:[^']|'')+)'|([^!'"]+))?!?\$?([A-Z]{1,3})\$?(\d+)(?::\$?([A-Z]{1,3})\$?(\d+))?$/.exec(f);
  if (m && (f.includes("!") || !m[1])) {
    const name = m[1]?.replace(/''/g, "'") ?? m[2] ?? sheet;
    const grid = book.sheets.find((s) => s.grid.name === name)?.grid;
    if (!grid) return [];
    const [c1, r1, c2, r2] = [columnIndex(m[3]), Number(m[4]) - 1, columnIndex(m[5] ?? m[3]), Number(m[6] ?? m[4]) - 1];
    const out: string[] = [];
    for (let r = r1; r <= Math.min(r2, r1 + 5000); r++) for (let c = c1; c <= c2; c++) {
      const v = grid.rows[r]?.[c] ?? null;
      if (v !== null && v !== "") out.push(v instanceof Date ? v.toISOString().slice(0, 10) : String(v));
    }
    return out;
  }
  if (depth === 0 && /^[\p{L}_][\p{L}\p{N}_.]*$/u.test(f)) {
    const root = pkg.tree(pkg.workbook());
    const names = child(root, "definedNames");
    const index = book.sheets.findIndex((s) => s.grid.name === sheet);
    const defs = names ? children(names, "definedName").filter((d) => d.attrs.name === f) : [];
    const d = defs.find((x) => Number(x.attrs.localSheetId) === index) ?? defs.find((x) => x.attrs.localSheetId === undefined);
    if (d) return listEntries(d.text.trim(), book, pkg, sheet, depth + 1);
  }
  return [];
}

/** Which cell formats are text (@) and which dates. */
function formatKinds(pkg: XlsxPackage): (xf: number) => ColumnFormat {
  const part = pkg.relTarget(pkg.workbook(), REL.styles);
  if (!part || !pkg.has(part)) return () => "general";
  const root = pkg.tree(part);
  const custom = new Map<number, string>();
  for (const f of children(child(root, "numFmts") ?? root, "numFmt")) custom.set(Number(f.attrs.numFmtId), f.attrs.formatCode ?? "");
  const xfs = children(child(root, "cellXfs") ?? root, "xf").map((xf): ColumnFormat => {
    const id = Number(xf.attrs.numFmtId ?? 0);
    const code = custom.get(id);
    if (id === 49 || code === "@") return "text";
    const date = code !== undefined ? isDateFormat(code) : (id >= 14 && id <= 22) || (id >= 27 && id <= 36) || (id >= 45 && id <= 47) || (id >= 50 && id <= 58);
    return date ? "date" : "general";
  });
  return (xf) => xfs[xf] ?? "general";
}

/** Every cell style and row style of the sheet below a row (templates are small). */
function cellStyles(xml: string, below: number): { cells: Map<number, Map<number, number>>; rows: Map<number, number>; cols: (c: number) => number | null } {
  const layout = sheetLayout(xml);
  const cells = new Map<number, Map<number, number>>();
  const rows = new Map<number, number>();
  let row = -1;
  let col = -1;
  scanTags(xml, layout.dataFrom, layout.dataTo, {
    open(tag, attrs) {
      const local = tag.slice(tag.indexOf(":") + 1);
      if (local === "row") {
        const r = attr(attrs, "r");
        row = r === undefined ? row + 1 : Number(r) - 1;
        col = -1;
        if (row > below && attr(attrs, "customFormat") === "1" && attr(attrs, "s")) rows.set(row, Number(attr(attrs, "s")));
      } else if (local === "c") {
        const r = attr(attrs, "r");
        col = r === undefined ? col + 1 : columnIndex(r.replace(/[$\d]/g, "").toUpperCase());
        if (row > below) {
          const m = cells.get(row) ?? new Map<number, number>();
          m.set(col, Number(attr(attrs, "s") ?? 0));
          cells.set(row, m);
        }
      }
    },
    close() { /* nothing to do at the end of a tag */ },
  });
  const scan = scanSheet(xml);
  return { cells, rows, cols: (c) => (scan.cols(c)?.style !== undefined ? Number(scan.cols(c)?.style) : null) };
}

/** The sheet to fill, as the plan reads it, and the styles its new cells take. */
export function templateSheet(pkg: XlsxPackage, book: TemplateBook, index: number, headerRow: number): { sheet: TemplateSheet; styles: ColumnStyles } {
  const { grid, ref } = book.sheets[index];
  const xml = pkg.text(ref.path);
  const lists = new Map<number, readonly string[]>();
  for (const v of listValidations(xml, book, pkg, grid.name)) {
    for (const range of v.sqref.split(/\s+/)) {
      const [from, to = from] = range.split(":");
      const a = /^\$?([A-Z]+)\$?(\d+)$/.exec(from.toUpperCase());
      const b = /^\$?([A-Z]+)\$?(\d+)$/.exec(to.toUpperCase());
      // Only a list over the rows to fill speaks for the column (not one on the header itself).
      if (!a || !b || Number(b[2]) - 1 <= headerRow) continue;
      for (let c = columnIndex(a[1]); c <= columnIndex(b[1]); c++) if (!lists.has(c)) lists.set(c, v.entries);
    }
  }
  const kinds = formatKinds(pkg);
  const found = cellStyles(xml, headerRow);
  const width = (grid.rows[headerRow] ?? []).length;
  const styles = new Map<number, number>();
  const formats = new Map<number, ColumnFormat>();
  for (let c = 0; c < width; c++) {
    let s: number | null = null;
    for (let r = headerRow + 1; r <= headerRow + 5 && s === null; r++) s = found.cells.get(r)?.get(c) ?? null;
    s ??= found.cols(c);
    if (s !== null) {
      styles.set(c, s);
      formats.set(c, kinds(s));
    }
  }
  return { sheet: { grid, headerRow, lists, formats }, styles: { styles, formats } };
}

/** The plan written into the template's sheet (only that part changes). */
export function writeFill(pkg: XlsxPackage, ref: SheetRef, plan: FillPlan, styles: ColumnStyles): void {
  const source = pkg.textSource(ref.path);
  const xml = source();
  const scan = scanSheet(xml);
  const rowStyles = cellStyles(xml, plan.headerRow).rows;
  const date1904 = uses1904(pkg);
  const ctx = { sharedIndex: () => 0, prefix: scan.prefix };
  const cells = new Map<number, Map<number, CellEdit>>();
  const setCell = (row: number, col: number, value: CellValue) => {
    const fallback = rowStyles.get(row) ?? styles.styles.get(col) ?? 0;
    const v = value instanceof Date ? dateToSerial(value) - (date1904 ? 1462 : 0) : value;
    const edit: CellEdit = { kind: "write", xml: (s) => cellXml(row, col, v === null ? null : { value: v }, s ?? fallback, ctx) };
    (cells.get(row) ?? cells.set(row, new Map()).get(row) as Map<number, CellEdit>).set(col, edit);
  };
  let lastRow = plan.headerRow;
  let lastCol = 0;
  plan.rows.forEach((values, i) => {
    const row = plan.firstRow + i;
    values.forEach((v, col) => {
      if (v === null) return;
      setCell(row, col, v);
      lastCol = Math.max(lastCol, col);
    });
    lastRow = row;
  });
  for (const b of plan.blanks) for (const col of b.cols) setCell(b.row, col, null);
  const dimension = extendDimension(scan.dimension, lastRow, lastCol);
  pkg.set(ref.path, patchSheet(source, { cells, dimension: dimension ?? undefined }, ref.path));
}

function extendDimension(dimension: string | null, row: number, col: number): string | null {
  if (!dimension) return null;
  const [from, to = from] = dimension.split(":");
  const a = /^\$?([A-Z]+)\$?(\d+)$/.exec(from.toUpperCase());
  const b = /^\$?([A-Z]+)\$?(\d+)$/.exec(to.toUpperCase());
  if (!a || !b) return null;
  const r = Math.max(Number(b[2]) - 1, row);
  const c = Math.max(columnIndex(b[1]), col);
  return `${columnLetter(columnIndex(a[1]))}${a[2]}:${a1(r, c)}`;
}
