// Issue 4 (a): the live count, level and status columns, recalculated by a second spreadsheet
// engine (LibreOffice), equal the engine's for every applicant; then again after scores change.
import ExcelJS from "exceljs";
import * as path from "path";
import { checkGrids } from "../../src/app/check";
import type { Report } from "../../src/app/report";
import { syntheticDepartment, type SheetData, type SyntheticOptions } from "../../src/app/synthetic";
import { CATALOGUE } from "../../src/domain/catalogue";
import { STATUS_LABELS, STATUSES } from "../../src/domain/eligibility";
import { readGridsFromFile as readGridsStreaming, runFile } from "../../src/cli/files";
import type { GradeEntry, ScorePart } from "../../src/forms/grades";
import { recalculate } from "../support/libreoffice";
import { tmpDir, writeFixture } from "../support/workbooks";

const dir = tmpDir();

interface Variant {
  name: string;
  options: SyntheticOptions;
  settings?: [string, string | number][];
}

const VARIANTS: Variant[] = [
  { name: "300 applicants, every occupation, defects, messy values", options: { seed: 41, applicants: 300, defects: true, passRate: 0.7, layout: { titleRows: 2, shuffle: true, messyValues: true, footer: true } } },
  { name: "150 applicants, wide register", options: { seed: 42, applicants: 150, passRate: 0.75, occupations: CATALOGUE.slice(3, 6), layout: { grades: "wide", messyValues: true } } },
  { name: "200 applicants, tall register (a 教务系统 export, rows shuffled)", options: { seed: 44, applicants: 200, passRate: 0.7, layout: { grades: "tall", shuffle: true, messyValues: true } } },
  { name: "credit route and 该课程不计, assessment year 2024", options: { seed: 43, applicants: 120, passRate: 0.7, assessmentYear: 2024, defects: true }, settings: [["认定年度", 2024], ["四级学分要求", 20], ["三级学分要求", 30], ["补考不及格处理", "该课程不计"]] },
];

async function engine(file: string): Promise<Report> {
  return checkGrids(await readGridsStreaming(file)).report;
}

/** The computed columns as LibreOffice left them: count, level, status per applicant row. */
async function computed(file: string, report: Report): Promise<{ row: number; count: unknown; level: unknown; status: unknown }[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const ws = wb.getWorksheet(report.applicants[0].sheet) as ExcelJS.Worksheet;
  let countCol = 0, headerRow = 0;
  ws.eachRow((row, r) => row.eachCell((c, col) => {
    if (c.value === "已合格相关课程数") [countCol, headerRow] = [col, r];
  }));
  expect(headerRow).toBeGreaterThan(0);
  const value = (c: ExcelJS.Cell) => {
    const v = c.value as ExcelJS.CellValue;
    if (v && typeof v === "object" && "formula" in v) return (v as ExcelJS.CellFormulaValue).result ?? "";
    return v ?? "";
  };
  return report.applicants.map((a) => {
    const row = ws.getRow(a.row);
    return { row: a.row, count: value(row.getCell(countCol)), level: value(row.getCell(countCol + 1)), status: value(row.getCell(countCol + 2)) };
  });
}

const expected = (r: Report) => r.applicants.map((a) => ({ row: a.row, count: a.passedCourses, level: a.eligibleLevel ?? "", status: STATUS_LABELS[a.status] }));

/** Every formula's cached result replaced, so only a real recalculation can give the right values. */
async function staleResults(wb: ExcelJS.Workbook): Promise<number> {
  let n = 0;
  for (const ws of wb.worksheets) {
    ws.eachRow((row) => row.eachCell((c) => {
      const v = c.value as ExcelJS.CellValue;
      if (v && typeof v === "object" && "formula" in v) {
        c.value = { formula: (v as ExcelJS.CellFormulaValue).formula, result: "STALE" } as ExcelJS.CellFormulaValue;
        n++;
      }
    }));
  }
  return n;
}

/** Scores typed after the run: passes become fails and back, makeups fail, words and full-width text. */
function flipScores(wb: ExcelJS.Workbook, entries: readonly GradeEntry[]): number {
  let changed = 0;
  entries.forEach((e, k) => {
    const at = (p: ScorePart) => {
      const c = e.at[p];
      return c === undefined ? null : (wb.getWorksheet(c.sheet) as ExcelJS.Worksheet).getCell(c.row + 1, c.col + 1);
    };
    const theory = at("theory"), practical = at("practical"), makeup = at("theoryMakeup");
    const set = (c: ExcelJS.Cell | null, v: ExcelJS.CellValue) => c && ((c.value = v), changed++);
    if (k % 5 === 0) set(theory, typeof theory?.value === "number" && theory.value >= 60 ? 35 : 88);
    if (k % 7 === 0) set(makeup, 50);
    if (k % 11 === 0) set(practical, "缺考");
    if (k % 13 === 0) set(practical, "９０分");
    if (k % 17 === 0) set(practical, "良好");
    if (k % 19 === 0) set(theory, "缓考");
  });
  return changed;
}

const seen = new Set<string>();

describe.each(VARIANTS)("$name", ({ options, settings, name }) => {
  test("LibreOffice's recalculation equals the engine, before and after scores change", async () => {
    const sheets: SheetData[] = syntheticDepartment(options).sheets;
    if (settings) sheets.push({ name: "设置", rows: [["项目", "值"], ...settings], merges: [] });
    const input = await writeFixture(sheets, path.join(dir, `${options.seed}.xlsx`));
    const out = path.join(dir, `${options.seed}-run.xlsx`);
    const result = checkGrids(await readGridsStreaming(input));
    await runFile(input, out);
    for (const a of result.report.applicants) seen.add(a.status);

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    expect(await staleResults(wb)).toBeGreaterThan(options.applicants * 2);
    const stale = path.join(dir, `${options.seed}-stale.xlsx`);
    await wb.xlsx.writeFile(stale);
    const before = await engine(out);
    expect(await computed(recalculate(stale).file, before)).toEqual(expected(before));

    const flipped = path.join(dir, `${options.seed}-flipped.xlsx`);
    const wb2 = new ExcelJS.Workbook();
    await wb2.xlsx.readFile(out);
    expect(flipScores(wb2, result.grades?.registers.flatMap((r) => r.entries) ?? [])).toBeGreaterThan(20);
    await staleResults(wb2);
    await wb2.xlsx.writeFile(flipped);
    const after = await engine(flipped);
    const moved = after.applicants.filter((a, i) => a.status !== before.applicants[i].status || a.passedCourses !== before.applicants[i].passedCourses).length;
    expect(moved).toBeGreaterThan(options.applicants / 10);
    expect(await computed(recalculate(flipped).file, after)).toEqual(expected(after));
    void name;
  }, 300000);
});

test("the variants cover every status", () => {
  expect([...seen].sort()).toEqual([...STATUSES].sort());
});
