// Issue 9: files other programs wrote keep everything the product has no reason to touch. After
// run and after clear, charts, drawings, pictures, comments, custom XML, macros and pivot caches are
// the same bytes; after clear, every user cell's value and fill is what it was.
import * as fs from "fs";
import * as path from "path";
import { syntheticDepartment } from "../../src/app/synthetic";
import { CATALOGUE } from "../../src/domain/catalogue";
import { MARK_FILLS } from "../../src/hosts/xlsx/writeback";
import { kezheng } from "../support/cli";
import { tmpDir, writeFixture } from "../support/workbooks";
import { libreofficeResave, openpyxlDump, openpyxlWorkbook, readParts, zipEdit, type DumpedSheet, type Parts } from "../support/writers";

const dir = tmpDir();
const dept = syntheticDepartment({ seed: 91, applicants: 40, defects: true, occupations: CATALOGUE.slice(10, 13), layout: { titleRows: 2, footer: true } });
const markFills = new Set(Object.values(MARK_FILLS));

/** Parts of the product's own concern: everything else must come out byte for byte. */
const OURS_TO_EDIT = /^(\[Content_Types\]\.xml|xl\/workbook\.xml|xl\/_rels\/workbook\.xml\.rels|xl\/styles\.xml|xl\/calcChain\.xml)$/;

function run(input: string, out: string): void {
  const r = kezheng(["run", input, "-o", out]);
  expect(r.stderr).toBe("");
  expect([0, 1]).toContain(r.code);
}

function clear(input: string, out: string): void {
  const r = kezheng(["clear", input, "-o", out]);
  expect(r.stderr).toBe("");
  expect(r.code).toBe(0);
}

/** The parts of `before` that the run had to edit: ours, plus the sheets it marks or extends and their notes. */
function touchedSheets(parts: Parts): Set<string> {
  const touched = new Set<string>();
  // Roster (花名册) and register (成绩) are the sheets a run writes into; find their parts by name.
  const wb = new TextDecoder().decode(parts["xl/workbook.xml"]);
  const rels = new TextDecoder().decode(parts["xl/_rels/workbook.xml.rels"]);
  for (const m of wb.matchAll(/<(?:\w+:)?sheet\b[^>]*name="([^"]+)"[^>]*r:id="([^"]+)"/g)) {
    if (!/花名册|成绩/.test(m[1])) continue;
    const target = new RegExp(`Id="${m[2]}"[^>]*Target="([^"]+)"|Target="([^"]+)"[^>]*Id="${m[2]}"`).exec(rels);
    const t = (target?.[1] ?? target?.[2] ?? "").replace(/^\/?(xl\/)?/, "xl/");
    touched.add(t);
    touched.add(t.replace(/worksheets\/(sheet\d+\.xml)$/, "worksheets/_rels/$1.rels"));
  }
  return touched;
}

function expectForeignPartsKept(before: Parts, after: Parts, allowedToChange: Set<string>, label: string) {
  const changed: string[] = [];
  for (const [name, bytes] of Object.entries(before)) {
    if (name.endsWith("/") || OURS_TO_EDIT.test(name) || allowedToChange.has(name)) continue;
    const now = after[name];
    if (!now || Buffer.compare(Buffer.from(now), Buffer.from(bytes)) !== 0) changed.push(name);
  }
  expect({ label, changed }).toEqual({ label, changed: [] });
}

function expectUserCellsKept(before: DumpedSheet[], after: DumpedSheet[], exact: boolean) {
  for (const sheet of before) {
    const now = after.find((s) => s.name === sheet.name) as DumpedSheet;
    expect(now).toBeDefined();
    for (const [ref, [value, fill]] of Object.entries(sheet.cells)) {
      const [v, f] = now.cells[ref] ?? [null, null];
      expect({ sheet: sheet.name, ref, value: v }).toEqual({ sheet: sheet.name, ref, value });
      if (exact || f !== fill) {
        if (exact) expect({ sheet: sheet.name, ref, fill: f }).toEqual({ sheet: sheet.name, ref, fill });
        else expect(markFills.has(f as string)).toBe(true);
      }
    }
    if (exact) {
      expect(Object.keys(now.cells).sort()).toEqual(Object.keys(sheet.cells).sort());
      expect(now.widths).toEqual(sheet.widths);
      expect(now.hidden).toEqual(sheet.hidden);
      expect(now.state).toBe(sheet.state);
    }
  }
}

describe.each([
  ["openpyxl, with a chart, a picture, a comment, validations, conditional formats, panes and a defined name", "openpyxl"],
  ["LibreOffice re-saving that workbook", "libreoffice"],
])("%s", (_label, writer) => {
  let input: string, out: string, cleared: string;
  beforeAll(() => {
    const made = openpyxlWorkbook(dept.sheets, path.join(dir, "openpyxl.xlsx"));
    input = writer === "openpyxl" ? made : libreofficeResave(made, path.join(dir, "libreoffice.xlsx"));
    out = path.join(dir, `${writer}-out.xlsx`);
    cleared = path.join(dir, `${writer}-cleared.xlsx`);
    run(input, out);
    clear(out, cleared);
  }, 120000);

  test("the fixture really holds a chart, a picture and a comment", () => {
    const names = Object.keys(readParts(input));
    expect(names.some((n) => /^xl\/charts\/chart\d+\.xml$/.test(n))).toBe(true);
    expect(names.some((n) => /^xl\/media\//.test(n))).toBe(true);
    expect(names.some((n) => /comments/.test(n))).toBe(true);
  });

  test("run copies every part it has no reason to touch byte for byte; clear too", () => {
    const before = readParts(input);
    const touched = touchedSheets(before);
    // The roster's comments and VML drawing take our notes; clear gives them back as they were.
    const notes = new Set(Object.keys(before).filter((n) => /comments|vmlDrawing/.test(n)));
    expectForeignPartsKept(before, readParts(out), new Set([...touched, ...notes]), "after run");
    expectForeignPartsKept(before, readParts(cleared), touched, "after clear");
  });

  test("after run every user cell keeps its value (marks change only fills); after clear values, fills, widths and hidden columns are the input's", () => {
    const before = openpyxlDump(input);
    expectUserCellsKept(before, openpyxlDump(out), false);
    expectUserCellsKept(before, openpyxlDump(cleared), true);
    expect(openpyxlDump(cleared).map((s) => s.name)).toEqual(before.map((s) => s.name));
  });

  test("the user's comment survives run (with our note appended) and clear (as it was)", () => {
    const comments = (file: string) => Object.entries(readParts(file)).filter(([n]) => /comments?\d*\.xml$/.test(n)).map(([, b]) => new TextDecoder().decode(b)).join("");
    expect(comments(out)).toContain("家长确认过姓名写法");
    expect(comments(out)).toContain("课证：");
    expect(comments(cleared)).toContain("家长确认过姓名写法");
    expect(comments(cleared)).not.toContain("课证：");
  });

  test("LibreOffice opens the output and keeps the user's chart", () => {
    const again = libreofficeResave(out, path.join(dir, `${writer}-out-lo.xlsx`));
    expect(Object.keys(readParts(again)).some((n) => /^xl\/charts\/chart\d+\.xml$/.test(n))).toBe(true);
    expect(openpyxlDump(again).map((s) => s.name)).toContain("备案表");
  }, 120000);
});

describe("parts the product does not know: custom XML, macros (.xlsm), a pivot cache", () => {
  let input: string;
  const custom = "<root xmlns=\"urn:school\"><批次>2023-秋</批次></root>";
  const vba = Uint8Array.from({ length: 3000 }, (_, i) => (i * 37) % 256);
  beforeAll(async () => {
    const base = await writeFixture(dept.sheets, path.join(dir, "base.xlsx"));
    input = zipEdit(base, path.join(dir, "宏工作簿.xlsm"), (parts, text, setText) => {
      setText("customXml/item1.xml", custom);
      setText("customXml/itemProps1.xml", `<?xml version="1.0" encoding="UTF-8" standalone="no"?><ds:datastoreItem ds:itemID="{6E7E1E6A-0000-4000-8000-000000000001}" xmlns:ds="http://schemas.openxmlformats.org/officeDocument/2006/customXml"><ds:schemaRefs/></ds:datastoreItem>`);
      setText("customXml/_rels/item1.xml.rels", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/customXmlProps" Target="itemProps1.xml"/></Relationships>`);
      parts["xl/vbaProject.bin"] = vba;
      setText("xl/pivotCache/pivotCacheDefinition1.xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><pivotCacheDefinition xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" r:id="rId1" refreshOnLoad="1" recordCount="0"><cacheSource type="worksheet"><worksheetSource ref="A3:B5" sheet="花名册"/></cacheSource><cacheFields count="1"><cacheField name="姓名" numFmtId="0"><sharedItems/></cacheField></cacheFields></pivotCacheDefinition>`);
      setText("xl/pivotCache/pivotCacheRecords1.xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><pivotCacheRecords xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="0"/>`);
      setText("xl/pivotCache/_rels/pivotCacheDefinition1.xml.rels", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/pivotCacheRecords" Target="pivotCacheRecords1.xml"/></Relationships>`);
      setText("xl/_rels/workbook.xml.rels", text("xl/_rels/workbook.xml.rels").replace("</Relationships>",
        `<Relationship Id="rId900" Type="http://schemas.microsoft.com/office/2006/relationships/vbaProject" Target="vbaProject.bin"/><Relationship Id="rId901" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/pivotCacheDefinition" Target="pivotCache/pivotCacheDefinition1.xml"/></Relationships>`));
      setText("_rels/.rels", text("_rels/.rels").replace("</Relationships>", `<Relationship Id="rId900" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/customXml" Target="customXml/item1.xml"/></Relationships>`));
      const wb = text("xl/workbook.xml");
      setText("xl/workbook.xml", wb.replace(/(<\/definedNames>|<calcPr)/, (m) => `${m === "<calcPr" ? "" : m}<pivotCaches><pivotCache cacheId="1" r:id="rId901"/></pivotCaches>${m === "<calcPr" ? m : ""}`));
      setText("[Content_Types].xml", text("[Content_Types].xml")
        .replace("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml", "application/vnd.ms-excel.sheet.macroEnabled.main+xml")
        .replace("</Types>", `<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/><Override PartName="/customXml/itemProps1.xml" ContentType="application/vnd.openxmlformats-officedocument.customXmlProperties+xml"/><Override PartName="/xl/pivotCache/pivotCacheDefinition1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.pivotCacheDefinition+xml"/><Override PartName="/xl/pivotCache/pivotCacheRecords1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.pivotCacheRecords+xml"/></Types>`));
    });
  });

  test("an .xlsm stays .xlsm: the default output keeps the extension, macros and every unknown part byte for byte, after run and after clear", () => {
    const r = kezheng(["run", input]);
    expect(r.stderr).toBe("");
    const out = path.join(dir, "宏工作簿-课证.xlsm");
    expect(fs.existsSync(out)).toBe(true);
    const cleared = path.join(dir, "宏工作簿-已清除.xlsm");
    clear(out, cleared);
    const before = readParts(input);
    const touched = touchedSheets(before);
    for (const [file, label] of [[out, "run"], [cleared, "clear"]]) {
      const after = readParts(file);
      expectForeignPartsKept(before, after, touched, label);
      for (const n of ["xl/vbaProject.bin", "customXml/item1.xml", "xl/pivotCache/pivotCacheDefinition1.xml", "xl/pivotCache/pivotCacheRecords1.xml"]) expect(Buffer.from(after[n]).equals(Buffer.from(before[n]))).toBe(true);
      const types = new TextDecoder().decode(after["[Content_Types].xml"]);
      expect(types).toContain("application/vnd.ms-excel.sheet.macroEnabled.main+xml");
      expect(types).toContain(`Extension="bin"`);
      expect(new TextDecoder().decode(after["xl/workbook.xml"])).toMatch(/<pivotCaches><pivotCache cacheId="1" r:id="rId901"\/><\/pivotCaches>/);
      expect(new TextDecoder().decode(after["xl/_rels/workbook.xml.rels"])).toContain("vbaProject.bin");
    }
  });

  test("an .xlsm is not written under an .xlsx name (Excel would refuse to open it)", () => {
    const r = kezheng(["run", input, "-o", path.join(dir, "宏.xlsx")]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/\.xlsm/);
    expect(fs.existsSync(path.join(dir, "宏.xlsx"))).toBe(false);
  });
});
