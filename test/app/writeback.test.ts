// Issue 4 (b) and (c): run changes no user cell, clear restores the input exactly, run twice = run once.
import * as fs from "fs";
import * as path from "path";
import { syntheticDepartment } from "../../src/app/synthetic";
import { CATALOGUE } from "../../src/domain/catalogue";
import { clearFile, runFile } from "../../src/cli/files";
import { MARK_FILLS } from "../../src/hosts/xlsx/writeback";
import { picture, type SheetPicture } from "../support/snapshot";
import { tmpDir, writeFixture } from "../support/workbooks";
import { GENERATED_SHEETS } from "../../src/forms/generated";

const dir = tmpDir();
const variants = [
  ["long register, titles, shuffled, footers, defects", { seed: 21, applicants: 60, defects: true, layout: { titleRows: 2, shuffle: true, footer: true, messyValues: true } }],
  ["wide register", { seed: 22, applicants: 40, defects: true, occupations: CATALOGUE.slice(15, 17), layout: { grades: "wide" as const, blankRows: true } }],
  ["tall register (a 教务系统 export)", { seed: 23, applicants: 40, defects: true, layout: { grades: "tall" as const, shuffle: true } }],
] as const;

describe.each(variants)("%s", (_name, options) => {
  let input: string, once: string, twice: string, cleared: string;
  beforeAll(async () => {
    input = await writeFixture(syntheticDepartment(options).sheets, path.join(dir, `${options.seed}.xlsx`));
    // A note and a fill the user made must survive a mark on the same cell and come back after clear.
    once = path.join(dir, `${options.seed}-once.xlsx`);
    twice = path.join(dir, `${options.seed}-twice.xlsx`);
    cleared = path.join(dir, `${options.seed}-cleared.xlsx`);
    await runFile(input, once);
    await runFile(once, twice);
    await clearFile(twice, cleared);
  }, 120000);

  test("run changes no user cell: values, formats and fonts stay; marks change only the fill and add a note", async () => {
    const before = await picture(input);
    const after = await picture(once);
    const markFills = new Set(Object.values(MARK_FILLS));
    let marked = 0;
    for (const [name, sheet] of before) {
      const out = after.get(name) as SheetPicture;
      expect(out).toBeDefined();
      for (const [address, cell] of sheet.cells) {
        const now = out.cells.get(address);
        expect(now?.value).toEqual(cell.value);
        expect({ numFmt: now?.numFmt, font: now?.font, border: now?.border, alignment: now?.alignment }).toEqual({ numFmt: cell.numFmt, font: cell.font, border: cell.border, alignment: cell.alignment });
        if (JSON.stringify(now?.fill) !== JSON.stringify(cell.fill)) {
          expect(markFills.has((now?.fill as { fgColor: { argb: string } }).fgColor.argb)).toBe(true);
          marked++;
        }
      }
    }
    expect(marked).toBeGreaterThan(20);
    for (const s of GENERATED_SHEETS) expect(after.has(s)).toBe(true);
  });

  /** Same sheets in the same order, cell by cell: values, formats, fills, fonts, borders, notes; widths, hidden columns, merges, state. */
  async function expectSameWorkbook(file: string, expectedFile: string) {
    const a = await picture(expectedFile);
    const b = await picture(file);
    expect([...b.keys()]).toEqual([...a.keys()]);
    for (const [name, sheet] of a) {
      const other = b.get(name) as SheetPicture;
      expect(Object.fromEntries(other.cells)).toEqual(Object.fromEntries(sheet.cells));
      expect(Object.fromEntries(other.widths)).toEqual(Object.fromEntries(sheet.widths));
      expect(Object.fromEntries(other.hidden)).toEqual(Object.fromEntries(sheet.hidden));
      expect(other.merges).toEqual(sheet.merges);
      expect(other.state).toEqual(sheet.state);
    }
  }

  test("running twice gives the same workbook as running once", () => expectSameWorkbook(twice, once));

  test("clear restores the input exactly: values, number formats, fills, fonts, borders, notes, widths", () => expectSameWorkbook(cleared, input));
});

test("a user's own note, fill and a sheet named like a generated one survive run and clear", async () => {
  const dept = syntheticDepartment({ seed: 31, applicants: 30, defects: true, occupations: CATALOGUE.slice(11, 12) });
  const file = await writeFixture([...dept.sheets, { name: "公示名单", rows: [["我们自己的公示名单"]], merges: [] }], path.join(dir, "own.xlsx"));
  const ExcelJS = (await import("exceljs")).default;
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const c = wb.getWorksheet("花名册")!.getCell("D3");
  c.note = "家长确认过";
  c.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FF00B050" } };
  await wb.xlsx.writeFile(file);
  const out = path.join(dir, "own-out.xlsx");
  await runFile(file, out);
  const after = await picture(out);
  expect(after.get("公示名单")?.cells.get("A1")?.value).toBe("我们自己的公示名单");
  expect(after.has("公示名单(2)")).toBe(true);
  const marked = after.get("花名册")?.cells.get("D3");
  expect(String(JSON.stringify(marked?.note))).toMatch(/家长确认过[\s\S]*课证：身份证号/);
  const back = path.join(dir, "own-back.xlsx");
  await clearFile(out, back);
  const restored = await picture(back);
  const original = await picture(file);
  expect(restored.get("花名册")?.cells.get("D3")).toEqual(original.get("花名册")?.cells.get("D3"));
  expect([...restored.keys()]).toEqual([...original.keys()]);
  expect(fs.existsSync(back)).toBe(true);
});
