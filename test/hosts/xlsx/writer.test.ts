// The element writer: every element the file layer writes goes through it, so these are the rules
// of every part we write (escaping, self-closing, prefixes, setting one attribute, schema order).
import { NS } from "../../../src/hosts/xlsx/ooxml";
import { attrsText, element, elementsIn, insertInSchemaOrder, SCHEMA_ORDER, setAttr, withPrefix } from "../../../src/hosts/xlsx/writer";
import { parseTree } from "../../../src/hosts/xlsx/xml";

test("an attribute with & < > \" round-trips: escaped when written, the same when read", () => {
  const value = `A&B <C> "D" 'E'`;
  const xml = element("a", { v: value });
  expect(xml).toBe(`<a v="A&amp;B &lt;C&gt; &quot;D&quot; 'E'"/>`);
  expect(parseTree(xml).attrs.v).toBe(value);
});

test("control characters in an attribute are written the OOXML way (_xHHHH_), line breaks as character references", () => {
  expect(attrsText({ v: "a\u0001b", w: "x\ny\tz\r" })).toBe(` v="a_x0001_b" w="x&#10;y&#9;z&#13;"`);
  expect(parseTree(element("a", { w: "x\ny" })).attrs.w).toBe("x\ny");
});

test("without content an element is self-closing; empty content gives an open and a close tag", () => {
  expect(element("sheets")).toBe("<sheets/>");
  expect(element("sheets", null, "")).toBe("<sheets></sheets>");
  expect(element("t", { "xml:space": "preserve" }, "a &amp; b")).toBe(`<t xml:space="preserve">a &amp; b</t>`);
});

test("undefined and null attributes are left out, numbers written as they are, in the order given", () => {
  expect(element("xf", { numFmtId: 0, fontId: undefined, fillId: 2, applyFill: null, xfId: 0 })).toBe(`<xf numFmtId="0" fillId="2" xfId="0"/>`);
});

test("elementsIn applies a part's prefix once, to the elements made with it", () => {
  const el = elementsIn("x:");
  expect(el("row", { r: 3 }, el("c", { r: "A3" }))).toBe(`<x:row r="3"><x:c r="A3"/></x:row>`);
  expect(elementsIn("")("row", { r: 3 })).toBe(`<row r="3"/>`);
});

test("withPrefix gives unprefixed elements the part's prefix and leaves prefixed ones as they are", () => {
  expect(withPrefix(`<font><b/><sz val="9"/></font><x14:foo/>`, "x:")).toBe(`<x:font><x:b/><x:sz val="9"/></x:font><x14:foo/>`);
  expect(withPrefix(`<font/>`, "")).toBe(`<font/>`);
});

test("setAttr replaces a value where it stands and keeps the rest of the tag as written", () => {
  expect(setAttr(`<c r="A1"  s="3" t="s">`, "s", 5)).toBe(`<c r="A1"  s="5" t="s">`);
  expect(setAttr(`<c\nr="A1"\ns="3">`, "s", 5)).toBe(`<c\nr="A1"\ns="5">`);
});

test("setAttr with null removes the attribute with the space before it; absent, nothing changes", () => {
  expect(setAttr(`<c r="A1" s="3" t="s">`, "s", null)).toBe(`<c r="A1" t="s">`);
  expect(setAttr(`<c r="A1">`, "s", null)).toBe(`<c r="A1">`);
});

test("setAttr on a single-quoted attribute replaces it (never a second attribute of the same name)", () => {
  expect(setAttr(`<c r='A1' s='3'>`, "s", 7)).toBe(`<c r='A1' s="7">`);
});

test("setAttr adds a missing attribute right after the (prefixed) element name, escaped", () => {
  expect(setAttr(`<x:xf numFmtId="0"/>`, "fillId", 2)).toBe(`<x:xf fillId="2" numFmtId="0"/>`);
  expect(setAttr(`<calcPr calcId="191029"/>`, "fullCalcOnLoad", `1"`)).toBe(`<calcPr fullCalcOnLoad="1&quot;" calcId="191029"/>`);
});

test("setAttr does not take an attribute of another namespace for the one asked (x14ac:count is not count)", () => {
  expect(setAttr(`<fonts x14ac:count="4" count="2">`, "count", 3)).toBe(`<fonts x14ac:count="4" count="3">`);
});

test("insertInSchemaOrder: cols goes before sheetData (CT_Worksheet), and at the end when nothing in the schema follows", () => {
  const sheet = `<worksheet xmlns="${NS.main}"><dimension ref="A1"/><sheetData/><pageMargins left="1"/></worksheet>`;
  expect(insertInSchemaOrder(sheet, parseTree(sheet), SCHEMA_ORDER.worksheet, "cols", "<cols/>"))
    .toBe(`<worksheet xmlns="${NS.main}"><dimension ref="A1"/><cols/><sheetData/><pageMargins left="1"/></worksheet>`);
  expect(insertInSchemaOrder(sheet, parseTree(sheet), SCHEMA_ORDER.worksheet, "extLst", "<extLst/>"))
    .toBe(`<worksheet xmlns="${NS.main}"><dimension ref="A1"/><sheetData/><pageMargins left="1"/><extLst/></worksheet>`);
});

test("insertInSchemaOrder: definedNames goes after sheets and before calcPr (CT_Workbook); numFmts first in styles (CT_Stylesheet)", () => {
  const wb = `<workbook><sheets/><calcPr/></workbook>`;
  expect(insertInSchemaOrder(wb, parseTree(wb), SCHEMA_ORDER.workbook, "definedNames", "<definedNames/>")).toBe(`<workbook><sheets/><definedNames/><calcPr/></workbook>`);
  const styles = `<styleSheet><fonts/><cellXfs/></styleSheet>`;
  expect(insertInSchemaOrder(styles, parseTree(styles), SCHEMA_ORDER.stylesheet, "numFmts", "<numFmts/>")).toBe(`<styleSheet><numFmts/><fonts/><cellXfs/></styleSheet>`);
});

test("insertInSchemaOrder into a self-closing root opens it", () => {
  const wb = `<workbook xmlns="${NS.main}"/>`;
  expect(insertInSchemaOrder(wb, parseTree(wb), SCHEMA_ORDER.workbook, "sheets", "<sheets/>")).toBe(`<workbook xmlns="${NS.main}"><sheets/></workbook>`);
});
