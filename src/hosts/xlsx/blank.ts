// The parts of a new workbook (template, demo, merge) and the smallest styles.xml, written by the
// element writer.
import { CONTENT_TYPE, NS, REL, XML_DECLARATION } from "./ooxml";
import { element } from "./writer";

/** The smallest styles.xml Excel opens: one font (given), no fill, the gray125 fill Excel reserves,
 * no border, one cell format; with the 常规 named style or without. A new workbook (template, demo,
 * merge) gets 等线 and 常规; a user's package that came without styles gets Calibri and no named style. */
export function minimalStylesheet(font: string, namedStyle: boolean): string {
  const xf = { numFmtId: 0, fontId: 0, fillId: 0, borderId: 0 };
  const fill = (patternType: string) => element("fill", null, element("patternFill", { patternType }));
  return XML_DECLARATION + element("styleSheet", { xmlns: NS.main }, element("fonts", { count: 1 }, font)
    + element("fills", { count: 2 }, fill("none") + fill("gray125"))
    + element("borders", { count: 1 }, element("border", null, ["left", "right", "top", "bottom", "diagonal"].map((e) => element(e)).join("")))
    + element("cellStyleXfs", { count: 1 }, element("xf", xf))
    + element("cellXfs", { count: 1 }, element("xf", { ...xf, xfId: 0 }))
    + (namedStyle ? element("cellStyles", { count: 1 }, element("cellStyle", { name: "常规", xfId: 0, builtinId: 0 })) : ""));
}

const rel = (Id: string, Type: string, Target: string) => element("Relationship", { Id, Type, Target });
const override = (part: string, contentType: string) => element("Override", { PartName: `/${part}`, ContentType: contentType });
export const BLANK_PARTS: Record<string, string> = {
  "[Content_Types].xml": XML_DECLARATION + element("Types", { xmlns: NS.contentTypes }, element("Default", { Extension: "rels", ContentType: CONTENT_TYPE.relationships })
    + element("Default", { Extension: "xml", ContentType: CONTENT_TYPE.xml }) + override("xl/workbook.xml", CONTENT_TYPE.workbook) + override("xl/styles.xml", CONTENT_TYPE.styles)
    + override("docProps/core.xml", CONTENT_TYPE.coreProperties) + override("docProps/app.xml", CONTENT_TYPE.extendedProperties)),
  "_rels/.rels": XML_DECLARATION + element("Relationships", { xmlns: NS.pkgRel }, rel("rId1", REL.officeDocument, "xl/workbook.xml")
    + rel("rId2", REL.coreProperties, "docProps/core.xml") + rel("rId3", REL.extendedProperties, "docProps/app.xml")),
  "docProps/app.xml": XML_DECLARATION + element("Properties", { xmlns: NS.extendedProperties }, element("Application", null, "Kezheng")),
  "docProps/core.xml": XML_DECLARATION + element("cp:coreProperties", { "xmlns:cp": NS.coreProperties, "xmlns:dc": NS.dc, "xmlns:dcterms": NS.dcterms, "xmlns:xsi": NS.xsi }, element("dc:creator", null, "课证")),
  "xl/workbook.xml": XML_DECLARATION + element("workbook", { xmlns: NS.main, "xmlns:r": NS.rel }, `${element("workbookPr")}${element("bookViews", null, element("workbookView"))}${element("sheets", null, "")}${element("calcPr", { calcId: 191029 })}`),
  "xl/_rels/workbook.xml.rels": XML_DECLARATION + element("Relationships", { xmlns: NS.pkgRel }, rel("rId1", REL.styles, "styles.xml")),
  // A new workbook's default font is the one Excel gives Chinese workbooks, with the 常规 named style.
  "xl/styles.xml": minimalStylesheet(element("font", null, `${element("sz", { val: 11 })}${element("name", { val: "等线" })}${element("family", { val: 2 })}${element("charset", { val: 134 })}`), true),
};
