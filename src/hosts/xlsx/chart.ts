// A clustered bar chart as DrawingML: a drawing part anchored on the sheet and a chart part whose
// series refer to the sheet's cells, with their values cached (LibreOffice draws an empty chart
// without the caches; Excel recalculates them).
import { parseA1 } from "../../forms/grid";
import { CHART_COLOURS, CHART_LINES } from "../../forms/layout";
import type { SheetSpec, SpecCell } from "../../forms/sheetspec";
import { CONTENT_TYPE, NS, REL, XML_DECLARATION } from "./ooxml";
import type { XlsxPackage } from "./package";
import { attrsText, element } from "./writer";
import { escapeText } from "./xml";

type Chart = NonNullable<SheetSpec["chart"]>;

const C = NS.chart;
const A = NS.drawingMain;
const XDR = NS.spreadsheetDrawing;
const R = NS.rel;

/** The cells of a one-column range like "B5:B9" (0-based rows, one column). */
function column(range: string): { col: number; from: number; to: number } {
  const [a, b] = range.split(":").map((x) => parseA1(x.replace(/\$/g, "")));
  if (!a || !b) throw new Error(`chart range ${range}`);
  return { col: a.col, from: a.row, to: b.row };
}

const quoted = (sheet: string) => `'${sheet.replace(/'/g, "''")}'`;
const abs = (sheet: string, range: string) => `${quoted(sheet)}!${range.replace(/([A-Z]+)(\d+)/g, "$$$1$$$2")}`;

function cache(rows: (SpecCell | null)[][], range: string, numeric: boolean): string {
  const { col, from, to } = column(range);
  const points: string[] = [];
  for (let r = from; r <= to; r++) {
    const v = rows[r]?.[col]?.value;
    if (v === null || v === undefined) continue;
    points.push(`<c:pt idx="${r - from}"><c:v>${escapeText(String(v))}</c:v></c:pt>`);
  }
  const count = to - from + 1;
  return numeric ? `<c:numCache><c:formatCode>General</c:formatCode><c:ptCount val="${count}"/>${points.join("")}</c:numCache>` : `<c:strCache><c:ptCount val="${count}"/>${points.join("")}</c:strCache>`;
}

const solid = (rgb: string) => element("a:solidFill", null, element("a:srgbClr", { val: rgb }));
const line = (rgb: string) => `<c:spPr><a:ln w="9525">${solid(rgb)}</a:ln></c:spPr>`;
/** Text in the chart: 9 pt, dark grey (without a theme, an engine may pick none). */
const txPr = (size = 900) => `<c:txPr><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz="${size}">${solid("404040")}</a:defRPr></a:pPr><a:endParaRPr lang="zh-CN"/></a:p></c:txPr>`;
/** The count above each bar. */
const LABELS = `<c:dLbls><c:spPr><a:noFill/><a:ln><a:noFill/></a:ln></c:spPr>${txPr()}<c:dLblPos val="outEnd"/><c:showLegendKey val="0"/><c:showVal val="1"/><c:showCatName val="0"/><c:showSerName val="0"/><c:showPercent val="0"/><c:showBubbleSize val="0"/></c:dLbls>`;

/** Every colour is written out (series fills, axis and gridlines, text): a workbook without a theme
 * part (the demo, `kezheng template`) otherwise draws no bars in LibreOffice. */
export function chartXml(chart: Chart, sheet: string, rows: (SpecCell | null)[][]): string {
  const series = chart.series.map((s, i) => `<c:ser><c:idx val="${i}"/><c:order val="${i}"/><c:tx><c:v>${escapeText(s.name)}</c:v></c:tx>`
    + `<c:spPr>${solid(CHART_COLOURS[i % CHART_COLOURS.length])}<a:ln><a:noFill/></a:ln></c:spPr><c:invertIfNegative val="0"/>${LABELS}`
    + `<c:cat><c:strRef><c:f>${escapeText(abs(sheet, chart.categories))}</c:f>${cache(rows, chart.categories, false)}</c:strRef></c:cat>`
    + `<c:val><c:numRef><c:f>${escapeText(abs(sheet, s.values))}</c:f>${cache(rows, s.values, true)}</c:numRef></c:val></c:ser>`).join("");
  const title = `<c:title><c:tx><c:rich><a:bodyPr/><a:p><a:pPr><a:defRPr sz="1200" b="1"/></a:pPr><a:r><a:rPr lang="zh-CN" sz="1200" b="1"/><a:t>${escapeText(chart.title)}</a:t></a:r></a:p></c:rich></c:tx><c:overlay val="0"/></c:title>`;
  return `${XML_DECLARATION}<c:chartSpace${attrsText({ "xmlns:c": C, "xmlns:a": A, "xmlns:r": R })}><c:roundedCorners val="0"/><c:chart>${title}<c:autoTitleDeleted val="0"/>`
    + `<c:plotArea><c:layout/><c:barChart><c:barDir val="col"/><c:grouping val="clustered"/><c:varyColors val="0"/>${series}<c:gapWidth val="80"/><c:overlap val="0"/><c:axId val="5001"/><c:axId val="5002"/></c:barChart>`
    + `<c:catAx><c:axId val="5001"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/><c:axPos val="b"/><c:numFmt formatCode="General" sourceLinked="0"/><c:majorTickMark val="none"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/>${line(CHART_LINES.axis)}${txPr()}<c:crossAx val="5002"/><c:crosses val="autoZero"/><c:auto val="1"/><c:lblAlgn val="ctr"/><c:lblOffset val="100"/></c:catAx>`
    + `<c:valAx><c:axId val="5002"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/><c:axPos val="l"/><c:majorGridlines>${line(CHART_LINES.grid)}</c:majorGridlines><c:numFmt formatCode="General" sourceLinked="0"/><c:majorTickMark val="none"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/>${line(CHART_LINES.axis)}${txPr()}<c:crossAx val="5001"/><c:crosses val="autoZero"/><c:crossBetween val="between"/></c:valAx></c:plotArea>`
    + `<c:legend><c:legendPos val="b"/><c:overlay val="0"/>${txPr()}</c:legend><c:plotVisOnly val="1"/><c:dispBlanksAs val="gap"/></c:chart></c:chartSpace>`;
}

function drawingXml(chart: Chart, chartRel: string): string {
  const a = chart.anchor;
  const from = `<xdr:from><xdr:col>${a.fromCol}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>${a.fromRow}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:from>`;
  const to = `<xdr:to><xdr:col>${a.toCol + 1}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>${a.toRow + 1}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:to>`;
  return `${XML_DECLARATION}<xdr:wsDr${attrsText({ "xmlns:xdr": XDR, "xmlns:a": A })}><xdr:twoCellAnchor editAs="oneCell">${from}${to}`
    + `<xdr:graphicFrame macro=""><xdr:nvGraphicFramePr>${element("xdr:cNvPr", { id: 2, name: chart.title })}<xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr><xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm>`
    + `${element("a:graphic", null, element("a:graphicData", { uri: C }, element("c:chart", { "xmlns:c": C, "xmlns:r": R, "r:id": chartRel })))}</xdr:graphicFrame><xdr:clientData/></xdr:twoCellAnchor></xdr:wsDr>`;
}

/** Adds the drawing and chart parts of a new sheet; returns the sheet's relationship id for <drawing>. */
export function addChart(pkg: XlsxPackage, sheetPart: string, sheetName: string, chart: Chart, rows: (SpecCell | null)[][]): string {
  const drawing = pkg.freeName((n) => `xl/drawings/drawing${n}.xml`);
  const chartPart = pkg.freeName((n) => `xl/charts/chart${n}.xml`);
  pkg.set(chartPart, chartXml(chart, sheetName, rows));
  pkg.setOverride(chartPart, CONTENT_TYPE.chart);
  const chartRel = pkg.addRel(drawing, REL.chart, chartPart);
  pkg.set(drawing, drawingXml(chart, chartRel));
  pkg.setOverride(drawing, CONTENT_TYPE.drawing);
  return pkg.addRel(sheetPart, REL.drawing, drawing);
}
