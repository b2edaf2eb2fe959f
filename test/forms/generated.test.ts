// forms.md "What is written back" 3: the generated sheets' content and print setup.
import ExcelJS from "exceljs";
import * as fs from "fs";
import * as path from "path";
import { readZipEntry } from "../support/zip";
import { syntheticDepartment } from "../../src/app/synthetic";
import { readGridsFromFile, runFile } from "../../src/cli/files";
import { checkGrids, type CheckResult } from "../../src/app/check";
import { GENERATED_SHEETS } from "../../src/forms/generated";
import { CATALOGUE } from "../../src/domain/catalogue";
import { tmpDir, writeFixture } from "../support/workbooks";
import { readParts } from "../support/writers";
import { textOf } from "../../src/forms/table";
import { planWriteBack } from "../../src/app/writeback";
import { STATUS_LABELS, STATUSES } from "../../src/domain/eligibility";

let wb: ExcelJS.Workbook;
let out: string;
let result: CheckResult;
const dir = tmpDir();

beforeAll(async () => {
  const dept = syntheticDepartment({ seed: 51, applicants: 80, defects: true, passRate: 0.8 });
  const input = await writeFixture([...dept.sheets, { name: "设置", rows: [["项目", "值"], ["学校名称", "示例职业技术学院"], ["公示身份证格式", "4+4"]], merges: [] }], path.join(dir, "in.xlsx"));
  out = path.join(dir, "out.xlsx");
  result = checkGrids(await readGridsFromFile(input));
  await runFile(input, out);
  wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(out);
});

const texts = (ws: ExcelJS.Worksheet) => {
  const out: string[] = [];
  ws.eachRow((row) => row.eachCell((c) => c.type !== ExcelJS.ValueType.Merge && out.push(String(c.value ?? ""))));
  return out;
};
const putForward = () => result.report.applicants.filter((a) => a.status === "eligible" || a.status === "downgrade");

test("every generated sheet, A4, print areas; tables repeat their header rows and freeze them", () => {
  for (const name of GENERATED_SHEETS) {
    const ws = wb.getWorksheet(name) as ExcelJS.Worksheet;
    expect(ws).toBeDefined();
    expect(ws.pageSetup.paperSize).toBe(9);
    expect(ws.pageSetup.printArea).toMatch(/^A1:[A-Z]+\d+$/);
  }
  for (const name of ["申报人员花名册", "公示名单", "获证人员汇总表", "认定计划", "归档清单"]) {
    const ws = wb.getWorksheet(name) as ExcelJS.Worksheet;
    expect(ws.pageSetup.printTitlesRow).toBe("1:3");
    expect(ws.views[0]).toMatchObject({ state: "frozen", ySplit: 3 });
  }
});

test("print setup (issue 18): centred, margins, one page wide, page numbers where a form runs on; 上报数据 split across pages with its identity columns repeated", () => {
  const parts = readParts(out);
  const names = wb.worksheets.map((w) => w.name);
  const xmlOf = (name: string) => new TextDecoder().decode(parts[`xl/worksheets/sheet${names.indexOf(name) + 1}.xml`]);
  for (const name of GENERATED_SHEETS) {
    const xml = xmlOf(name);
    expect(xml).toContain('<printOptions horizontalCentered="1"');
    // The 备案表 between narrower margins: its page prints at full size, the photo box 照片尺寸 (#19).
    const side = name === "备案表" ? "0.3" : "0.5";
    expect(xml).toContain(`<pageMargins left="${side}" right="${side}" top="0.6" bottom="0.6" header="0.3" footer="0.3"/>`);
    if (name !== "上报数据") expect(xml).toMatch(/<pageSetUpPr fitToPage="1"\/>[\s\S]*fitToWidth="1" fitToHeight="0"/);
    // A footer with the page of pages on every form that runs on; the 备案表 is one form a page.
    if (name === "备案表" || name === "督导汇总") expect(xml).not.toContain("<headerFooter>");
    else expect(xml).toContain("<headerFooter><oddFooter>&amp;C第 &amp;P 页，共 &amp;N 页</oddFooter></headerFooter>");
  }
  const upload = xmlOf("上报数据");
  expect(upload).not.toContain("fitToPage");
  expect(upload).toMatch(/<colBreaks count="\d+" manualBreakCount="\d+"><brk id="\d+" max="1048575" man="1"\/>/);
  const ws = wb.getWorksheet("上报数据") as ExcelJS.Worksheet;
  expect(ws.pageSetup.printTitlesColumn).toBe("A:C");
  expect(ws.pageSetup.printTitlesRow).toBe("3:3");
  expect(ws.pageSetup.orientation).toBe("landscape");
  // Each page after the first: a course's name and both scores together.
  const breaks = [...upload.matchAll(/<brk id="(\d+)" max="1048575"/g)].map((m) => Number(m[1]));
  for (const b of breaks) expect((b - 8) % 3).toBe(0);
});

test("公示名单 masks every ID number with the pattern from settings, and holds no full ID", () => {
  const ws = wb.getWorksheet("公示名单") as ExcelJS.Worksheet;
  const ids = ws.getColumn(4).values.slice(4).map(String);
  expect(ids).toHaveLength(putForward().length);
  for (const id of ids) expect(id).toMatch(/^\d{4}\*{10}[\dX]{4}$/);
  for (const t of texts(ws)) expect(t).not.toMatch(/\d{15,}/);
  expect(String(ws.getCell("A1").value)).toBe("示例职业技术学院职业技能等级认定拟认定人员公示名单");
});

test("申报人员花名册: the official title, applicants who can be put forward only", () => {
  const ws = wb.getWorksheet("申报人员花名册") as ExcelJS.Worksheet;
  expect(ws.getCell("A1").value).toBe("示例职业技术学院毕业生职业技能等级认定申报人员花名册");
  const names = ws.getColumn(2).values.slice(4);
  expect(names).toEqual(putForward().map((a) => a.name));
  const level = ws.getColumn(14).values.slice(4);
  expect(level).toEqual(putForward().map((a) => (a.eligibleLevel === 3 ? "三级/高级工" : "四级/中级工")));
});

test("备案表: one page per applicant put forward or under review, page breaks between, 一式两份 and the signature boxes", () => {
  const ws = wb.getWorksheet("备案表") as ExcelJS.Worksheet;
  const all = texts(ws);
  const forms = result.report.applicants.filter((a) => ["eligible", "downgrade", "review"].includes(a.status)).length;
  expect(all.filter((t) => t === "职业技能等级认定备案表")).toHaveLength(forms);
  expect(all.filter((t) => t.includes("（一式两份）"))).toHaveLength(forms);
  for (const box of ["辅导员签字：", "二级学院（盖章）：", "认定中心（盖章）："]) expect(all.filter((t) => t === box)).toHaveLength(forms);
  // ExcelJS writes page breaks but does not read them back: count them in the sheet's XML.
  const bytes = fs.readFileSync(out);
  const index = wb.worksheets.indexOf(ws) + 1;
  const xml = readZipEntry(bytes, `xl/worksheets/sheet${index}.xml`) as string;
  expect(xml.match(/<brk /g)).toHaveLength(forms - 1);
  expect(xml).toMatch(/<pageSetup[^>]*paperSize="9"/);
});

test("备案表 (#19): a box labelled 照片 at the top right of every page, G3:G7 of the page merged, reading 贴照片处 without a photo", () => {
  const ws = wb.getWorksheet("备案表") as ExcelJS.Worksheet;
  const forms = result.report.applicants.filter((a) => ["eligible", "downgrade", "review"].includes(a.status)).length;
  const all = texts(ws);
  expect(all.filter((t) => t === "照片")).toHaveLength(forms);
  expect(all.filter((t) => t === "贴照片处")).toHaveLength(forms);
  const xml = readZipEntry(fs.readFileSync(out), `xl/worksheets/sheet${wb.worksheets.indexOf(ws) + 1}.xml`) as string;
  const merges = [...xml.matchAll(/<mergeCell ref="G(\d+):G(\d+)"\/>/g)].map((m) => [Number(m[1]), Number(m[2])]);
  expect(merges).toHaveLength(forms);
  // Each merge starts right below the label 照片 (column G), five rows tall; the first on the first page.
  expect(merges[0]).toEqual([3, 7]);
  for (const [top, bottom] of merges) {
    expect(bottom - top).toBe(4);
    expect(ws.getCell(`G${top - 1}`).value).toBe("照片");
    expect(ws.getCell(`G${top}`).value).toBe("贴照片处");
  }
  // Its column is the photo's width (一寸, 25 mm: 13.5 characters at Excel's 7 px and 96 dpi), no wider.
  expect(ws.getColumn(7).width).toBe(13.5);
  // No picture without --photos: no drawing on the sheet.
  expect(xml).not.toContain("<drawing ");
});

test("认定计划 and 上报数据 count the same applicants per occupation and level; 认定统计 adds up", () => {
  const plan = wb.getWorksheet("认定计划") as ExcelJS.Worksheet;
  const counts = plan.getColumn(5).values.slice(4).map(Number);
  expect(counts.reduce((a, b) => a + b, 0)).toBe(putForward().length);
  const stats = texts(wb.getWorksheet("认定统计") as ExcelJS.Worksheet);
  expect(stats).toContain(`认定年度：2023　　申报共 ${result.report.applicants.length} 人`);
});

test("归档清单 lists the six materials of notice §七", () => {
  const ws = wb.getWorksheet("归档清单") as ExcelJS.Worksheet;
  expect(ws.getColumn(2).values.slice(4)).toEqual([
    "职业技能等级认定备案表（一式两份）", "职业技能等级认定申报人员花名册", "各职业（工种）相关课程考核成绩登记册复印件",
    "职业技能等级自主认定合格人员证书编号", "职业技能等级自主认定获证人员汇总表", "内部质量督导报告",
  ]);
  expect(ws.getCell("C6").value).toBe("有");
  expect(ws.getCell("C9").value).toBe("缺");
});

test("the hidden sheets: the journal and the formulas' data", () => {
  expect(wb.getWorksheet("_kz")?.state).toBe("hidden");
  expect(wb.getWorksheet("_kz_data")?.state).toBe("hidden");
});

test("认定计划 carries the dates typed on the department's plan, with the 10-day check", async () => {
  const dept = syntheticDepartment({ seed: 52, applicants: 30, occupations: CATALOGUE.slice(11, 12), passRate: 0.95 });
  const plan = { name: "认定计划", merges: [], rows: [["职业编码", "职业名称", "工种", "级别", "人数", "计划提交日期", "认定日期"], ["4-04-05-01", "计算机程序设计员", null, "三级", 5, "2023-11-01", "2023-11-08"], ["4-04-05-01", "计算机程序设计员", null, "四级", 5, "2023-11-01", "2023-11-20"]] };
  const input = await writeFixture([...dept.sheets, plan], path.join(dir, "plan-in.xlsx"));
  const planOut = path.join(dir, "plan-out.xlsx");
  await runFile(input, planOut);
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(planOut);
  const ws = book.getWorksheet("认定计划(2)") as ExcelJS.Worksheet;
  const rows = [4, 5].map((r) => [ws.getCell(r, 4).value, ws.getCell(r, 6).value, ws.getCell(r, 7).value, (ws.getCell(r, 9).value as ExcelJS.CellFormulaValue).result]);
  expect(rows).toEqual([
    ["三级/高级工", new Date(Date.UTC(2023, 10, 1)), new Date(Date.UTC(2023, 10, 8)), "不足 10 天，须调整"],
    ["四级/中级工", new Date(Date.UTC(2023, 10, 1)), new Date(Date.UTC(2023, 10, 20)), "符合（提前 19 天）"],
  ]);
  // 督导汇总 sets the same plan against who can be put forward, with the 10-day check.
  const sup = texts(book.getWorksheet("督导汇总") as ExcelJS.Worksheet);
  const at = sup.indexOf("计算机程序设计员");
  expect(sup.slice(at, at + 5)).toEqual(["计算机程序设计员", "三级/高级工", expect.stringMatching(/^\d+$/), "5", "7 天，不足 10 天"]);
  expect(sup).toContain("19 天，符合");
});

test("成绩确认表: a block per class with every applicant once, course results, the level or the reason, a column to sign, no ID numbers, a page per class", () => {
  const ws = wb.getWorksheet("成绩确认表") as ExcelJS.Worksheet;
  expect(ws.getCell("A1").value).toBe("示例职业技术学院职业技能等级认定成绩确认表");
  expect(ws.getRow(2).values).toEqual([undefined, "序号", "姓名", "学号", "职业（工种）", "相关课程成绩（理论 / 实操）", "已合格相关课程数", "可认定等级", "本人签字"]);
  expect(ws.pageSetup.orientation).toBe("landscape");
  expect(ws.pageSetup.printTitlesRow).toBe("1:2");
  const all = texts(ws);
  for (const t of all) expect(t).not.toMatch(/\d{15,}/);
  // Every applicant once (the defects include a student number typed twice: it shows twice).
  const students = result.applicants.map((a) => a.identity.studentId).filter(Boolean);
  for (const id of new Set(students)) expect({ id, rows: all.filter((t) => t === id).length }).toEqual({ id, rows: students.filter((x) => x === id).length });
  const classes = new Set(result.applicants.map((a) => textOf(result.roster.table, a.identity.row, "className")));
  expect(all.filter((t) => t.startsWith("班级："))).toHaveLength(classes.size);
  expect(all.filter((t) => t === "辅导员签字：")).toHaveLength(classes.size);
  expect(all.some((t) => /^暂不能认定：课程未修满$/.test(t))).toBe(true);
  expect(all.some((t) => /：理论 \S+ \/ 实操 \S+.* (合格|待补考|缺成绩|补考不及格)/.test(t))).toBe(true);
  // One page per class: a break after each block but the last.
  const xml = Object.values(readParts(out)).map((b) => new TextDecoder().decode(b)).find((x) => x.includes("职业技能等级认定成绩确认表") && x.includes("<worksheet")) as string;
  expect((xml.match(/<brk /g) ?? []).length).toBe(classes.size - 1);
  expect(texts(wb.getWorksheet("归档清单") as ExcelJS.Worksheet).some((t) => t.includes("工作表“成绩确认表”"))).toBe(true);
});

test("督导汇总 (§六): status counts and shares as the report has them, the reasons for 信息有误, the marked cells by kind, a line to sign, no ID numbers", () => {
  const ws = wb.getWorksheet("督导汇总") as ExcelJS.Worksheet;
  const all = texts(ws);
  expect(all[0]).toBe("示例职业技术学院职业技能等级认定内部质量督导汇总");
  for (const t of all) expect(t).not.toMatch(/\d{15,}/);
  const counts = new Map<string, number>();
  for (const a of result.report.applicants) counts.set(a.status, (counts.get(a.status) ?? 0) + 1);
  const total = result.report.applicants.length;
  for (const s of STATUSES) {
    const i = all.indexOf(STATUS_LABELS[s]);
    expect({ s, n: all[i + 1], share: all[i + 2] }).toEqual({ s, n: String(counts.get(s) ?? 0), share: `${(((counts.get(s) ?? 0) / total) * 100).toFixed(1)}%` });
  }
  // Each invalid applicant's blocking problems, by code: the ID check digit is among them in this department.
  expect(all).toContain("ID_CHECKSUM");
  const plan = planWriteBack(result);
  const kind = (k: string) => String(plan.marks.filter((m) => m.kind === k).length);
  expect(all[all.indexOf("错误（红色）") + 1]).toBe(kind("error"));
  expect(all[all.indexOf("警告（黄色）") + 1]).toBe(kind("warning"));
  expect(all).toContain("督导组组长（签字）：");
  expect(texts(wb.getWorksheet("归档清单") as ExcelJS.Worksheet).some((t) => t.includes("工作表“督导汇总”"))).toBe(true);
});
