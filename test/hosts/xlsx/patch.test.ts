// Patching a user's worksheet: input XML -> the exact XML written. Each test is one rule of patch.ts.
import { NS } from "../../../src/hosts/xlsx/ooxml";
import { changeOfCell, patchSheet, scanSheet, type CellEdit, type ExistingCell, type SheetEdits } from "../../../src/hosts/xlsx/patch";
import { DamagedXml } from "../../../src/hosts/xlsx/xml";

const sheet = (body: string, root = `<worksheet xmlns="${NS.main}">`, close = "</worksheet>") => `${root}${body}${close}`;
const patched = (xml: string, edits: Partial<SheetEdits>) => [...patchSheet(() => xml, { cells: new Map(), ...edits })()].join("");
const cells = (...list: [number, number, CellEdit][]) => {
  const m = new Map<number, Map<number, CellEdit>>();
  for (const [r, c, e] of list) m.set(r, (m.get(r) ?? new Map()).set(c, e));
  return m;
};
const styleTo = (s: number | null): CellEdit => ({ kind: "style", to: () => s });
const write = (text: string): CellEdit => ({ kind: "write", xml: () => text });

test("a restyled cell keeps everything it holds; only s changes", () => {
  const xml = sheet(`<sheetData><row r="1"><c r="A1" s="2" t="s"><v>0</v></c></row></sheetData>`);
  expect(patched(xml, { cells: cells([0, 0, styleTo(7)]) })).toBe(sheet(`<sheetData><row r="1"><c r="A1" s="7" t="s"><v>0</v></c></row></sheetData>`));
});

test("style 0 removes s from a cell that holds a value", () => {
  const xml = sheet(`<sheetData><row r="1"><c r="A1" s="2"><v>5</v></c></row></sheetData>`);
  expect(patched(xml, { cells: cells([0, 0, styleTo(0)]) })).toBe(sheet(`<sheetData><row r="1"><c r="A1"><v>5</v></c></row></sheetData>`));
});

test("a cell without r gets one when its row is edited, and so do its neighbours without one", () => {
  const xml = sheet(`<sheetData><row r="1"><c><v>1</v></c><c><v>2</v></c></row></sheetData>`);
  expect(patched(xml, { cells: cells([0, 1, styleTo(5)]) })).toBe(sheet(`<sheetData><row r="1"><c r="A1"><v>1</v></c><c r="B1" s="5"><v>2</v></c></row></sheetData>`));
});

test("a row without r gets one when it is edited (rows inserted before it cannot shift it); a new s goes right after the name", () => {
  const xml = sheet(`<sheetData><row><c r="A1"><v>1</v></c></row></sheetData>`);
  expect(patched(xml, { cells: cells([0, 0, styleTo(4)]) })).toBe(sheet(`<sheetData><row r="1"><c s="4" r="A1"><v>1</v></c></row></sheetData>`));
});

test("a single-quoted s is replaced, never doubled", () => {
  const xml = sheet(`<sheetData><row r='1'><c r='A1' s='2'><v>1</v></c></row></sheetData>`);
  expect(patched(xml, { cells: cells([0, 0, styleTo(9)]) })).toBe(sheet(`<sheetData><row r='1'><c r='A1' s="9"><v>1</v></c></row></sheetData>`));
});

test("an empty cell whose style goes back to none is removed; one the user has typed into since stays", () => {
  const xml = sheet(`<sheetData><row r="1"><c r="A1" s="3"/><c r="B1" s="3"><v>8</v></c></row></sheetData>`);
  expect(patched(xml, { cells: cells([0, 0, styleTo(null)], [0, 1, styleTo(null)]) })).toBe(sheet(`<sheetData><row r="1"><c r="B1"><v>8</v></c></row></sheetData>`));
});

test("new cells go in column order among the row's cells; missing rows in row order", () => {
  const xml = sheet(`<sheetData><row r="2"><c r="A2"><v>1</v></c><c r="D2"><v>4</v></c></row><row r="5"><c r="A5"/></row></sheetData>`);
  const out = patched(xml, { cells: cells([1, 2, write(`<c r="C2"/>`)], [1, 5, write(`<c r="F2"/>`)], [2, 0, write(`<c r="A3"/>`)], [6, 1, write(`<c r="B7"/>`)]) });
  expect(out).toBe(sheet(`<sheetData><row r="2"><c r="A2"><v>1</v></c><c r="C2"/><c r="D2"><v>4</v></c><c r="F2"/></row><row r="3"><c r="A3"/></row><row r="5"><c r="A5"/></row><row r="7"><c r="B7"/></row></sheetData>`));
});

test("a style edit on a cell the sheet lacks makes the cell with r and s", () => {
  const xml = sheet(`<sheetData><row r="1"/></sheetData>`);
  expect(patched(xml, { cells: cells([0, 2, styleTo(6)]) })).toBe(sheet(`<sheetData><row r="1"><c r="C1" s="6"/></row></sheetData>`));
});

test("a removed cell goes with everything it held", () => {
  const xml = sheet(`<sheetData><row r="1"><c r="A1"><f>1+1</f><v>2</v></c><c r="B1"/></row></sheetData>`);
  expect(patched(xml, { cells: cells([0, 0, { kind: "remove" }]) })).toBe(sheet(`<sheetData><row r="1"><c r="B1"/></row></sheetData>`));
});

test("cols goes before sheetData when the sheet has none; neighbouring equal columns share one <col>", () => {
  const xml = sheet(`<dimension ref="A1"/><sheetData/>`);
  const cols = new Map([[1, { width: "12", customWidth: "1" }], [2, { width: "12", customWidth: "1" }]]);
  expect(patched(xml, { cols })).toBe(sheet(`<dimension ref="A1"/><cols><col min="2" max="3" width="12" customWidth="1"/></cols><sheetData/>`));
});

test("a column set inside a user's range splits it, keeping the user's attributes on both sides", () => {
  const xml = sheet(`<cols><col min="1" max="5" width="9" style="3"/></cols><sheetData/>`);
  expect(patched(xml, { cols: new Map([[2, { width: "20" }]]) })).toBe(sheet(`<cols><col min="1" max="2" width="9" style="3"/><col min="3" max="3" width="20"/><col min="4" max="5" width="9" style="3"/></cols><sheetData/>`));
});

test("an empty <sheetData/> given rows and a new <cols> at once: cols first, then the rows (no overlapping edits)", () => {
  const xml = sheet(`<sheetData/>`);
  expect(patched(xml, { cells: cells([0, 0, styleTo(2)]), cols: new Map([[0, { width: "5" }]]) })).toBe(sheet(`<cols><col min="1" max="1" width="5"/></cols><sheetData><row r="1"><c r="A1" s="2"/></row></sheetData>`));
});

test("an x:-prefixed sheet keeps its prefix on what we add (rows, cells, cols, sheetData, legacyDrawing)", () => {
  const root = `<x:worksheet xmlns:x="${NS.main}" xmlns:r="${NS.rel}">`;
  const xml = sheet(`<x:sheetData/><x:pageMargins left="1"/>`, root, "</x:worksheet>");
  const out = patched(xml, { cells: cells([1, 1, styleTo(3)]), cols: new Map([[0, { width: "5" }]]), legacyDrawing: "rId4" });
  expect(out).toBe(sheet(`<x:cols><x:col min="1" max="1" width="5"/></x:cols><x:sheetData><x:row r="2"><x:c r="B2" s="3"/></x:row></x:sheetData><x:pageMargins left="1"/><x:legacyDrawing r:id="rId4"/>`, root, "</x:worksheet>"));
});

test("legacyDrawing uses the relationships prefix the sheet declares, or declares one itself", () => {
  const declared = sheet(`<sheetData/>`, `<worksheet xmlns="${NS.main}" xmlns:rel="${NS.rel}">`);
  expect(patched(declared, { legacyDrawing: "rId2" })).toBe(sheet(`<sheetData/><legacyDrawing rel:id="rId2"/>`, `<worksheet xmlns="${NS.main}" xmlns:rel="${NS.rel}">`));
  expect(patched(sheet(`<sheetData/><tableParts count="0"/>`), { legacyDrawing: "rId2" })).toBe(sheet(`<sheetData/><legacyDrawing xmlns:r="${NS.rel}" r:id="rId2"/><tableParts count="0"/>`));
});

test("legacyDrawing null removes the element; dimension is replaced, not added", () => {
  const xml = sheet(`<dimension ref="A1:B2"/><sheetData/><legacyDrawing r:id="rId1" xmlns:r="${NS.rel}"/>`);
  expect(patched(xml, { legacyDrawing: null, dimension: "A1:Z9" })).toBe(sheet(`<dimension ref="A1:Z9"/><sheetData/>`));
  expect(patched(sheet(`<sheetData/>`), { dimension: "A1:Z9" })).toBe(sheet(`<sheetData/>`));
});

test("what is not edited stays byte for byte (comments, odd spacing, extLst)", () => {
  const xml = sheet(`<sheetData><!-- a --><row r="1" spans="1:2"  x14ac:dyDescent="0.2"><c r="A1"><v>1</v></c></row></sheetData><extLst><ext uri="{X}"/></extLst>`, `<worksheet xmlns="${NS.main}" xmlns:x14ac="urn:x">`);
  expect(patched(xml, { cells: cells([0, 1, write(`<c r="B1"/>`)]) })).toBe(xml.replace(`<v>1</v></c>`, `<v>1</v></c><c r="B1"/>`));
});

test("a worksheet without sheetData is a damaged part (DamagedXml naming it), not an internal error", () => {
  expect(() => patchSheet(() => sheet(`<dimension ref="A1"/>`), { cells: new Map() }, "xl/worksheets/sheet3.xml")).toThrow(DamagedXml);
  try {
    patchSheet(() => sheet(""), { cells: new Map() }, "xl/worksheets/sheet3.xml");
  } catch (e) {
    expect(e).toMatchObject({ part: "xl/worksheets/sheet3.xml", defect: "noSheetData" });
  }
});

test("an x:-prefixed sheet's own <x:cols> is read in the root's namespaces and rewritten with the prefix", () => {
  const root = `<x:worksheet xmlns:x="${NS.main}">`;
  const xml = sheet(`<x:cols><x:col min="1" max="3" width="9"/></x:cols><x:sheetData/>`, root, "</x:worksheet>");
  expect(patched(xml, { cols: new Map([[1, { width: "20" }]]) })).toBe(sheet(`<x:cols><x:col min="1" max="1" width="9"/><x:col min="2" max="2" width="20"/><x:col min="3" max="3" width="9"/></x:cols><x:sheetData/>`, root, "</x:worksheet>"));
});

test("scanSheet reads the columns, the dimension, the largest shared formula index and the prefix", () => {
  const scan = scanSheet(sheet(`<x:dimension ref="A1:C3"/><x:cols><x:col min="2" max="4" width="7"/></x:cols><x:sheetData><x:row r="1"><x:c r="A1"><x:f t="shared" si="4" ref="A1:A3">1</x:f></x:c></x:row></x:sheetData>`, `<x:worksheet xmlns:x="${NS.main}">`, "</x:worksheet>"));
  expect([scan.cols(2), scan.cols(0), scan.dimension, scan.maxSharedIndex, scan.prefix]).toEqual([{ width: "7" }, null, "A1:C3", 4, "x:"]);
});

describe("the rule for one existing cell (changeOfCell)", () => {
  const at = (openTag: string, element = `${openTag}<v>1</v></c>`, more: Partial<ExistingCell> = {}): ExistingCell => ({ row: 4, col: 2, openTag, element, hasRef: true, style: 3, ...more });

  test("no edit: left as written, or given the r it lacks", () => {
    expect(changeOfCell(at(`<c r="C5">`), undefined)).toBeNull();
    expect(changeOfCell(at(`<c>`, "", { hasRef: false }), undefined)).toEqual({ insertRef: ` r="C5"` });
  });

  test("a write replaces the element with what the edit makes from the cell's style", () => {
    const change = changeOfCell(at(`<c r="C5" s="3">`), { kind: "write", xml: (s) => `<c r="C5" s="${s}"/>` });
    expect(change && "text" in change && change.replace).toBe("element");
    expect(change && "text" in change && typeof change.text === "function" && change.text()).toBe(`<c r="C5" s="3"/>`);
  });

  test("a restyle gets the cell's style and whether it exists, and changes the opening tag only", () => {
    const seen: [number, boolean][] = [];
    const edit: CellEdit = { kind: "style", to: (s, exists) => (seen.push([s, exists]), 8) };
    expect(changeOfCell(at(`<c r="C5" s="3" t="n">`), edit)).toEqual({ replace: "openTag", text: `<c r="C5" s="8" t="n">` });
    expect(seen).toEqual([[3, true]]);
    expect(changeOfCell(at(`<c s="3">`, `<c s="3"><v>1</v></c>`, { hasRef: false }), edit)).toEqual({ replace: "openTag", text: `<c r="C5" s="8">` });
  });

  test("a restyle to none removes an empty cell and keeps one with a value, without s", () => {
    const none: CellEdit = { kind: "style", to: () => null };
    expect(changeOfCell(at(`<c r="C5" s="3"/>`, `<c r="C5" s="3"/>`), none)).toEqual({ replace: "element", text: "" });
    expect(changeOfCell(at(`<c r="C5" s="3">`, `<c r="C5" s="3"> </c>`), none)).toEqual({ replace: "element", text: "" });
    expect(changeOfCell(at(`<c r="C5" s="3">`), none)).toEqual({ replace: "openTag", text: `<c r="C5">` });
  });
});
