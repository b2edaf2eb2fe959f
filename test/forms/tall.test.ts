// forms.md B, tall layout (教务系统 exports: one score per row) and several registers united.
import fc from "fast-check";
import { checkGrids } from "../../src/app/check";
import { syntheticDepartment, type SheetData } from "../../src/app/synthetic";
import { TALL_FIELDS, TALL_ITEMS, TALL_SITTINGS } from "../../src/forms/fields";
import { idCheckChar } from "../../src/domain/idnumber";
import type { CellValue } from "../../src/forms/grid";
import { planWriteBack } from "../../src/app/writeback";
import { roundTrip, sheet } from "../support/workbooks";

const ID = ((s: string) => s + idCheckChar(s))("11010520020101001");
const ROSTER = sheet("花名册", [
  ["姓名", "性别", "身份证号", "学号", "年级", "二级学院", "专业", "职业编码", "职业名称", "工种", "申报级别"],
  ["张三", "男", ID, "2021001", 2021, "信息工程学院", "软件技术", "4-04-05-01", "计算机程序设计员", null, 3],
]);
const COURSES = ["A", "B", "C", "D", "E", "F", "G", "H"].map((c) => `课程${c}`);
const MAP = sheet("课程对照表", [["职业编码", "职业名称", "工种", "课程名称"], ...COURSES.map((c) => ["4-04-05-01", "计算机程序设计员", null, c])]);
const HEADER = ["学号", "姓名", "课程名称", "成绩分项", "考试性质", "成绩"];

/** A tall export: [course, item, sitting, score] per row for student 2021001. */
const tall = (rows: [string, string, string, CellValue][], header = HEADER, name = "成绩导出") =>
  sheet(name, [header, ...rows.map(([course, item, sitting, score]) => ["2021001", "张三", course, item, sitting, score])]);
const bothPassed = (courses: string[], item = ["理论", "实操"], sitting = "正常考试"): [string, string, string, CellValue][] =>
  courses.flatMap((c) => [[c, item[0], sitting, 80], [c, item[1], sitting, 80]] as [string, string, string, CellValue][]);

const check = async (...sheets: SheetData[]) => checkGrids(await roundTrip([ROSTER, MAP, ...sheets])).report;
const codes = (r: Awaited<ReturnType<typeof check>>) => r.issues.filter((i) => i.sheet !== "花名册").map((i) => `${i.sheet}!${i.cell}:${i.code}`);

describe("every spelling and value in forms.md", () => {
  const spellings = (f: string) => [...(TALL_FIELDS.find((s) => s.field === f)?.spellings ?? [])];
  test.each(spellings("item").flatMap((item) => spellings("sitting").map((sitting) => [item, sitting])))("header %s / %s", async (item, sitting) => {
    const r = await check(tall(bothPassed(COURSES), ["学号", "姓名", "课程名称", item, sitting, "成绩"]));
    expect(r.applicants[0]).toMatchObject({ status: "eligible", eligibleLevel: 3, passedCourses: 8 });
  });
  test.each(spellings("score"))("score header %s", async (score) => {
    const r = await check(tall(bothPassed(COURSES), ["学号", "姓名", "课程名称", "成绩分项", "考试性质", score]));
    expect(r.applicants[0]).toMatchObject({ status: "eligible", passedCourses: 8 });
  });
  test.each(TALL_ITEMS.theory.flatMap((t) => TALL_ITEMS.practical.map((p) => [t, p])))("items %s + %s", async (t, p) => {
    const r = await check(tall(bothPassed(COURSES, [t, p])));
    expect(r.applicants[0]).toMatchObject({ passedCourses: 8 });
  });
  test.each([...TALL_SITTINGS.first, ""])("first sitting %p", async (s) => {
    expect((await check(tall(bothPassed(COURSES, ["理论", "实操"], s)))).applicants[0]).toMatchObject({ passedCourses: 8 });
  });
  test.each(TALL_SITTINGS.makeup)("makeup sitting %s: a failed part passed at the makeup", async (s) => {
    const rows = bothPassed(COURSES.slice(1));
    rows.push(["课程A", "理论", "正常考试", 40], ["课程A", "实操", "正常考试", 80], ["课程A", "理论", s, 70]);
    const r = await check(tall(rows));
    expect(r.applicants[0]).toMatchObject({ passedCourses: 8, status: "eligible" });
  });
  test.each(TALL_ITEMS.total)("总评 only (%s): a warning, the course not counted", async (item) => {
    const rows = bothPassed(COURSES.slice(1));
    rows.push(["课程A", item, "正常考试", 95]);
    const r = await check(tall(rows));
    expect(r.applicants[0]).toMatchObject({ passedCourses: 7 });
    expect(codes(r)).toEqual([`成绩导出!F16:GRADE_TOTAL_ONLY`]);
  });
});

test("重修 is reported and not counted; 缓考 replaces a first sitting that recorded only the deferral", async () => {
  const rows = bothPassed(COURSES.slice(2));
  rows.push(["课程A", "理论", "正常考试", 40], ["课程A", "实操", "正常考试", 80], ["课程A", "理论", "重修", 90]);
  rows.push(["课程B", "理论", "正常考试", "缓考"], ["课程B", "实操", "正常考试", 75], ["课程B", "理论", "缓考", 66]);
  const r = await check(tall(rows));
  expect(r.applicants[0]).toMatchObject({ passedCourses: 7 });
  expect(codes(r)).toContain("成绩导出!F16:GRADE_RETAKE");
  expect(codes(r).filter((c) => !c.endsWith("GRADE_RETAKE") && !c.endsWith("SCORE_PENDING_MAKEUP"))).toEqual([]);
});

test("conflicting duplicates are an error at the later row; identical ones are ignored; unknown values a warning at their cell", async () => {
  const rows = bothPassed(COURSES);
  rows.push(["课程A", "理论", "正常考试", 80], ["课程B", "实操", "正常考试", 60], ["课程C", "平时", "正常考试", 90], ["课程D", "理论", "期中", 90]);
  const r = await check(tall(rows));
  expect(codes(r)).toEqual(["成绩导出!F19:GRADE_CONFLICT", "成绩导出!D20:TALL_ITEM_UNKNOWN", "成绩导出!E21:TALL_SITTING_UNKNOWN"]);
  expect(r.issues.find((i) => i.code === "GRADE_CONFLICT")?.message).toMatch(/第 5 行登记为“80”/);
  expect(r.applicants[0]).toMatchObject({ passedCourses: 8 });
});

test("several registers: the department's long register and a pasted export are united; a conflict across sheets is an error at the later sheet's cell", async () => {
  const long = sheet("成绩登记册", [["学号", "姓名", "课程名称", "理论成绩", "实操成绩", "理论补考", "实操补考"], ...COURSES.slice(0, 4).map((c) => ["2021001", "张三", c, 80, 80, null, null]), ["2021001", "张三", "课程E", 80, null, null, null]]);
  const rows = bothPassed(COURSES.slice(5));
  rows.push(["课程E", "实操", "正常考试", 90], ["课程A", "理论", "正常考试", 55]);
  const r = await check(long, tall(rows));
  expect(r.applicants[0]).toMatchObject({ passedCourses: 8, status: "eligible" });
  expect(codes(r)).toEqual(["成绩导出!F9:GRADE_CONFLICT"]);
  expect(r.issues.find((i) => i.code === "GRADE_CONFLICT")?.message).toMatch(/已在工作表“成绩登记册”第 2 行登记为/);
});

/** A long register as rows of the tall layout. */
function reshape(g: SheetData, rand: () => number): CellValue[][] {
  const header = g.rows[0].map((v) => String(v));
  const col = (name: string) => header.indexOf(name);
  const out: CellValue[][] = [];
  for (const row of g.rows.slice(1)) {
    const parts: [string, string, string][] = [["理论成绩", "理论", "正常考试"], ["实操成绩", "实操", "正常考试"], ["理论补考", "理论", "补考"], ["实操补考", "实操", "补考"]];
    for (const [h, item, sitting] of parts) {
      const v = row[col(h)];
      if (v !== null && v !== undefined && v !== "") out.push([row[col("学号")], row[col("姓名")], row[col("课程名称")], item, sitting, v]);
    }
  }
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

test("property: any long register reshaped into tall form, shuffled and split over sheets, gives the same applicants", async () => {
  await fc.assert(
    fc.asyncProperty(fc.integer({ min: 1, max: 10_000 }), fc.integer({ min: 1, max: 3 }), async (seed, parts) => {
      const dept = syntheticDepartment({ seed, applicants: 25, passRate: 0.6 });
      const grades = dept.sheets.find((s) => s.name === "成绩登记册") as SheetData;
      let state = seed;
      const rand = () => ((state = (state * 1103515245 + 12345) % 2147483648) / 2147483648);
      const records = reshape(grades, rand);
      const size = Math.ceil(records.length / parts);
      const talls = Array.from({ length: parts }, (_, k) => sheet(`导出${k + 1}`, [HEADER, ...records.slice(k * size, (k + 1) * size)]));
      const others = dept.sheets.filter((s) => s !== grades);
      const long = checkGrids(await roundTrip(dept.sheets)).report;
      const reshaped = checkGrids(await roundTrip([...others, ...talls])).report;
      const key = (a: (typeof long.applicants)[number]) => [a.name, a.status, a.eligibleLevel, a.passedCourses];
      expect(reshaped.applicants.map(key)).toEqual(long.applicants.map(key));
    }),
    { numRuns: 12 },
  );
}, 120000);

test("run on a tall register: helper columns beside the export, each course's code on its first row reading its other rows", async () => {
  const rows = bothPassed(COURSES.slice(1));
  rows.push(["课程A", "理论", "正常考试", 40], ["课程A", "实操", "正常考试", 80], ["课程A", "理论", "补考", 70]);
  const result = checkGrids(await roundTrip([ROSTER, MAP, tall(rows)]));
  const plan = planWriteBack(result);
  const helper = plan.blocks.find((b) => b.sheet === "成绩导出");
  expect(helper).toMatchObject({ col: 6, hiddenCols: [6] });
  const cells = helper?.cells ?? [];
  expect(cells[0].map((c) => c?.value)).toEqual(["成绩（解析）", "课程结果"]);
  // 课程A: rows 16-18 (1-based); its code on row 16 reads G16, G17 and G18.
  const codeA = cells[15][1];
  expect(codeA?.formula).toMatch(/G16/);
  expect(codeA?.formula).toMatch(/G17/);
  expect(codeA?.formula).toMatch(/G18/);
  expect(codeA?.result).toBe(1);
});

test("a single 补考成绩 column in a long register is the makeup of whichever part failed first, of both where both failed; run's formula agrees", async () => {
  const header = ["学号", "姓名", "课程名称", "理论成绩", "实操成绩", "补考成绩"];
  const rows: CellValue[][] = COURSES.slice(3).map((c) => ["2021001", "张三", c, 80, 80, null]);
  rows.push(["2021001", "张三", "课程A", 40, 80, 70]); // theory failed: the makeup passes it
  rows.push(["2021001", "张三", "课程B", 80, 30, 65]); // practical failed
  rows.push(["2021001", "张三", "课程C", 50, 40, 90]); // both failed: the makeup counts for both
  const long = sheet("成绩登记册", [header, ...rows]);
  const result = checkGrids(await roundTrip([ROSTER, MAP, long]));
  expect(result.report.applicants[0]).toMatchObject({ passedCourses: 8, status: "eligible" });
  expect(codes(result.report)).toEqual([]);
  // One makeup both failed at the first sitting: a failing makeup fails both.
  const failing = checkGrids(await roundTrip([ROSTER, MAP, sheet("成绩登记册", [header, ...rows.slice(0, -1), ["2021001", "张三", "课程C", 50, 40, 55]])]));
  expect(failing.report.applicants[0]).toMatchObject({ status: "disqualified" });
  // A makeup where nothing failed is reported and ignored.
  const ignored = checkGrids(await roundTrip([ROSTER, MAP, sheet("成绩登记册", [header, ...rows, ["2021001", "张三", "课程D", 80, 80, 70]].filter((r, i) => i !== 1))]));
  expect(codes(ignored.report)).toContain("成绩登记册!F9:SCORE_MAKEUP_IGNORED");
  // The helper block parses the single column and offers it to both parts.
  const plan = planWriteBack(result);
  const block = plan.blocks.find((b) => b.sheet === "成绩登记册");
  const headerRow = block?.cells[0].map((c) => c?.value);
  expect(headerRow).toEqual(["理论（解析）", "实操（解析）", "补考（解析）", "课程结果"]);
  // The column's codes are one shared formula: its first cell reads the row's makeup helper (I2) for both parts.
  const master = block?.cells[1][3];
  expect(master?.formula).toMatch(/ISNUMBER\(I2\)/);
  expect(master?.formula).not.toMatch(/ISNUMBER\(""\)/);
  expect(block?.cells.slice(6, 9).map((r) => r[3]?.result)).toEqual([1, 1, 1]);
});
