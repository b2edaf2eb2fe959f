// Issue 17 (2, 3): our sheets are known by their mark, not their name; an edited or damaged
// journal makes run and clear do less, never more, and never stops them.
import ExcelJS from "exceljs";
import * as path from "path";
import { syntheticDepartment } from "../../src/app/synthetic";
import { CATALOGUE } from "../../src/domain/catalogue";
import { clearFile, runFile } from "../../src/cli/files";
import { tmpDir, writeFixture } from "../support/workbooks";
import { openpyxlDump, readParts, userEdit, zipEdit, type DumpedSheet } from "../support/writers";
import { recalculate } from "../support/libreoffice";

const dir = tmpDir();
const dept = syntheticDepartment({ seed: 172, applicants: 30, defects: true, occupations: CATALOGUE.slice(11, 12) });
const sheet = (all: DumpedSheet[], name: string) => all.find((s) => s.name === name) as DumpedSheet;
const values = (s: DumpedSheet) => Object.fromEntries(Object.entries(s.cells).filter(([, [v]]) => v !== null).map(([k, [v]]) => [k, v]));

test("user sheets named 公示名单, _kz and _kz_data are never deleted or read as ours; formulas read the data sheet we wrote", async () => {
  const own = (name: string) => ({ name, rows: [[`用户自己的${name}`], ["x", 1]], merges: [] });
  const input = await writeFixture([...dept.sheets, own("公示名单"), own("_kz"), own("_kz_data")], path.join(dir, "names.xlsx"));
  const once = path.join(dir, "names-once.xlsx");
  const { report } = await runFile(input, once);
  await runFile(once, path.join(dir, "names-twice.xlsx"));
  await clearFile(path.join(dir, "names-twice.xlsx"), path.join(dir, "names-cleared.xlsx"));
  const before = openpyxlDump(input);
  for (const file of [once, path.join(dir, "names-twice.xlsx"), path.join(dir, "names-cleared.xlsx")]) {
    const now = openpyxlDump(file);
    for (const n of ["公示名单", "_kz", "_kz_data"]) expect(values(sheet(now, n))).toEqual(values(sheet(before, n)));
  }
  expect(openpyxlDump(path.join(dir, "names-cleared.xlsx")).map((s) => s.name)).toEqual(before.map((s) => s.name));
  // LibreOffice recomputes every formula: the levels are the engine's, read from our data sheet.
  const lo = openpyxlDump(recalculate(once).file);
  const roster = sheet(lo, "花名册");
  const header = Object.entries(roster.cells).find(([, [v]]) => v === "可认定等级")?.[0] as string;
  const col = header.replace(/\d+$/, "");
  const eligible = report.applicants.filter((a) => a.eligibleLevel !== null);
  expect(eligible.length).toBeGreaterThan(5);
  for (const a of eligible) expect({ row: a.row, level: roster.cells[`${col}${a.row}`]?.[0] }).toEqual({ row: a.row, level: a.eligibleLevel });
}, 180000);

/** The run's output with its journal sheet's XML edited. */
function editJournal(once: string, out: string, edit: (xml: string) => string): string {
  return zipEdit(once, out, (parts, text, setText) => {
    const wb = text("xl/workbook.xml");
    const rels = text("xl/_rels/workbook.xml.rels");
    const rId = /<sheet [^>]*name="_kz"[^>]*r:id="(rId\d+)"/.exec(wb)?.[1];
    const target = new RegExp(`Id="${rId}"[^>]*Target="([^"]+)"`).exec(rels)?.[1] as string;
    const part = `xl/${target.replace(/^\/?(xl\/)?/, "")}`;
    setText(part, edit(text(part)));
    void parts;
  });
}

describe("an edited or damaged journal", () => {
  let input: string, once: string;
  beforeAll(async () => {
    input = await writeFixture(dept.sheets, path.join(dir, "j.xlsx"));
    once = path.join(dir, "j-once.xlsx");
    await runFile(input, once);
  }, 60000);

  const cases: [string, (xml: string) => string][] = [
    ["a line naming the user's 课程对照表 as ours", (x) => x.replace(/<\/sheetData>/, `<row r="9999"><c r="A9999" t="inlineStr"><is><t>sheet</t></is></c><c r="B9999" t="inlineStr"><is><t>课程对照表</t></is></c></row></sheetData>`)],
    ["a damaged JSON value", (x) => x.replace(/\{&quot;ref&quot;|\{"ref"/, "{broken")],
    ["every range widened to the whole roster", (x) => x.replace(/&quot;ref&quot;:&quot;[A-Z]+(\d+):[A-Z]+(\d+)|"ref":"[A-Z]+(\d+):[A-Z]+(\d+)/g, (m) => m.replace(/[A-Z]+(\d+):[A-Z]+(\d+)/, "A$1:Z$2"))],
  ];
  test.each(cases)("%s: run and clear complete, keep every user value, and say so once", async (_label, edit) => {
    const tag = cases.findIndex(([l]) => l === _label);
    const edited = editJournal(once, path.join(dir, `j-${tag}-edited.xlsx`), edit);
    const { report } = await runFile(edited, path.join(dir, `j-${tag}-run.xlsx`));
    await clearFile(edited, path.join(dir, `j-${tag}-cleared.xlsx`));
    const before = openpyxlDump(input);
    for (const file of [path.join(dir, `j-${tag}-run.xlsx`), path.join(dir, `j-${tag}-cleared.xlsx`)]) {
      const now = openpyxlDump(file);
      for (const s of before) for (const [ref, v] of Object.entries(values(s))) expect({ s: s.name, ref, v: values(sheet(now, s.name))[ref] }).toEqual({ s: s.name, ref, v });
    }
    if (tag !== 2) expect(report.issues.filter((i) => i.code === "JOURNAL_SKIPPED")).toHaveLength(1);
    expect(new TextDecoder().decode(readParts(path.join(dir, `j-${tag}-cleared.xlsx`))["xl/workbook.xml"])).not.toMatch(/name="_kz/);
  }, 120000);
});

test("a writer that keeps no sheet-scoped names (ExcelJS flattens them and keeps one of each spelling): run and clear still know our sheets, and keep every user value", async () => {
  const input = await writeFixture(dept.sheets, path.join(dir, "flat.xlsx"));
  const once = path.join(dir, "flat-once.xlsx");
  await runFile(input, once);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(once);
  const flattened = path.join(dir, "flat-exceljs.xlsx");
  await wb.xlsx.writeFile(flattened);
  expect(new TextDecoder().decode(readParts(flattened)["xl/workbook.xml"])).not.toMatch(/name="_kz_sheet" localSheetId/);
  const again = path.join(dir, "flat-again.xlsx");
  const { report } = await runFile(flattened, again);
  expect(report.applicants).toHaveLength(30);
  const cleared = path.join(dir, "flat-cleared.xlsx");
  await clearFile(again, cleared);
  const before = openpyxlDump(input);
  const after = openpyxlDump(cleared);
  expect(after.map((s) => s.name)).toEqual(before.map((s) => s.name));
  for (const s of before) expect(values(sheet(after, s.name))).toEqual(values(s));
}, 120000);

test("a copy the user made of one of our sheets (it carries our mark: LibreOffice copies sheet-scoped names) is hers: run and clear keep it and what she typed", async () => {
  const input = await writeFixture(dept.sheets, path.join(dir, "copy.xlsx"));
  const once = path.join(dir, "copy-once.xlsx");
  await runFile(input, once);
  const edited = userEdit("libreoffice", once, path.join(dir, "copy-edited.xlsx"), [
    { op: "copy", sheet: "公示名单", to: "公示名单2023存档" },
    { op: "set", sheet: "公示名单2023存档", cell: "A40", text: "已于11月公示，无异议" },
  ]);
  const archive = (file: string) => values(sheet(openpyxlDump(file), "公示名单2023存档"));
  const kept = archive(edited);
  expect(kept.A40).toBe("已于11月公示，无异议");
  await runFile(edited, path.join(dir, "copy-run.xlsx"));
  await clearFile(path.join(dir, "copy-run.xlsx"), path.join(dir, "copy-cleared.xlsx"));
  await clearFile(edited, path.join(dir, "copy-cleared-direct.xlsx"));
  for (const f of ["copy-run.xlsx", "copy-cleared.xlsx", "copy-cleared-direct.xlsx"]) expect(archive(path.join(dir, f))).toEqual(kept);
  // Our own 公示名单 still goes with clear.
  expect(openpyxlDump(path.join(dir, "copy-cleared.xlsx")).map((s) => s.name)).toEqual([...openpyxlDump(input).map((s) => s.name), "公示名单2023存档"]);
}, 180000);
