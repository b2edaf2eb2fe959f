// kezheng import: 教务系统 exports (tall rows; .xls by LibreOffice, GB18030 .csv) written into the
// department's workbook as the official register; then check gives what the export itself gives.
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { checkGrids } from "../../src/app/check";
import { IMPORT_MARK } from "../../src/app/import";
import { syntheticDepartment, type SheetData } from "../../src/app/synthetic";
import { cellText, type Grid } from "../../src/forms/grid";
import { kezheng } from "../support/cli";
import { roundTrip, tmpDir, writeFixture } from "../support/workbooks";
import { libreofficeConvert, readParts } from "../support/writers";

const dir = tmpDir();
const dept = syntheticDepartment({ seed: 71, applicants: 40, defects: true, layout: { grades: "tall", shuffle: true } });
const exportSheet = dept.sheets.find((s) => s.name === "成绩导出") as SheetData;
const own = dept.sheets.filter((s) => s !== exportSheet);
let workbook: string;
let xls: string;
let expected: ReturnType<typeof checkGrids>["report"];

const statuses = (r: { applicants: { name: string; status: string; eligibleLevel: number | null; passedCourses: number }[] }) => r.applicants.map((a) => [a.name, a.status, a.eligibleLevel, a.passedCourses]);
const csvOf = (g: Grid | SheetData) => g.rows.map((r) => r.map((v) => { const t = cellText(v ?? null); return /[",\n]/.test(t) ? `"${t.replace(/"/g, '""')}"` : t; }).join(",")).join("\r\n");

beforeAll(async () => {
  workbook = await writeFixture(own, path.join(dir, "信息工程学院.xlsx"));
  xls = libreofficeConvert(await writeFixture([exportSheet], path.join(dir, "成绩导出.xlsx")), "xls");
  expected = checkGrids(await roundTrip(dept.sheets)).report;
}, 60000);

test("an .xls export into the workbook: the register sheet, then check gives the export's levels; the user's parts untouched", async () => {
  const out = path.join(dir, "信息工程学院-导入.xlsx");
  const r = kezheng(["import", xls, "--into", workbook]);
  expect(r.stderr).toBe("");
  expect(r.stdout).toMatch(/读取 成绩导出\.xls：\d+ 行成绩/);
  expect(r.stdout).toMatch(/共 \d+ 名学生、\d+ 门课程、\d+ 条课程成绩/);
  expect(r.stdout).toMatch(/已写入 .*信息工程学院-导入\.xlsx 的工作表“成绩登记册（导入）”/);
  const checked = JSON.parse(kezheng(["check", out, "--json"]).stdout);
  expect(statuses(checked)).toEqual(statuses(expected));
  // Every part of the input is still there; the user's sheets byte for byte.
  const before = readParts(workbook);
  const after = readParts(out);
  for (const name of Object.keys(before).filter((n) => n.startsWith("xl/worksheets/"))) expect(Buffer.from(after[name]).equals(Buffer.from(before[name]))).toBe(true);
  const wbXml = Buffer.from(after["xl/workbook.xml"]).toString("utf8");
  expect(wbXml).toContain(`name="${IMPORT_MARK}"`);
  // Printed as an archive material: header rows repeated on every page.
  expect(wbXml).toMatch(/_xlnm\.Print_Titles[^>]*>'成绩登记册（导入）'!\$1:\$2/);
  // run then works on the imported register like on any other.
  const run = kezheng(["run", out, "-o", path.join(dir, "run.xlsx")]);
  expect(run.code).toBeLessThan(2);
  expect(statuses(JSON.parse(kezheng(["check", path.join(dir, "run.xlsx"), "--json"]).stdout))).toEqual(statuses(expected));
}, 120000);

test("importing again replaces the sheet an earlier import wrote; several exports (a GB18030 .csv among them) are united", async () => {
  const once = path.join(dir, "once.xlsx");
  expect(kezheng(["import", xls, "--into", workbook, "-o", once]).code).toBe(1); // the defects include an unreadable score
  // The export split in two: the first half as .xls, the second as a GB18030 .csv.
  const rows = exportSheet.rows;
  const half = Math.floor(rows.length / 2);
  const first = libreofficeConvert(await writeFixture([{ ...exportSheet, rows: rows.slice(0, half) }], path.join(dir, "上学期.xlsx")), "xls");
  const csv = path.join(dir, "下学期.csv");
  fs.writeFileSync(csv, execFileSync("/usr/bin/python3", ["-c", "import sys; sys.stdout.buffer.write(sys.stdin.buffer.read().decode('utf-8').encode('gb18030'))"], { input: Buffer.from(csvOf({ ...exportSheet, rows: [rows[0], ...rows.slice(half)] }), "utf8") }));
  const twice = path.join(dir, "twice.xlsx");
  const r = kezheng(["import", first, csv, "--into", once, "-o", twice]);
  expect(r.stdout).toMatch(/读取 上学期\.xls/);
  expect(r.stdout).toMatch(/读取 下学期\.csv/);
  const names = [...Buffer.from(readParts(twice)["xl/workbook.xml"]).toString("utf8").matchAll(/<sheet [^>]*name="([^"]+)"/g)].map((m) => m[1]);
  expect(names.filter((n) => n.startsWith("成绩登记册"))).toEqual(["成绩登记册（导入）"]);
  expect(statuses(JSON.parse(kezheng(["check", twice, "--json"]).stdout))).toEqual(statuses(expected));
}, 120000);

test("conflicts and unrecognised values are listed with their cells, exit 1; students not on the roster are named", async () => {
  const bad = { ...exportSheet, rows: [...exportSheet.rows, ["2023-2024", "1", "9999999", "外校生", "KC1000", "课程X", 4, "理论", "正常考试", 70]] };
  const first = bad.rows[1];
  bad.rows.push([...first.slice(0, 9), first[9] === 12 ? 13 : 12], [...first.slice(0, 7), "平时", first[8], 80]);
  const file = await writeFixture([bad], path.join(dir, "有问题的导出.xlsx"));
  const r = kezheng(["import", file, "--into", workbook, "-o", path.join(dir, "bad.xlsx")]);
  expect(r.code).toBe(1);
  expect(r.stdout).toMatch(/不在花名册中的学生 1 名：9999999/);
  expect(r.stdout).toMatch(new RegExp(`错误 成绩导出!J${bad.rows.length - 1}　.*已在第 2 行登记`));
  expect(r.stdout).toMatch(new RegExp(`警告 成绩导出!H${bad.rows.length}　成绩分项“平时”无法识别`));
});

test("a file without grades, or one that cannot be read: one clear line, exit 2, nothing written", async () => {
  const noGrades = path.join(dir, "通讯录.csv");
  fs.writeFileSync(noGrades, "姓名,电话\n张三,13800000000\n");
  const out = path.join(dir, "none.xlsx");
  const r = kezheng(["import", noGrades, "--into", workbook, "-o", out]);
  expect(r.code).toBe(2);
  expect(r.stderr.trim().split("\n")).toHaveLength(1);
  expect(r.stderr).toMatch(/通讯录\.csv 中没有找到成绩/);
  expect(fs.existsSync(out)).toBe(false);
  const missing = kezheng(["import", path.join(dir, "不存在.xls"), "--into", workbook, "-o", out]);
  expect(missing.code).toBe(2);
  expect(missing.stderr).toMatch(/找不到文件/);
});
