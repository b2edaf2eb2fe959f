// workbook.xml, edited: sheets, defined names, calcPr. Input -> exact XML.
import { addDefinedName, addSheet, definedNames, removeSheet, setFullCalcOnLoad } from "../../../src/hosts/xlsx/book";
import { NS } from "../../../src/hosts/xlsx/ooxml";
import { body, packageWith } from "./support";

const workbook = (inner: string, root = `<workbook xmlns="${NS.main}" xmlns:r="${NS.rel}">`, close = "</workbook>") => `${root}${inner}${close}`;
const RELS = `<Relationships xmlns="${NS.pkgRel}"><Relationship Id="rId1" Type="${NS.rel}/styles" Target="styles.xml"/></Relationships>`;

test("a sheet is added at the end with the next sheetId, its relationship (the first free rId), part and content type", () => {
  const pkg = packageWith({ "xl/workbook.xml": workbook(`<sheets><sheet name="花名册" sheetId="3" r:id="rId9"/></sheets>`), "xl/_rels/workbook.xml.rels": RELS });
  pkg.set("xl/worksheets/sheet1.xml", "<worksheet/>");
  expect(addSheet(pkg, `A&B "x"`, true)).toBe("xl/worksheets/sheet2.xml");
  expect(body(pkg, "xl/workbook.xml")).toBe(workbook(`<sheets><sheet name="花名册" sheetId="3" r:id="rId9"/><sheet name="A&amp;B &quot;x&quot;" sheetId="4" state="hidden" r:id="rId2"/></sheets>`));
  expect(body(pkg, "xl/_rels/workbook.xml.rels")).toBe(RELS.replace("</Relationships>", `<Relationship Id="rId2" Type="${NS.rel}/worksheet" Target="worksheets/sheet2.xml"/></Relationships>`));
  expect(pkg.text("[Content_Types].xml")).toContain(`<Override PartName="/xl/worksheets/sheet2.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>`);
});

test("a workbook with x: elements and another prefix for relationships: what we add uses both as written", () => {
  const root = `<x:workbook xmlns:x="${NS.main}" xmlns:rel="${NS.rel}">`;
  const pkg = packageWith({ "xl/workbook.xml": workbook(`<x:sheets/><x:calcPr/>`, root, "</x:workbook>"), "xl/_rels/workbook.xml.rels": RELS });
  addSheet(pkg, "表", false);
  addDefinedName(pkg, "_xlnm.Print_Area", 0, "'表'!$A$1:$B$2");
  expect(body(pkg, "xl/workbook.xml")).toBe(workbook(`<x:sheets><x:sheet name="表" sheetId="1" rel:id="rId2"/></x:sheets><x:definedNames><x:definedName name="_xlnm.Print_Area" localSheetId="0">'表'!$A$1:$B$2</x:definedName></x:definedNames><x:calcPr/>`, root, "</x:workbook>"));
});

test("a workbook that declares no relationships prefix gets r: declared on the sheet element", () => {
  const pkg = packageWith({ "xl/workbook.xml": `<workbook xmlns="${NS.main}"><sheets/></workbook>`, "xl/_rels/workbook.xml.rels": RELS });
  addSheet(pkg, "S", false);
  expect(body(pkg, "xl/workbook.xml")).toBe(`<workbook xmlns="${NS.main}"><sheets><sheet name="S" sheetId="1" xmlns:r="${NS.rel}" r:id="rId2"/></sheets></workbook>`);
});

test("definedNames goes after sheets and before calcPr when the workbook has none; a formula's & < > are escaped", () => {
  const pkg = packageWith({ "xl/workbook.xml": workbook(`<sheets/><calcPr calcId="1"/>`) });
  addDefinedName(pkg, "n", null, `IF(A1<2,"a&b",">")`);
  expect(body(pkg, "xl/workbook.xml")).toBe(workbook(`<sheets/><definedNames><definedName name="n">IF(A1&lt;2,"a&amp;b","&gt;")</definedName></definedNames><calcPr calcId="1"/>`));
  expect(definedNames(pkg)).toEqual([{ name: "n", local: null, text: `IF(A1<2,"a&b",">")` }]);
});

test("removing a sheet takes its local names, moves the later ones down one, and keeps activeTab on a sheet that exists", () => {
  const pkg = packageWith({
    "xl/workbook.xml": workbook(`<bookViews><workbookView activeTab="2" firstSheet="1"/></bookViews><sheets><sheet name="a" sheetId="1" r:id="rId2"/><sheet name="b" sheetId="2" r:id="rId3"/><sheet name="c" sheetId="3" r:id="rId4"/></sheets><definedNames><definedName name="x" localSheetId="1">b!A1</definedName><definedName name="y" localSheetId="2">c!A1</definedName></definedNames>`),
    "xl/_rels/workbook.xml.rels": RELS.replace("</Relationships>", `<Relationship Id="rId3" Type="${NS.rel}/worksheet" Target="worksheets/sheet2.xml"/></Relationships>`),
    "xl/worksheets/sheet2.xml": `<worksheet xmlns="${NS.main}"/>`,
  });
  expect(removeSheet(pkg, "b")).toBe(true);
  expect(body(pkg, "xl/workbook.xml")).toBe(workbook(`<bookViews><workbookView activeTab="1" firstSheet="1"/></bookViews><sheets><sheet name="a" sheetId="1" r:id="rId2"/><sheet name="c" sheetId="3" r:id="rId4"/></sheets><definedNames><definedName name="y" localSheetId="1">c!A1</definedName></definedNames>`));
  expect(pkg.has("xl/worksheets/sheet2.xml")).toBe(false);
  expect(body(pkg, "xl/_rels/workbook.xml.rels")).toBe(RELS);
  expect(removeSheet(pkg, "b")).toBe(false);
});

test("fullCalcOnLoad is set in place, added to a calcPr without it, removed with null, and a calcPr made in schema order", () => {
  const pkg = packageWith({ "xl/workbook.xml": workbook(`<sheets/><calcPr calcId="191029" fullCalcOnLoad="0"/>`) });
  setFullCalcOnLoad(pkg, "1");
  expect(body(pkg, "xl/workbook.xml")).toBe(workbook(`<sheets/><calcPr calcId="191029" fullCalcOnLoad="1"/>`));
  setFullCalcOnLoad(pkg, null);
  expect(body(pkg, "xl/workbook.xml")).toBe(workbook(`<sheets/><calcPr calcId="191029"/>`));
  setFullCalcOnLoad(pkg, "1");
  expect(body(pkg, "xl/workbook.xml")).toBe(workbook(`<sheets/><calcPr fullCalcOnLoad="1" calcId="191029"/>`));
  const bare = packageWith({ "xl/workbook.xml": workbook(`<sheets/><extLst/>`) });
  setFullCalcOnLoad(bare, "1");
  expect(body(bare, "xl/workbook.xml")).toBe(workbook(`<sheets/><calcPr fullCalcOnLoad="1"/><extLst/>`));
});
