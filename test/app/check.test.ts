import { checkGrids } from "../../src/app/check";
import { UnusableWorkbook } from "../../src/app/port";
import { messageFor } from "../../src/domain/messages";
import { DEFECTS, syntheticDepartment, type Layout } from "../../src/app/synthetic";
import { CATALOGUE } from "../../src/domain/catalogue";
import { idCheckChar } from "../../src/domain/idnumber";
import type { Report } from "../../src/app/report";
import { expectedFor } from "../support/oracle";
import { roundTrip, sheet } from "../support/workbooks";

const errors = (r: Report) => r.issues.filter((i) => i.severity === "error");

const LAYOUTS: [string, Partial<Layout>][] = [
  ["plain", {}],
  ["title rows, second spellings, shuffled columns", { titleRows: 2, spelling: 1, shuffle: true }],
  ["third spellings, footers, blank rows", { spelling: 2, footer: true, blankRows: true }],
  ["wide grade register", { grades: "wide", titleRows: 1 }],
  ["messy values: full-width digits, 分, grade words, 21级, 三级/高级工", { messyValues: true, shuffle: true, footer: true }],
  ["fourth spellings, wide, messy", { spelling: 3, grades: "wide", messyValues: true, blankRows: true }],
  ["tall register (a 教务系统 export), rows shuffled", { grades: "tall", shuffle: true }],
  ["tall register, second spellings, messy values, footers", { grades: "tall", spelling: 1, messyValues: true, footer: true, titleRows: 1 }],
];

describe("forms.md layouts, clean data: every applicant as the rules give, no errors", () => {
  test.each(LAYOUTS)("%s", async (_name, layout) => {
    const occupations = layout.grades === "wide" ? CATALOGUE.slice(10, 13) : CATALOGUE;
    const dept = syntheticDepartment({ seed: 7, applicants: 60, occupations, layout, passRate: 0.8 });
    const { report } = checkGrids(await roundTrip(dept.sheets));
    expect(errors(report)).toEqual([]);
    expect(report.applicants).toHaveLength(dept.people.length);
    report.applicants.forEach((a, i) => {
      const p = dept.people[i];
      expect({ name: a.name, studentId: a.studentId, idNumber: a.idNumber }).toEqual({ name: p.name, studentId: p.studentId, idNumber: p.idNumber });
      expect({ passedCourses: a.passedCourses, eligibleLevel: a.eligibleLevel, status: a.status, missing: a.missing }).toEqual(expectedFor(p));
    });
    const statuses = new Set(report.applicants.map((a) => a.status));
    expect(statuses.size).toBeGreaterThanOrEqual(3);
  });
});

describe("every planted defect is reported at its cell", () => {
  const dept = syntheticDepartment({ seed: 3, applicants: 40, defects: true, occupations: CATALOGUE.slice(11, 12) });
  let report: Report;
  beforeAll(async () => {
    report = checkGrids(await roundTrip(dept.sheets)).report;
  });

  test.each(DEFECTS.map((d, k) => [d.code, k + 1] as const))("%s (person %p)", (code, k) => {
    const hits = report.issues.filter((i) => i.code === code);
    expect(hits.length).toBeGreaterThan(0);
    const rosterRow = k + 2;
    const gradeRows = new Set(dept.sheets[1].rows.map((r, i) => (r[0] === dept.people[k].studentId ? i + 1 : -1)).filter((r) => r > 0));
    const atPerson = hits.some((i) => (i.sheet === "花名册" && Number(i.cell.replace(/^[A-Z]+/, "")) === rosterRow) || (i.sheet === "成绩登记册" && gradeRows.has(Number(i.cell.replace(/^[A-Z]+/, "")))));
    expect(atPerson).toBe(true);
  });

  test("statuses follow from the defects", () => {
    const status = (code: string) => report.applicants[DEFECTS.findIndex((d) => d.code === code) + 1].status;
    expect(status("ID_CHECKSUM")).toBe("invalid");
    expect(status("ID_STORED_AS_NUMBER")).toBe("invalid");
    expect(status("OCCUPATION_CODE_UNKNOWN")).toBe("invalid");
    expect(status("WORK_TYPE_REQUIRED")).toBe("invalid");
    expect(status("COHORT_OUT_OF_SCOPE")).toBe("ineligible");
    expect(status("LEVEL_INVALID")).toBe("invalid");
    expect(status("ROUTE_COMPETITION")).toBe("review");
    expect(status("SCORE_FAILED_AFTER_MAKEUP")).toBe("disqualified");
    expect(status("ID_DUPLICATE")).toBe("invalid");
    expect(status("NAME_MISSING")).toBe("invalid");
  });
});

const HEADER = ["姓名", "性别", "身份证号", "学号", "年级", "二级学院", "专业", "职业编码", "职业名称", "工种", "申报级别"];
const MAP = sheet("课程对照表", [["职业编码", "职业名称", "工种", "课程名称"], ...["A", "B", "C", "D", "E", "F", "G", "H"].map((c) => ["4-04-05-01", "计算机程序设计员", null, `课程${c}`])]);
const valid = (first17: string) => first17 + idCheckChar(first17);
const ID1 = valid("11010520020101001");
const ID2 = valid("11010520010303002");
const ID3 = valid("11010520010505001");

function longGrades(rows: (string | number | null)[][]) {
  return sheet("成绩", [["学号", "姓名", "课程名称", "理论成绩", "实操成绩", "理论补考", "实操补考"], ...rows]);
}

function passing(student: string, n: number, name = "张三") {
  return ["A", "B", "C", "D", "E", "F", "G", "H"].slice(0, n).map((c) => [student, name, `课程${c}`, 80, 80, null, null]);
}

describe("hand-made workbooks", () => {
  const roster = (rows: (string | number | null)[][], header = HEADER) => sheet("花名册", [header, ...rows]);
  const person = (over: Record<string, string | number | null> = {}) => {
    const base: Record<string, string | number | null> = {
      姓名: "张三", 性别: "男", 身份证号: ID1, 学号: "2021001", 年级: 2021, 二级学院: "信息工程学院", 专业: "软件技术",
      职业编码: "4-04-05-01", 职业名称: "计算机程序设计员", 工种: null, 申报级别: 3, ...over,
    };
    return HEADER.map((h) => base[h]);
  };

  test("a missing required column: one error on the header row naming it; the rest still checked", async () => {
    const header = HEADER.filter((h) => h !== "专业");
    const row = person().filter((_, i) => HEADER[i] !== "专业");
    const { report } = checkGrids(await roundTrip([roster([row], header), MAP, longGrades(passing("2021001", 8))]));
    const missing = report.issues.filter((i) => i.code === "HEADER_MISSING_COLUMN");
    expect(missing).toHaveLength(1);
    expect(missing[0]).toMatchObject({ sheet: "花名册", cell: "A1", severity: "error" });
    expect(missing[0].message).toContain("“专业”");
    expect(report.applicants[0]).toMatchObject({ status: "eligible", eligibleLevel: 3, passedCourses: 8 });
  });

  test("footer and note rows, blank rows and a repeated header are not applicants", async () => {
    const { report } = checkGrids(await roundTrip([
      roster([person(), [], HEADER, person({ 姓名: "李四", 身份证号: ID2, 学号: "2021002", 性别: "女" }), [], ["制表人：张老师", null, null, "审核人：李主任"], ["注：身份证号须为 18 位"]]),
      MAP, longGrades([...passing("2021001", 8), ...passing("2021002", 6, "李四")]),
    ]));
    expect(report.applicants.map((a) => [a.row, a.name, a.status, a.eligibleLevel])).toEqual([[2, "张三", "eligible", 3], [5, "李四", "downgrade", 4]]);
    expect(errors(report)).toEqual([]);
  });

  test("§7 an ID number stored as a number is an error, with what Excel shows", async () => {
    const { report } = checkGrids(await roundTrip([roster([person({ 身份证号: Number(ID1) })]), MAP, longGrades(passing("2021001", 8))]));
    const issue = report.issues.find((i) => i.code === "ID_STORED_AS_NUMBER");
    expect(issue).toMatchObject({ sheet: "花名册", cell: "C2", severity: "error" });
    expect(issue?.message).toContain(ID1.slice(0, 15) + "000");
    expect(report.applicants[0].status).toBe("invalid");
  });

  test("§7 same ID twice: same occupation error, other occupation warning; student numbers unique per person", async () => {
    const { report } = checkGrids(await roundTrip([
      roster([
        person(),
        person(),
        person({ 职业编码: "6-31-01-03", 职业名称: "电工" }),
        person({ 身份证号: ID2, 性别: "女", 姓名: "李四" }),
      ]),
      MAP, longGrades(passing("2021001", 8)),
    ]));
    const codes = report.issues.filter((i) => i.sheet === "花名册").map((i) => [i.cell, i.code]);
    expect(codes).toEqual(expect.arrayContaining([["C3", "ID_DUPLICATE"], ["C4", "ID_MULTIPLE_OCCUPATIONS"], ["D5", "STUDENT_ID_DUPLICATE"]]));
    expect(report.applicants.map((a) => a.status)).toEqual(["eligible", "invalid", "incomplete", "invalid"]);
  });

  test("§5 grade rows: stranger, duplicate course, unrelated course, name mismatch, makeups", async () => {
    const rows = [
      ...passing("2021001", 5, "张三"),
      ["2021001", "张三", "课程F", 50, 70, 65, null],
      ["2021001", "张叁", "课程G", 70, 70, null, 50],
      ["2021001", "张三", "课程A", 10, 10, null, null],
      ["2021001", "张三", "大学英语", 90, 90, null, null],
      ["2099001", "王五", "课程A", 90, 90, null, null],
    ];
    const { report } = checkGrids(await roundTrip([roster([person()]), MAP, longGrades(rows)]));
    const at = (code: string) => report.issues.filter((i) => i.code === code).map((i) => `${i.cell}:${i.severity}`);
    expect(at("SCORE_MAKEUP_IGNORED")).toEqual(["G8:warning"]);
    expect(at("GRADE_DUPLICATE_COURSE")).toEqual(["C9:warning"]);
    expect(at("GRADE_COURSE_NOT_RELATED")).toEqual(["C10:info"]);
    expect(at("GRADE_STUDENT_NOT_ON_ROSTER")).toEqual(["A11:warning"]);
    expect(at("GRADE_NAME_MISMATCH")).toEqual(["B8:warning"]);
    expect(report.applicants[0]).toMatchObject({ passedCourses: 7, eligibleLevel: 4, status: "downgrade", missing: 1 });
  });

  test("§5 failed after makeup: disqualified by default, only the course with 该课程不计", async () => {
    const grades = longGrades([...passing("2021001", 8), ["2021001", "张三", "课程A", 30, 80, 40, null]].slice(1));
    const settings = (v: string) => sheet("设置", [["项目", "值"], ["补考不及格处理", v]]);
    const dflt = checkGrids(await roundTrip([roster([person()]), MAP, grades])).report;
    expect(dflt.applicants[0]).toMatchObject({ status: "disqualified", eligibleLevel: null, passedCourses: 7 });
    const course = checkGrids(await roundTrip([roster([person()]), MAP, grades, settings("该课程不计")])).report;
    expect(course.applicants[0]).toMatchObject({ status: "downgrade", eligibleLevel: 4, passedCourses: 7, missing: 1 });
  });

  test("forms.md D settings: year, credit route, invalid values named at their cell", async () => {
    const s = sheet("设置", [["项目", "值"], ["认定年度", 2024], ["四级学分要求", 20], ["补考不及格处理", "看情况"], ["颜色", "红"]]);
    const grades = longGrades(passing("2022001", 5).map((r) => [...r.slice(0, 6), null]));
    const rows = [person({ 年级: "2022级", 学号: "2022001", 申报级别: 4 })];
    const { report, settings } = checkGrids(await roundTrip([roster(rows), sheet("课程对照表", [["职业编码", "职业名称", "工种", "课程名称", "学分"], ...["A", "B", "C", "D", "E", "F", "G", "H"].map((c) => ["4-04-05-01", "计算机程序设计员", null, `课程${c}`, 4])]), grades, s]));
    expect(settings.assessmentYear).toBe(2024);
    expect(report.applicants[0]).toMatchObject({ cohort: 2022, status: "eligible", eligibleLevel: 4, passedCourses: 5 });
    expect(report.issues.filter((i) => i.sheet === "设置").map((i) => [i.cell, i.code])).toEqual([["B4", "SETTING_INVALID"], ["A5", "SETTING_UNKNOWN"]]);
  });

  test("wide register with makeups under each course", async () => {
    const top = ["学号", "姓名", ...["A", "B", "C", "D", "E", "F"].flatMap((c) => [`课程${c}`, null, null])];
    const sub = [null, null, ...["A", "B", "C", "D", "E", "F"].flatMap(() => ["理论", "实操", "理论补考"])];
    const data = ["2021001", "张三", 80, 80, null, 80, 80, null, 50, 80, 70, 80, 80, null, 80, 80, null, 50, 90, null];
    const merges = ["A1:A2", "B1:B2", ...[0, 1, 2, 3, 4, 5].map((k) => `${String.fromCharCode(67 + 3 * k)}1:${String.fromCharCode(69 + 3 * k)}1`)];
    const { report } = checkGrids(await roundTrip([roster([person({ 申报级别: 4 })]), MAP, sheet("成绩登记册", [top, sub, data], { merges })]));
    expect(report.applicants[0]).toMatchObject({ passedCourses: 5, eligibleLevel: null, status: "incomplete", missing: 1 });
    expect(report.issues.filter((i) => i.code === "SCORE_PENDING_MAKEUP").map((i) => i.cell)).toEqual(["R3"]);
  });

  test("course map with a major column: related courses per major", async () => {
    const map = sheet("课程对照表", [["职业编码", "职业名称", "工种", "专业", "课程名称"],
      ...["A", "B", "C", "D", "E", "F"].map((c) => ["4-04-05-01", "计算机程序设计员", null, null, `课程${c}`]),
      ["4-04-05-01", "计算机程序设计员", null, "软件技术", "课程G"], ["4-04-05-01", "计算机程序设计员", null, "软件技术", "课程H"],
      ["4-04-05-01", "计算机程序设计员", null, "网络技术", "课程X"]]);
    const rows = [person(), person({ 姓名: "李四", 性别: "女", 身份证号: ID2, 学号: "2021002", 专业: "网络技术" })];
    const { report } = checkGrids(await roundTrip([roster(rows), map, longGrades([...passing("2021001", 8), ...passing("2021002", 8, "李四")])]));
    expect(report.applicants.map((a) => [a.passedCourses, a.eligibleLevel, a.status])).toEqual([[8, 3, "eligible"], [6, 4, "downgrade"]]);
  });

  test("§9 plan: under 10 days is an error at the submission date", async () => {
    const plan = sheet("认定计划", [["职业编码", "职业名称", "工种", "级别", "人数", "计划提交日期", "认定日期"],
      ["4-04-05-01", "计算机程序设计员", null, "三级", 1, "2023-11-01", "2023-11-11"],
      ["4-04-05-01", "计算机程序设计员", null, "四级", 1, "2023-11-05", "2023-11-11"],
      ["6-31-01-03", "电工", null, "四级", 1, "2023-11-05", "下周"]]);
    const { report } = checkGrids(await roundTrip([roster([person()]), MAP, longGrades(passing("2021001", 8)), plan]));
    expect(report.issues.filter((i) => i.sheet === "认定计划").map((i) => [i.cell, i.code])).toEqual([["F3", "PLAN_TOO_LATE"], ["G4", "PLAN_DATE_INVALID"]]);
  });

  test("§9 certificate numbers on the roster: format, level digit, uniqueness", async () => {
    const header = [...HEADER, "证书编号"];
    const ok = "S00004100000123" + "3" + "000001";
    const rows = [
      [...person(), ok],
      [...person({ 姓名: "李四", 性别: "女", 身份证号: ID2, 学号: "2021002" }), ok],
      [...person({ 姓名: "王五", 身份证号: ID3, 学号: "2021003" }), "S0000410000012340000"],
    ];
    const grades = longGrades([...passing("2021001", 8), ...passing("2021002", 8, "李四"), ...passing("2021003", 6, "王五")]);
    const { report } = checkGrids(await roundTrip([roster(rows, header), MAP, grades]));
    expect(report.issues.filter((i) => i.code.startsWith("CERT_NO")).map((i) => [i.cell, i.code])).toEqual([["L3", "CERT_NO_DUPLICATE"], ["L4", "CERT_NO_FORMAT"]]);
  });

  test("sheet choice: several grade registers are united; a real roster tie names both sheets", async () => {
    const g = longGrades(passing("2021001", 8));
    const other = { ...g, name: "Sheet3", rows: [g.rows[0]] };
    const ok = checkGrids(await roundTrip([roster([person()]), MAP, other, g])).report;
    expect(ok.applicants[0].status).toBe("eligible");
    // The same register twice: identical records are one, no tie and no conflict.
    const twice = checkGrids(await roundTrip([roster([person()]), MAP, { ...g, name: "成绩1" }, { ...g, name: "成绩2" }])).report;
    expect(twice.issues.filter((i) => i.sheet.startsWith("成绩"))).toEqual([]);
    expect(twice.applicants[0].status).toBe("eligible");
    const r = roster([person()]);
    const named = checkGrids(await roundTrip([{ ...r, name: "Sheet2" }, r])).report;
    expect(named.applicants[0].sheet).toBe("花名册");
    await expect(roundTrip([{ ...r, name: "Sheet1" }, { ...r, name: "Sheet2" }]).then((g2) => checkGrids(g2))).rejects.toThrow(/“Sheet1”和“Sheet2”都像申报人员花名册/);
  });

  test("no roster at all, or an empty workbook: unusable, with what to do", async () => {
    await expect(roundTrip([MAP]).then((g) => checkGrids(g))).rejects.toThrow(UnusableWorkbook);
    await expect(roundTrip([MAP]).then((g) => checkGrids(g))).rejects.toThrow(/没有找到申报人员花名册/);
    await expect(roundTrip([sheet("Sheet1", [])]).then((g) => checkGrids(g))).rejects.toThrow(/工作簿是空的/);
  });

  test("a workbook that cannot be checked says so by a code of the message table, so the pane can say it in English", async () => {
    const codeOf = async (sheets: Parameters<typeof roundTrip>[0]) => {
      const e = await roundTrip(sheets).then((g) => checkGrids(g)).then(() => null, (x: unknown) => x);
      expect(e).toBeInstanceOf(UnusableWorkbook);
      const u = e as UnusableWorkbook;
      return { code: u.code, zh: u.message, en: u.code ? messageFor(u.code, u.params, "en-US") : "" };
    };
    const r = roster([person()]);
    expect(await codeOf([sheet("Sheet1", [])])).toEqual({ code: "WORKBOOK_EMPTY", zh: expect.stringMatching(/^工作簿是空的/), en: expect.stringMatching(/^The workbook is empty/) });
    expect(await codeOf([MAP])).toEqual({ code: "ROSTER_NOT_FOUND", zh: expect.stringMatching(/^没有找到申报人员花名册/), en: expect.stringMatching(/^No roster found/) });
    expect(await codeOf([{ ...r, name: "Sheet1" }, { ...r, name: "Sheet2" }])).toEqual({
      code: "ROSTER_TIE", zh: expect.stringMatching(/^工作表“Sheet1”和“Sheet2”都像申报人员花名册/), en: 'Sheets "Sheet1" and "Sheet2" both look like the roster: delete the one not in use (a backup?), or rename it so that only the sheet to check has 花名册 in its name.',
    });
  });

  test("no course map, no grades: one error each, applicants still reported", async () => {
    const { report } = checkGrids(await roundTrip([roster([person()])]));
    expect(report.issues.filter((i) => i.severity === "error").map((i) => i.code).sort()).toEqual(["GRADES_MISSING", "MAP_MISSING"]);
    expect(report.applicants[0]).toMatchObject({ status: "incomplete", missing: 6 });
  });
});

describe("more layouts forms.md allows", () => {
  const header = ["姓名", "性别", "身份证号", "学号", "年级", "二级学院", "专业", "职业名称", "工种", "申报级别"];
  const ID = "11010520020101001" + idCheckChar("11010520020101001");
  const row = ["张三", "男", ID, "2021001", 2021, "信息工程学院", "软件技术", "计算机程序设计员", null, 3];

  test("a wide register whose course name is repeated over its sub-columns instead of merged", async () => {
    const courses = ["A", "B", "C", "D", "E", "F", "G", "H"];
    const top = ["学号", "姓名", ...courses.flatMap((c) => [`课程${c}`, `课程${c}`])];
    const sub = [null, null, ...courses.flatMap(() => ["理论", "实操"])];
    const data = ["2021001", "张三", ...courses.flatMap(() => [80, 90])];
    const { report } = checkGrids(await roundTrip([sheet("花名册", [[...header, "职业编码"], [...row, "4-04-05-01"]]), MAP, sheet("成绩", [top, sub, data])]));
    expect(report.applicants[0]).toMatchObject({ passedCourses: 8, eligibleLevel: 3, status: "eligible" });
    expect(report.issues.filter((i) => i.code === "GRADE_DUPLICATE_COURSE")).toEqual([]);
  });

  test("a roster without an occupation-code column: one header error, occupations found by name", async () => {
    const { report } = checkGrids(await roundTrip([sheet("花名册", [header, row, ["李四", "女", "11010520010303002" + idCheckChar("11010520010303002"), "2021002", 2021, "信息工程学院", "软件技术", "程序员", null, 3]]), MAP, longGrades(passing("2021001", 8))]));
    expect(report.issues.filter((i) => i.code === "HEADER_MISSING_COLUMN").map((i) => i.message)).toEqual([expect.stringContaining("“职业编码”")]);
    expect(report.applicants[0]).toMatchObject({ occupationCode: "4-04-05-01", passedCourses: 8, eligibleLevel: 3 });
    expect(report.issues.find((i) => i.code === "OCCUPATION_NAME_UNKNOWN")).toMatchObject({ cell: "H3", severity: "error" });
    expect(report.applicants[1].status).toBe("invalid");
  });
});
