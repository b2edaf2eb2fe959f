// Issue 17: the user edits the workbook between runs (in LibreOffice, which keeps names in step,
// or with openpyxl, which moves cells only). Then run and clear: every cell she wrote keeps its
// value, the levels are those of a fresh copy with the same data, and run twice = run once.
import * as path from "path";
import { syntheticDepartment } from "../../src/app/synthetic";
import type { Report } from "../../src/app/report";
import { CATALOGUE } from "../../src/domain/catalogue";
import { clearFile, runFile } from "../../src/cli/files";
import { tmpDir, writeFixture } from "../support/workbooks";
import { openpyxlDump, readParts, userEdit, type DumpedSheet, type UserEdit } from "../support/writers";

const dir = tmpDir();
const dept = syntheticDepartment({ seed: 171, applicants: 40, defects: true, occupations: CATALOGUE.slice(10, 12), layout: { titleRows: 1 } });
const rosterWidth = (dept.sheets[0].rows[1] as unknown[]).length;

const EDITS: [string, UserEdit[]][] = [
  ["a column inserted at B of 成绩登记册", [{ op: "insertCols", sheet: "成绩登记册", at: 1 }]],
  ["a column inserted at B of 花名册", [{ op: "insertCols", sheet: "花名册", at: 1 }]],
  ["a column inserted right after the roster's columns", [{ op: "insertCols", sheet: "花名册", at: rosterWidth }]],
  ["a column inserted inside our columns", [{ op: "insertCols", sheet: "花名册", at: rosterWidth + 2 }]],
  ["a roster column deleted", [{ op: "deleteCols", sheet: "花名册", at: 2 }]],
  ["two rows inserted above the roster's header", [{ op: "insertRows", sheet: "花名册", at: 0, count: 2 }]],
  ["a row inserted inside the register's data", [{ op: "insertRows", sheet: "成绩登记册", at: 12 }]],
  ["a row deleted inside the roster's data", [{ op: "deleteRows", sheet: "花名册", at: 6 }]],
  ["the roster renamed", [{ op: "rename", sheet: "花名册", to: "申报人员" }]],
  ["sheets reordered", [{ op: "move", sheet: "课程对照表", to: 0 }]],
];

const values = (sheets: DumpedSheet[], skip: (name: string) => boolean) =>
  Object.fromEntries(sheets.filter((s) => !skip(s.name)).map((s) => [s.name, Object.fromEntries(Object.entries(s.cells).filter(([, [v]]) => v !== null).map(([k, [v]]) => [k, v]))]));
const levels = (r: Report) => Object.fromEntries(r.applicants.map((a) => [`${a.idNumber}|${a.occupationCode}`, [a.eligibleLevel, a.status, a.passedCourses]]));
const isOurs = (name: string) => /^_kz/.test(name) || ["备案表", "申报人员花名册", "认定计划", "上报数据", "成绩确认表", "获证人员汇总表", "公示名单", "认定统计", "督导汇总", "归档清单"].includes(name);

let input: string;
let once: string;
beforeAll(async () => {
  input = await writeFixture(dept.sheets, path.join(dir, "input.xlsx"));
  once = path.join(dir, "once.xlsx");
  await runFile(input, once);
}, 60000);

describe.each(["libreoffice", "openpyxl"] as const)("edited with %s", (editor) => {
  test.each(EDITS)("%s: run and clear keep every user value; levels as a fresh copy; run twice = once", async (label, edits) => {
    const tag = `${editor}-${EDITS.findIndex(([l]) => l === label)}`;
    const f = (n: string) => path.join(dir, `${tag}-${n}.xlsx`);
    // What the user has: the same edit on the workbook before any run.
    const expected = userEdit(editor, input, f("expected"), edits);
    const edited = userEdit(editor, once, f("edited"), edits);
    const fresh = await runFile(expected, f("fresh"));
    const rerun = await runFile(edited, f("rerun"));
    await runFile(f("rerun"), f("twice"));
    await clearFile(f("rerun"), f("cleared"));
    await clearFile(edited, f("cleared-direct"));

    const user = values(openpyxlDump(expected), () => false);
    expect(values(openpyxlDump(f("cleared")), () => false)).toEqual(user);
    expect(values(openpyxlDump(f("cleared-direct")), () => false)).toEqual(user);
    // After the re-run the user's cells are all there too (ours are beside them).
    const after = values(openpyxlDump(f("rerun")), isOurs);
    for (const [sheet, cells] of Object.entries(user)) for (const [ref, v] of Object.entries(cells)) expect({ sheet, ref, v: after[sheet]?.[ref] }).toEqual({ sheet, ref, v });
    expect(levels(rerun.report)).toEqual(levels(fresh.report));
    expect(values(openpyxlDump(f("twice")), () => false)).toEqual(values(openpyxlDump(f("rerun")), () => false));
    const wb = new TextDecoder().decode(readParts(f("cleared"))["xl/workbook.xml"]);
    expect(wb).not.toMatch(/name="_kz_/);
  }, 180000);
});
