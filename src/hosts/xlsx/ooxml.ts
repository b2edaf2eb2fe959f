// The names of the format, in one place: every namespace, relationship type and content type the
// file layer reads or writes, the paths of relationship parts, and how a sheet element names its
// relationship. New code (pictures, templates) takes its names from here.

/** XML namespaces. */
export const NS = {
  main: "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
  strictMain: "http://purl.oclc.org/ooxml/spreadsheetml/main",
  rel: "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
  strictRel: "http://purl.oclc.org/ooxml/officeDocument/relationships",
  pkgRel: "http://schemas.openxmlformats.org/package/2006/relationships",
  contentTypes: "http://schemas.openxmlformats.org/package/2006/content-types",
  chart: "http://schemas.openxmlformats.org/drawingml/2006/chart",
  drawingMain: "http://schemas.openxmlformats.org/drawingml/2006/main",
  spreadsheetDrawing: "http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing",
  extendedProperties: "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties",
  coreProperties: "http://schemas.openxmlformats.org/package/2006/metadata/core-properties",
  dc: "http://purl.org/dc/elements/1.1/",
  dcterms: "http://purl.org/dc/terms/",
  xsi: "http://www.w3.org/2001/XMLSchema-instance",
  vml: "urn:schemas-microsoft-com:vml",
  office: "urn:schemas-microsoft-com:office:office",
  excel: "urn:schemas-microsoft-com:office:excel",
};

/** Is this element in SpreadsheetML's main namespace (transitional or strict)? */
export const isMain = (uri: string) => uri === NS.main || uri === NS.strictMain;
export const isRelNs = (uri: string) => uri === NS.rel || uri === NS.strictRel;

/** Relationship types (transitional; strict ones are matched by relIs). */
export const REL = {
  officeDocument: `${NS.rel}/officeDocument`,
  worksheet: `${NS.rel}/worksheet`,
  sharedStrings: `${NS.rel}/sharedStrings`,
  styles: `${NS.rel}/styles`,
  calcChain: `${NS.rel}/calcChain`,
  comments: `${NS.rel}/comments`,
  vmlDrawing: `${NS.rel}/vmlDrawing`,
  drawing: `${NS.rel}/drawing`,
  chart: `${NS.rel}/chart`,
  image: `${NS.rel}/image`,
  extendedProperties: `${NS.rel}/extended-properties`,
  coreProperties: `${NS.pkgRel}/metadata/core-properties`,
};

/** Relationship types are compared on their last segment: strict OOXML uses other URIs for the same things. */
export const relIs = (type: string, wanted: string) => type.slice(type.lastIndexOf("/")) === wanted.slice(wanted.lastIndexOf("/"));

export const CONTENT_TYPE = {
  relationships: "application/vnd.openxmlformats-package.relationships+xml",
  xml: "application/xml",
  workbook: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
  styles: "application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml",
  worksheet: "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml",
  comments: "application/vnd.openxmlformats-officedocument.spreadsheetml.comments+xml",
  vml: "application/vnd.openxmlformats-officedocument.vmlDrawing",
  drawing: "application/vnd.openxmlformats-officedocument.drawing+xml",
  chart: "application/vnd.openxmlformats-officedocument.drawingml.chart+xml",
  jpeg: "image/jpeg",
  coreProperties: "application/vnd.openxmlformats-package.core-properties+xml",
  extendedProperties: "application/vnd.openxmlformats-officedocument.extended-properties+xml",
};

/** The declaration every part we write starts with. */
export const XML_DECLARATION = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n`;

/** The folder of a part, for resolving relative targets. */
const folderOf = (part: string) => part.slice(0, part.lastIndexOf("/") + 1);

/** A relationship target resolved against its source part (absolute targets start with "/"). */
export function resolveTarget(source: string, target: string): string {
  if (target.startsWith("/")) return target.slice(1);
  const parts = (folderOf(source) + target).split("/");
  const out: string[] = [];
  for (const p of parts) {
    if (p === "..") out.pop();
    else if (p !== ".") out.push(p);
  }
  return out.join("/");
}

/** The rels part of a part: xl/worksheets/sheet1.xml -> xl/worksheets/_rels/sheet1.xml.rels. */
export const relsPathOf = (part: string) => `${folderOf(part)}_rels/${part.slice(part.lastIndexOf("/") + 1)}.rels`;

/** A target relative to the source part's folder. */
export function relativeTarget(source: string, part: string): string {
  const from = folderOf(source).split("/").filter(Boolean);
  const to = part.split("/");
  let common = 0;
  while (common < from.length && common < to.length - 1 && from[common] === to[common]) common++;
  return [...Array(from.length - common).fill(".."), ...to.slice(common)].join("/");
}

/** The relationship id of an element that names one by r:id (a workbook's <sheet>), whatever its prefix. */
export function relIdOf(node: { nsAttrs: Record<string, string> }): string {
  return Object.entries(node.nsAttrs).find(([k]) => isRelNs(k.split("|")[0]) && k.endsWith("|id"))?.[1] ?? "";
}
