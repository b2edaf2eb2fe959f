// The fast reading of a worksheet: its top-level elements by namespace, and the tags of sheetData.
import { NS } from "../../../src/hosts/xlsx/ooxml";
import { attr, parseTop, scanTags, sheetLayout } from "../../../src/hosts/xlsx/sheetdata";
import { DamagedXml } from "../../../src/hosts/xlsx/xml";

test("sheetLayout finds the top-level elements with their offsets, the prefix and the relationships prefix, around sheetData", () => {
  const xml = `<x:worksheet xmlns:x="${NS.main}" xmlns:rr="${NS.rel}"><x:dimension ref="A1:B2"/><x:sheetData><x:row r="1"><x:c r="A1"/></x:row></x:sheetData><x:legacyDrawing rr:id="rId1"/></x:worksheet>`;
  const layout = sheetLayout(xml);
  expect(layout.tops.map((t) => [t.local, xml.slice(t.start, t.end)])).toEqual([
    ["dimension", `<x:dimension ref="A1:B2"/>`], ["sheetData", `<x:sheetData><x:row r="1"><x:c r="A1"/></x:row></x:sheetData>`], ["legacyDrawing", `<x:legacyDrawing rr:id="rId1"/>`],
  ]);
  expect([layout.prefix, layout.relPrefix, xml.slice(layout.dataFrom, layout.dataTo)]).toEqual(["x:", "rr", `<x:row r="1"><x:c r="A1"/></x:row>`]);
  expect(xml.slice(layout.rootCloseStart)).toBe("</x:worksheet>");
});

test("an element of another namespace with a main name is not taken for it (known by namespace, not prefix)", () => {
  const xml = `<worksheet xmlns="${NS.main}" xmlns:o="urn:other"><o:cols/><sheetData/></worksheet>`;
  expect(sheetLayout(xml).tops.map((t) => t.local)).toEqual(["?cols", "sheetData"]);
});

test("a top-level element parsed on its own keeps the root's namespaces", () => {
  const xml = `<x:worksheet xmlns:x="${NS.main}"><x:cols><x:col min="1" max="2"/></x:cols><x:sheetData/></x:worksheet>`;
  const layout = sheetLayout(xml);
  const cols = parseTop(xml, layout, layout.tops[0]);
  expect([cols.local, cols.uri, cols.children[0].attrs]).toEqual(["cols", NS.main, { min: "1", max: "2" }]);
});

test("outside sheetData, XML that is not well formed is DamagedXml naming the part", () => {
  expect(() => sheetLayout(`<worksheet xmlns="${NS.main}"><cols><sheetData/></worksheet>`, "xl/worksheets/sheet2.xml")).toThrow(DamagedXml);
  expect(() => sheetLayout(`<worksheet xmlns="${NS.main}"><dimension ref=A1/><sheetData/></worksheet>`, "p")).toThrow(expect.objectContaining({ part: "p", defect: "notXml" }));
});

test("scanTags: a > inside a quoted value does not end the tag; self-closing tags close at once; attr reads either quote", () => {
  const seen: string[] = [];
  const xml = `<row r="1"><c r="A1" t='s' x:a="1>2"><v>3</v></c><c r="B1"/></row>`;
  scanTags(xml, 0, xml.length, {
    open: (name, attrs, _s, _e, selfClosing) => seen.push(`+${name}${selfClosing ? "/" : ""}:${attr(attrs, "r") ?? ""}${attr(attrs, "t") ?? ""}`),
    close: (name) => seen.push(`-${name}`),
  });
  expect(seen).toEqual(["+row:1", "+c:A1s", "+v:", "-v", "-c", "+c/:B1", "-c", "-row"]);
  expect(attr(` xr:r="9" r="2"`, "r")).toBe("2");
});
