// A generated sheet (SheetSpec) as worksheet XML, produced in pieces as the zip writer takes them:
// the elements in CT_Worksheet's order, print setup, frozen panes, validations, page breaks.
import { columnLetter, widthOf } from "../../forms/grid";
import { layOut, PAGE_NUMBERS } from "../../forms/layout";
import { printRowsOf, rowsOf, type SheetSpec } from "../../forms/sheetspec";
import { cellXml, sharedIndexer } from "./cells";
import type { Styles } from "./styles";
import { NS, XML_DECLARATION } from "./ooxml";
import { attrsText, element } from "./writer";
import { escapeText } from "./xml";

export interface SheetParts {
  /** rId of the sheet's VML drawing (notes). */
  legacyDrawing?: string;
  /** rId of the sheet's DrawingML drawing (a chart). */
  drawing?: string;
}

/** Styles are resolved now (they go into styles.xml before anything is written); cells when written. */
export function sheetPieces(spec: SheetSpec, styles: Styles, parts: SheetParts = {}): () => Iterable<string> {
  const styleIds = new Map<string, number>();
  const styleOf = (name: string | undefined, isFormula: boolean) => {
    if (!name) return 0;
    const key = `${name}|${isFormula}`;
    let s = styleIds.get(key);
    if (s === undefined) {
      s = styles.styleOf(name as Parameters<Styles["styleOf"]>[0], isFormula);
      styleIds.set(key, s);
    }
    return s;
  };
  if (spec.deferred) for (const name of spec.deferred.styles) styleOf(name, false);
  else for (const row of spec.rows) for (const c of row) if (c?.style) styleOf(c.style, c.formula !== undefined || !!c.sharedWith);
  const dateStyle = styleOf("date", false);
  const textStyle = spec.textColumns?.length ? styles.textFormat() : 0;
  return function* () {
    const rows = rowsOf(spec);
    const layout = layOut(spec, rows);
    const lastCol = Math.max(widthOf(rows), layout.widths.length, 1) - 1;
    const p = spec.print;
    yield `${XML_DECLARATION}<worksheet${attrsText({ xmlns: NS.main, "xmlns:r": NS.rel })}>`;
    if (p?.fitToWidth) yield element("sheetPr", null, element("pageSetUpPr", { fitToPage: 1 }));
    yield element("dimension", { ref: `A1:${columnLetter(lastCol)}${Math.max(1, rows.length)}` });
    const f = spec.freeze;
    if (f && (f.rows || f.cols)) {
      const pane = f.rows && f.cols ? "bottomRight" : f.rows ? "bottomLeft" : "topRight";
      const panes = element("pane", { xSplit: f.cols || undefined, ySplit: f.rows || undefined, topLeftCell: `${columnLetter(f.cols)}${f.rows + 1}`, activePane: pane, state: "frozen" })
        + element("selection", { pane });
      yield element("sheetViews", null, element("sheetView", { workbookViewId: 0 }, panes));
    } else yield element("sheetViews", null, element("sheetView", { workbookViewId: 0 }));
    yield element("sheetFormatPr", { defaultRowHeight: 15 });
    const text = new Set(spec.textColumns ?? []);
    const cols: string[] = [];
    for (let c = 0; c <= lastCol; c++) {
      const w = layout.widths[c];
      if (w === undefined && !text.has(c)) continue;
      cols.push(element("col", { min: c + 1, max: c + 1, width: w ?? 9, style: text.has(c) ? textStyle : undefined, customWidth: w === undefined ? undefined : 1 }));
    }
    if (cols.length) yield element("cols", null, cols.join(""));
    yield "<sheetData>";
    const ctx = { sharedIndex: sharedIndexer(0) };
    let block: string[] = [];
    for (let r = 0; r < rows.length; r++) {
      const row = rows[r];
      const cells: string[] = [];
      for (let c = 0; c < row.length; c++) {
        const cell = row[c];
        if (!cell) continue;
        let s = styleOf(cell.style, cell.formula !== undefined || !!cell.sharedWith);
        if (spec.deferred && cell.style && !spec.deferred.styles.includes(cell.style)) throw new Error(`deferred sheet ${spec.name}: style ${cell.style} not declared`);
        if (cell.value instanceof Date && !cell.style) s = dateStyle;
        if (!s && text.has(c) && cell.formula === undefined) s = textStyle;
        cells.push(cellXml(r, c, cell, s, ctx));
      }
      const h = layout.heightOf(r);
      // Written out (numbers only): this runs once a row of a register's hundreds of thousands.
      if (cells.length || h) block.push(`<row r="${r + 1}"${h ? ` ht="${h}" customHeight="1"` : ""}>${cells.join("")}</row>`);
      if (block.length >= 500) {
        yield block.join("");
        block = [];
      }
    }
    yield block.join("");
    yield "</sheetData>";
    if (spec.merges.length) yield element("mergeCells", { count: spec.merges.length }, spec.merges.map((ref) => element("mergeCell", { ref })).join(""));
    const v = spec.validations ?? [];
    if (v.length) {
      yield element("dataValidations", { count: v.length }, v.map((d) => element("dataValidation", {
        type: "list", errorStyle: "warning", allowBlank: 1, showInputMessage: d.prompt ? 1 : undefined, showErrorMessage: 1,
        error: "请从下拉列表中选择。", prompt: d.prompt, sqref: d.range,
      }, element("formula1", null, escapeText(d.source)))).join(""));
    }
    if (p) {
      yield element("printOptions", { horizontalCentered: 1, gridLines: p.gridLines ? 1 : undefined });
      yield element("pageMargins", { left: p.sideMargins ?? 0.5, right: p.sideMargins ?? 0.5, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 });
      yield element("pageSetup", { paperSize: 9, orientation: p.landscape ? "landscape" : "portrait", ...(p.fitToWidth ? { fitToWidth: 1, fitToHeight: 0 } : {}) });
      if (p.pageNumbers) yield element("headerFooter", null, element("oddFooter", null, escapeText(`&C${PAGE_NUMBERS}`)));
      const breaks = (tag: string, list: number[], max: number) => element(tag, { count: list.length, manualBreakCount: list.length }, list.map((id) => element("brk", { id, max, man: 1 })).join(""));
      if (p.rowBreaks?.length) yield breaks("rowBreaks", p.rowBreaks, 16383);
      if (p.colBreaks?.length) yield breaks("colBreaks", p.colBreaks, 1048575);
    } else yield element("pageMargins", { left: 0.7, right: 0.7, top: 0.75, bottom: 0.75, header: 0.3, footer: 0.3 });
    if (parts.drawing) yield element("drawing", { "r:id": parts.drawing });
    if (parts.legacyDrawing) yield element("legacyDrawing", { "r:id": parts.legacyDrawing });
    yield "</worksheet>";
  };
}

/** The print area and print titles of a generated sheet, as workbook-level defined names. */
export function printNames(spec: SheetSpec, sheetName: string): { name: string; formula: string }[] {
  const p = spec.print;
  if (!p) return [];
  const q = `'${sheetName.replace(/'/g, "''")}'`;
  const out = [{ name: "_xlnm.Print_Area", formula: `${q}!$A$1:$${columnLetter(p.lastCol)}$${Math.max(1, printRowsOf(spec))}` }];
  const titles = [
    ...(p.titleCols ? [`${q}!$${columnLetter(p.titleCols[0])}:$${columnLetter(p.titleCols[1])}`] : []),
    ...(p.titleRows ? [`${q}!$${p.titleRows[0]}:$${p.titleRows[1]}`] : []),
  ];
  if (titles.length) out.push({ name: "_xlnm.Print_Titles", formula: titles.join(",") });
  return out;
}
