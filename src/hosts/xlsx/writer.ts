// Writing XML: every element the product writes or splices into a part is made here, so an
// attribute is always escaped (one user-derived string left raw would make a file Excel refuses),
// a namespace prefix is applied in one way, and a new element lands where the schema wants it.
import { XML_DECLARATION } from "./ooxml";
import { escapeAttr, insertChild, type XNode } from "./xml";

export { XML_DECLARATION };

/** Attributes in the order given; undefined and null are left out. */
export type Attrs = Record<string, string | number | undefined | null>;

/** ` a="1" b="x"`: every value escaped. */
export function attrsText(attrs: Attrs): string {
  let out = "";
  for (const k in attrs) {
    const v = attrs[k];
    if (v !== undefined && v !== null) out += ` ${k}="${escapeAttr(String(v))}"`;
  }
  return out;
}

/** One element: `<tag a="1"/>` without content, `<tag a="1">content</tag>` with it (content is XML
 * already written: escape text with escapeText). `tag` is the qualified name as it is to be written. */
export function element(tag: string, attrs: Attrs | null = null, content?: string): string {
  const a = attrs ? attrsText(attrs) : "";
  return content === undefined ? `<${tag}${a}/>` : `<${tag}${a}>${content}</${tag}>`;
}

/** Elements in a part whose SpreadsheetML elements carry a prefix ("" or "x:"): the prefix is added here. */
export const elementsIn = (prefix: string) => (local: string, attrs: Attrs | null = null, content?: string) => element(prefix + local, attrs, content);

/** Gives every element of a piece of XML written without prefixes the part's prefix ("" leaves it as it is);
 * an element that has a prefix already keeps it. */
export function withPrefix(xml: string, prefix: string): string {
  return prefix ? xml.replace(/<(\/?)(?![\w.-]+:)([A-Za-z_])/g, `<$1${prefix}$2`) : xml;
}

const ATTR = (name: string) => new RegExp(`(\\s)${name.replace(/[.]/g, "\\.")}\\s*=\\s*(?:"[^"]*"|'[^']*')`);

/** An opening tag (`<c r="A1" s="3">`) with one attribute set (in place where it is, after the
 * name where it is not) or, with null, removed. The rest of the tag stays as written. */
export function setAttr(openTag: string, name: string, value: string | number | null): string {
  const re = ATTR(name);
  if (re.test(openTag)) return openTag.replace(re, (_m, space: string) => (value === null ? "" : `${space}${name}="${escapeAttr(String(value))}"`));
  if (value === null) return openTag;
  return openTag.replace(/^<[\w.:-]+/, (m) => `${m} ${name}="${escapeAttr(String(value))}"`);
}

/** The children of CT_Worksheet, CT_Stylesheet and CT_Workbook in schema order (ECMA-376 Part 1, §18.3.1.99, §18.8.39, §18.2.27). */
export const SCHEMA_ORDER = {
  worksheet: [
    "sheetPr", "dimension", "sheetViews", "sheetFormatPr", "cols", "sheetData", "sheetCalcPr", "sheetProtection", "protectedRanges", "scenarios",
    "autoFilter", "sortState", "dataConsolidate", "customSheetViews", "mergeCells", "phoneticPr", "conditionalFormatting", "dataValidations",
    "hyperlinks", "printOptions", "pageMargins", "pageSetup", "headerFooter", "rowBreaks", "colBreaks", "customProperties", "cellWatches",
    "ignoredErrors", "smartTags", "drawing", "legacyDrawing", "legacyDrawingHF", "drawingHF", "picture", "oleObjects", "controls",
    "webPublishItems", "tableParts", "extLst",
  ],
  stylesheet: ["numFmts", "fonts", "fills", "borders", "cellStyleXfs", "cellXfs", "cellStyles", "dxfs", "tableStyles", "colors", "extLst"],
  workbook: [
    "fileVersion", "fileSharing", "workbookPr", "workbookProtection", "bookViews", "sheets", "functionGroups", "externalReferences",
    "definedNames", "calcPr", "oleSize", "customWorkbookViews", "pivotCaches", "smartTagPr", "smartTagTypes", "webPublishing",
    "fileRecoveryPr", "webPublishObjects", "extLst",
  ],
} as const;

export type SchemaOrder = readonly string[];

/** Where a new child `local` goes among existing children (by local name, with offsets): before the
 * first one the schema puts after it, or null for "at the end". */
export function schemaPlace<T extends { local: string; start: number }>(order: SchemaOrder, present: readonly T[], local: string): number | null {
  const after = order.slice(order.indexOf(local) + 1);
  return present.find((c) => after.includes(c.local))?.start ?? null;
}

/** Inserts an element among a parent's children in schema order (at the end when nothing follows it). */
export function insertInSchemaOrder(xml: string, parent: XNode, order: SchemaOrder, local: string, el: string): string {
  const at = schemaPlace(order, parent.children, local);
  return at === null ? insertChild(xml, parent, el) : xml.slice(0, at) + el + xml.slice(at);
}
