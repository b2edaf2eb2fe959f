// styles.xml, edited: what the product appends and what it leaves as written. Input -> exact XML.
import { NS } from "../../../src/hosts/xlsx/ooxml";
import { minimalStylesheet } from "../../../src/hosts/xlsx/blank";
import { solidFill, Styles } from "../../../src/hosts/xlsx/styles";
import { element } from "../../../src/hosts/xlsx/writer";
import { body, packageWith } from "./support";

const FONT = `<font><sz val="11"/><name val="等线"/></font>`;
const stylesheet = (inner: string, root = `<styleSheet xmlns="${NS.main}">`, close = "</styleSheet>") => `${root}${inner}${close}`;

test("a formatCode with quotes, & and < is escaped in the numFmt we append, and read back the same", () => {
  const pkg = packageWith({ "xl/styles.xml": stylesheet(`<fonts count="1">${FONT}</fonts><cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellXfs>`) });
  const styles = new Styles(pkg);
  const code = `"第"0"名" & <1`;
  expect(styles.numberFormat(code)).toBe(164);
  styles.save();
  expect(body(pkg, "xl/styles.xml")).toBe(stylesheet(`<numFmts count="1"><numFmt numFmtId="164" formatCode="&quot;第&quot;0&quot;名&quot; &amp; &lt;1"/></numFmts><fonts count="1">${FONT}</fonts><cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellXfs>`));
  expect(new Styles(pkg).numberFormat(code)).toBe(164);
});

test("a number format the file already defines is reused under its id; a new one takes the first free id from 164", () => {
  const pkg = packageWith({ "xl/styles.xml": stylesheet(`<numFmts count="2"><numFmt numFmtId="164" formatCode="0.0"/><numFmt numFmtId="165" formatCode="yyyy-mm-dd"/></numFmts><fonts count="1">${FONT}</fonts><cellXfs count="1"><xf/></cellXfs>`) });
  const styles = new Styles(pkg);
  expect([styles.numberFormat("yyyy-mm-dd"), styles.numberFormat("@"), styles.numberFormat("0.000")]).toEqual([165, 49, 166]);
});

test("our styles in an x:-prefixed styles.xml carry the prefix, and each collection's count follows", () => {
  const root = `<x:styleSheet xmlns:x="${NS.main}">`;
  const pkg = packageWith({ "xl/styles.xml": stylesheet(`<x:fonts count="1"><x:font><x:sz val="11"/></x:font></x:fonts><x:fills count="2"><x:fill/><x:fill/></x:fills><x:cellXfs count="1"><x:xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></x:cellXfs>`, root, "</x:styleSheet>") });
  const styles = new Styles(pkg);
  expect(styles.withFill(0, solidFill("FFFFC7CE"))).toBe(1);
  styles.save();
  expect(body(pkg, "xl/styles.xml")).toBe(stylesheet(`<x:fonts count="1"><x:font><x:sz val="11"/></x:font></x:fonts><x:fills count="3"><x:fill/><x:fill/><x:fill><x:patternFill patternType="solid"><x:fgColor rgb="FFFFC7CE"/><x:bgColor indexed="64"/></x:patternFill></x:fill></x:fills><x:cellXfs count="2"><x:xf numFmtId="0" fontId="0" fillId="0" borderId="0"/><x:xf applyFill="1" numFmtId="0" fontId="0" fillId="2" borderId="0"/></x:cellXfs>`, root, "</x:styleSheet>"));
});

test("a mark's cell format is the user's format with only fillId and applyFill changed (in place, rest as written)", () => {
  const pkg = packageWith({ "xl/styles.xml": stylesheet(`<fonts count="1">${FONT}</fonts><fills count="2"><fill/><fill/></fills><cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/><xf numFmtId="49" fontId="0" fillId="1" borderId="0" applyFill="0" applyNumberFormat="1"><alignment wrapText="1"/></xf></cellXfs>`) });
  const styles = new Styles(pkg);
  const marked = styles.withFill(1, solidFill("FFFFEB9C"));
  expect(styles.xf(marked)).toBe(`<xf numFmtId="49" fontId="0" fillId="2" borderId="0" applyFill="1" applyNumberFormat="1"><alignment wrapText="1"/></xf>`);
  expect(styles.withFill(1, solidFill("FFFFEB9C"))).toBe(marked);
  expect(styles.fillOf(marked)).toBe(solidFill("FFFFEB9C"));
});

test("a collection the file lacks is added in CT_Stylesheet order (numFmts first, borders before cellXfs)", () => {
  const pkg = packageWith({ "xl/styles.xml": stylesheet(`<fonts count="1">${FONT}</fonts><cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>`) });
  const styles = new Styles(pkg);
  const id = styles.styleOf("date");
  styles.save();
  const xml = body(pkg, "xl/styles.xml");
  expect(xml.indexOf("<numFmts")).toBe(xml.indexOf(">") + 1);
  expect(xml.indexOf("<borders")).toBeLessThan(xml.indexOf("<cellXfs"));
  expect(xml).toContain(`<borders count="1"><border><left style="thin"><color rgb="FF808080"/></left><right style="thin"><color rgb="FF808080"/></right><top style="thin"><color rgb="FF808080"/></top><bottom style="thin"><color rgb="FF808080"/></bottom><diagonal/></border></borders>`);
  expect(styles.xf(id)).toBe(`<xf numFmtId="164" fontId="1" fillId="0" borderId="0" xfId="0" applyNumberFormat="1" applyFont="1" applyBorder="1"/>`);
});

test("a package without styles gets the minimal one (Calibri, no named style) with its relationship and content type", () => {
  const pkg = packageWith();
  pkg.remove("xl/styles.xml");
  pkg.set("xl/_rels/workbook.xml.rels", `<Relationships xmlns="${NS.pkgRel}"></Relationships>`);
  new Styles(pkg).save();
  expect(pkg.text("xl/styles.xml")).toBe(minimalStylesheet(element("font", null, `<sz val="11"/><name val="Calibri"/>`), false));
  expect(body(pkg, "xl/_rels/workbook.xml.rels")).toContain(`Target="styles.xml"`);
  expect(minimalStylesheet(FONT, false)).toBe(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<styleSheet xmlns="${NS.main}"><fonts count="1">${FONT}</fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs></styleSheet>`);
});

test("a new workbook's styles.xml has 等线 and the 常规 named style", () => {
  expect(packageWith().text("xl/styles.xml")).toContain(`<fonts count="1"><font><sz val="11"/><name val="等线"/><family val="2"/><charset val="134"/></font></fonts>`);
  expect(packageWith().text("xl/styles.xml")).toContain(`<cellStyles count="1"><cellStyle name="常规" xfId="0" builtinId="0"/></cellStyles></styleSheet>`);
});
