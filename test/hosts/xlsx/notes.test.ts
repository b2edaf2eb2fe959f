// Cell notes: commentsN.xml + a VML drawing; a user's note gets our text as a run of its own. Input -> exact XML.
import { addNotes, removeNotes } from "../../../src/hosts/xlsx/notes";
import { NS } from "../../../src/hosts/xlsx/ooxml";
import { body, packageWith } from "./support";

const SHEET = "xl/worksheets/sheet1.xml";
const RUN = (t: string, p = "") => `<${p}r><${p}rPr><${p}sz val="9"/><${p}rFont val="宋体"/><${p}charset val="134"/></${p}rPr><${p}t xml:space="preserve">${t}</${p}t></${p}r>`;

test("a sheet without notes gets a comments part with our author, a VML drawing, both relationships and the rel id for legacyDrawing", () => {
  const pkg = packageWith({ [SHEET]: `<worksheet xmlns="${NS.main}"><sheetData/></worksheet>` });
  const r = addNotes(pkg, SHEET, [{ row: 2, col: 1, text: "课证：a<b & \"c\"" }]);
  expect(r).toEqual({ created: [{ row: 2, col: 1 }], appended: [], legacyDrawing: "rId2" });
  expect(body(pkg, "xl/comments1.xml")).toBe(`<comments xmlns="${NS.main}"><authors><author>课证</author></authors><commentList><comment ref="B3" authorId="0"><text>${RUN("课证：a&lt;b &amp; \"c\"")}</text></comment></commentList></comments>`);
  expect(body(pkg, "xl/worksheets/_rels/sheet1.xml.rels")).toBe(`<Relationships xmlns="${NS.pkgRel}"><Relationship Id="rId1" Type="${NS.rel}/comments" Target="../comments1.xml"/><Relationship Id="rId2" Type="${NS.rel}/vmlDrawing" Target="../drawings/vmlDrawing1.vml"/></Relationships>`);
  expect(pkg.text("xl/drawings/vmlDrawing1.vml")).toMatch(/<o:idmap v:ext="edit" data="1"\/>.*<v:shape id="_x0000_s1025".*<x:Row>2<\/x:Row><x:Column>1<\/x:Column>/s);
});

test("a user's note in an x:-prefixed comments part gets our text as a separate run, in the part's prefix; our author is added after theirs", () => {
  const comments = `<x:comments xmlns:x="${NS.main}"><x:authors><x:author>老师</x:author></x:authors><x:commentList><x:comment ref="A1" authorId="0"><x:text><x:t>家长确认</x:t></x:text></x:comment></x:commentList></x:comments>`;
  const pkg = packageWith({ [SHEET]: `<worksheet xmlns="${NS.main}"><sheetData/></worksheet>`, "xl/comments1.xml": comments, "xl/drawings/vmlDrawing1.vml": `<xml xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office"><o:shapelayout v:ext="edit"><o:idmap v:ext="edit" data="1"/></o:shapelayout></xml>` });
  pkg.addRel(SHEET, `${NS.rel}/comments`, "xl/comments1.xml");
  pkg.addRel(SHEET, `${NS.rel}/vmlDrawing`, "xl/drawings/vmlDrawing1.vml");
  const r = addNotes(pkg, SHEET, [{ row: 0, col: 0, text: "课证：x" }]);
  expect(r).toEqual({ created: [], appended: [{ row: 0, col: 0 }], legacyDrawing: null });
  expect(body(pkg, "xl/comments1.xml")).toBe(`<x:comments xmlns:x="${NS.main}"><x:authors><x:author>老师</x:author><x:author>课证</x:author></x:authors><x:commentList><x:comment ref="A1" authorId="0"><x:text><x:t>家长确认</x:t>${RUN("\n课证：x", "x:")}</x:text></x:comment></x:commentList></x:comments>`);

  // Clear: our run goes, the user's note and author stay; our author, now unused, goes.
  removeNotes(pkg, SHEET, [], ["A1"]);
  expect(body(pkg, "xl/comments1.xml")).toBe(comments);
});

test("removing our own notes removes the parts and relationships we made, and says which VML relationship went (for legacyDrawing)", () => {
  const pkg = packageWith({ [SHEET]: `<worksheet xmlns="${NS.main}"><sheetData/></worksheet>` });
  addNotes(pkg, SHEET, [{ row: 0, col: 0, text: "课证：y" }]);
  expect(removeNotes(pkg, SHEET, ["A1"], [])).toEqual({ vmlRelRemoved: "rId2" });
  expect([pkg.has("xl/comments1.xml"), pkg.has("xl/drawings/vmlDrawing1.vml"), pkg.has("xl/worksheets/_rels/sheet1.xml.rels")]).toEqual([false, false, false]);
});

test("a note at a cell that is no longer ours (the user's own note moved there) is not removed", () => {
  const pkg = packageWith({ [SHEET]: `<worksheet xmlns="${NS.main}"><sheetData/></worksheet>` });
  addNotes(pkg, SHEET, [{ row: 0, col: 0, text: "她自己的批注" }]);
  removeNotes(pkg, SHEET, ["A1"], []);
  expect(body(pkg, "xl/comments1.xml")).toContain("她自己的批注");
});
