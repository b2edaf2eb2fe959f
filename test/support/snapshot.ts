// Cell-by-cell pictures of a workbook, to compare what a command did to it.
import ExcelJS from "exceljs";

export interface CellPicture {
  value: unknown;
  numFmt: unknown;
  fill: unknown;
  font: unknown;
  border: unknown;
  alignment: unknown;
  note: unknown;
}

export interface SheetPicture {
  state: string;
  cells: Map<string, CellPicture>;
  widths: Map<number, unknown>;
  hidden: Map<number, boolean>;
  merges: string[];
}

const clean = (v: unknown) => (v === undefined ? null : JSON.parse(JSON.stringify(v)));

/** ExcelJS reads an unstyled cell as no font and no border, and a styled one with the workbook's
 * default font and an empty border: the same to Excel, so the same here. */
const DEFAULT_FONT = JSON.stringify({ color: { theme: 1 }, family: 2, name: "Calibri", scheme: "minor", size: 11 });
const sorted = (v: unknown): string =>
  v && typeof v === "object" && !Array.isArray(v)
    ? `{${Object.keys(v as object).sort().map((k) => `${JSON.stringify(k)}:${sorted((v as Record<string, unknown>)[k])}`).join(",")}}`
    : JSON.stringify(v);
const font = (v: unknown) => (v && sorted(v) === sorted(JSON.parse(DEFAULT_FONT)) ? null : clean(v));
const border = (v: unknown) => (v && Object.keys(v as object).length === 0 ? null : clean(v));

export async function picture(file: string): Promise<Map<string, SheetPicture>> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const sheets = new Map<string, SheetPicture>();
  for (const ws of wb.worksheets) {
    const cells = new Map<string, CellPicture>();
    ws.eachRow({ includeEmpty: true }, (row) => {
      row.eachCell({ includeEmpty: true }, (c) => {
        const p: CellPicture = { value: clean(c.value), numFmt: clean(c.numFmt), fill: clean(c.fill), font: font(c.font), border: border(c.border), alignment: clean(c.alignment), note: clean(c.note) };
        const empty = p.value === null && !p.fill && !p.note && !p.border && (!p.font || Object.keys(p.font as object).length === 0) && !p.numFmt;
        if (!empty) cells.set(c.address, p);
      });
    });
    const widths = new Map<number, unknown>();
    const hidden = new Map<number, boolean>();
    for (let c = 1; c <= Math.max(ws.columnCount, 1) + 20; c++) {
      const col = ws.getColumn(c);
      if (col.width !== undefined) widths.set(c, col.width);
      if (col.hidden) hidden.set(c, true);
    }
    sheets.set(ws.name, { state: ws.state, cells, widths, hidden, merges: [...((ws.model as { merges?: string[] }).merges ?? [])].sort() });
  }
  return sheets;
}
