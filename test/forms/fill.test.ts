// The fill's reading of a template and its choice of words: header row, mapping, list entries,
// example rows, formats.
import { CATALOGUE } from "../../src/domain/catalogue";
import { chooseTemplateSheet, planFill, templateHeaderRow, type FillSource, type TemplateSheet } from "../../src/forms/fill";
import type { CellValue, Grid } from "../../src/forms/grid";
import { bareEntry, levelInWordingOf, matchEntry } from "../../src/forms/listmatch";
import type { OutputApplicant } from "../../src/forms/output";

const occupation = CATALOGUE.find((o) => o.code === "6-31-01-03") ?? CATALOGUE[0];
const person = (over: Partial<OutputApplicant>): OutputApplicant => ({
  name: "王芳", sex: "女", idNumber: "410102200301021246", studentId: "2021000001", cohort: 2021, department: "信息工程学院", major: "软件技术",
  className: "21级1班", phone: "13800001111", occupation, occupationCode: occupation.code, occupationName: occupation.name, workType: occupation.workType,
  requestedLevel: 4, eligibleLevel: 4, status: "eligible", passedCourses: 6, certificateNo: "", courses: [], ...over,
});

function source(people: OutputApplicant[], extra: { header: string[]; cells: CellValue[][] } = { header: [], cells: [] }): FillSource {
  return {
    applicants: people.map((applicant, i) => ({ applicant, rosterCells: extra.cells[i] ?? [] })),
    rosterHeader: new Map(extra.header.map((h, i) => [h, i])),
  };
}

const sheet = (rows: CellValue[][], over: Partial<TemplateSheet> = {}): TemplateSheet => {
  const grid: Grid = { name: "Sheet1", rows };
  return { grid, headerRow: templateHeaderRow(grid)?.row ?? -1, lists: new Map(), formats: new Map(), ...over };
};

describe("list entries", () => {
  test.each([
    ["level", "四级/中级工", ["中级工", "高级工"], "中级工"],
    ["level", "三级/高级工", ["四级", "三级"], "三级"],
    ["level", "四级/中级工", ["5", "4", "3"], "4"],
    ["level", "四级/中级工", ["初级工", "高级工"], null],
    ["sex", "男", ["1", "2"], "1"],
    ["sex", "女", ["1-男", "2-女"], "2-女"],
    ["idType", "居民身份证", ["港澳台居民居住证", "中华人民共和国居民身份证", "护照"], "中华人民共和国居民身份证"],
    ["idType", "居民身份证", ["护照"], null],
    ["source", "在校生", ["社会人员", "在校学生"], "在校学生"],
    ["source", "在校生", ["社会人员", "企业职工"], null],
    ["occupationName", "电工", ["电工", "焊工"], "电工"],
  ] as const)("%s %s in %j -> %s", (field, value, entries, expected) => {
    expect(matchEntry(field, value, entries)).toBe(expected);
  });

  test("codes before and after an entry are not part of its meaning", () => {
    expect(bareEntry("01-居民身份证")).toBe("居民身份证");
    expect(bareEntry("男(1)")).toBe("男");
    expect(bareEntry("4")).toBe("4");
  });

  test("without a list, the example row's wording of a level is followed", () => {
    expect(levelInWordingOf(3, "中级工")).toBe("高级工");
    expect(levelInWordingOf(4, "三级")).toBe("四级");
    expect(levelInWordingOf(4, "张三")).toBeNull();
  });
});

describe("the template's header row", () => {
  test("the row naming the most fields within the first 30, below title rows; a hidden code sheet is never the one filled", () => {
    const codes: Grid = { name: "代码表", rows: [["级别", "性别", "证件类型", "姓名"]] };
    const main: Grid = { name: "导入", rows: [["考生信息表"], ["级别", "说明"], [], ["姓名", "性别", "证件号码", "职业名称", "等级"]] };
    expect(templateHeaderRow(main)).toEqual({ row: 3, fields: 5 });
    expect(chooseTemplateSheet([{ grid: codes, hidden: true }, { grid: main, hidden: false }])).toEqual({ index: 1, headerRow: 3 });
    expect(chooseTemplateSheet([{ grid: { name: "说明", rows: [["1. 请填写姓名"]] }, hidden: false }])).toBeNull();
  });
});

describe("the plan", () => {
  test("an unknown header is filled from the roster column of the same header; one no roster has is a warning on its header cell", () => {
    const t = sheet([["姓名", "证件号码", "性别", "学籍号", "政治面貌"]]);
    const plan = planFill(t, source([person({})], { header: ["学籍号"], cells: [["G41010220030102124"]] }));
    expect(plan.rows).toEqual([["王芳", "410102200301021246", "女", "G41010220030102124", null]]);
    expect(plan.columns.map((c) => c.field)).toEqual(["name", "idNumber", "sex", "花名册:学籍号", null]);
    expect(plan.issues).toEqual([expect.objectContaining({ code: "TEMPLATE_COLUMN_UNFILLED", cell: "E1" })]);
    expect(plan.emptyColumns).toEqual(["政治面貌"]);
  });

  test("a value no list entry matches is written as is, with a warning at its cell", () => {
    const t = sheet([["姓名", "证件号码", "等级"]], { lists: new Map([[2, ["初级工", "五级"]]]) });
    const plan = planFill(t, source([person({}), person({ name: "李雷", eligibleLevel: 3 })]));
    expect(plan.rows.map((r) => r[2])).toEqual(["四级/中级工", "三级/高级工"]);
    expect(plan.issues.map((i) => [i.code, i.cell])).toEqual([["TEMPLATE_VALUE_NOT_IN_LIST", "C2"], ["TEMPLATE_VALUE_NOT_IN_LIST", "C3"]]);
  });

  test("only those put forward, unless all; the example row is replaced and its extra cells blanked", () => {
    const rows: CellValue[][] = [["序号", "姓名", "证件号码", "性别", "备注"], [1, "张三", "110101199001011234", "1", "样例，请删除"]];
    const people = [person({}), person({ name: "李雷", status: "incomplete", eligibleLevel: null })];
    const plan = planFill(sheet(rows), source(people));
    expect(plan.firstRow).toBe(1);
    // The example writes sex as 1/2: so does the fill.
    expect(plan.rows).toEqual([[1, "王芳", "410102200301021246", 2, null]]);
    expect(plan.blanks).toEqual([{ row: 1, cols: [4] }]);
    expect(plan.existing).toBeNull();
    expect(planFill(sheet(rows), source(people), { all: true }).rows.map((r) => r[1])).toEqual(["王芳", "李雷"]);
  });

  test("rows that hold data are reported (the app refuses), and --append writes below them, numbering on", () => {
    const rows: CellValue[][] = [["序号", "姓名", "证件号码", "性别"], [1, "赵敏", "410102200301021246", "女"]];
    expect(planFill(sheet(rows), source([person({})])).existing).toEqual({ row: 1, text: "1 赵敏 410102200301021246" });
    const appended = planFill(sheet(rows), source([person({})]), { append: true });
    expect(appended.firstRow).toBe(2);
    expect(appended.rows[0][0]).toBe(2);
  });

  test("a roster column's text stays text (leading zeros kept); the example row's words stand only for worded fields", () => {
    const rows: CellValue[][] = [["姓名", "证件号码", "性别", "考生号", "班级"], ["张三（示例）", "110101199001011234", "男", "0001", "2021级1班"]];
    const plan = planFill(sheet(rows), source([person({ className: "2021级" })], { header: ["考生号"], cells: [["0123"]] }));
    expect(plan.rows).toEqual([["王芳", "410102200301021246", "女", "0123", "2021级"]]);
  });

  test("IDs, phones and student numbers are text; dates follow the column's format", () => {
    const header = ["姓名", "身份证号", "手机号码", "学号", "出生日期", "出生年月", "入学年份"];
    const formats = new Map([[4, "date" as const], [5, "text" as const], [6, "text" as const]]);
    const plan = planFill(sheet([header], { formats }), source([person({})]));
    expect(plan.rows[0]).toEqual(["王芳", "410102200301021246", "13800001111", "2021000001", new Date(Date.UTC(2003, 0, 2)), "2003-01-02", "2021"]);
  });
});
