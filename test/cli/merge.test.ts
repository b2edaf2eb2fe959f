// Issue 6: the centre's merge of department workbooks, on the command line.
import ExcelJS from "exceljs";
import * as fs from "fs";
import * as path from "path";
import { encrypt } from "officecrypto-tool";
import { syntheticDepartment, type SheetData } from "../../src/app/synthetic";
import { parseCertNo } from "../../src/domain/certno";
import { kezheng } from "../support/cli";
import { tmpDir, writeFixture } from "../support/workbooks";

const DEPARTMENTS = ["信息工程学院", "机电工程学院", "汽车工程学院", "医学院", "教育学院", "经济管理学院", "艺术设计学院", "农牧学院", "建筑工程学院", "食品工程学院",
  "护理学院", "电子商务学院", "物流学院", "旅游学院", "体育学院", "文学院", "外国语学院", "数学学院", "化工学院", "环境学院", "音乐学院"];

const dir = tmpDir();
const folder = path.join(dir, "各学院");
let duplicateFrom = "";

/** A department whose student numbers and ID numbers do not collide with the others'. */
function department(k: number, extra: Partial<Parameters<typeof syntheticDepartment>[0]> = {}) {
  const d = syntheticDepartment({ seed: 500 + k, applicants: 24, department: DEPARTMENTS[k], passRate: 0.85, ...extra });
  for (const row of d.sheets[0].rows.slice(1)) row[4] = `${k}-${row[4]}`;
  for (const row of d.sheets[1].rows.slice(1)) row[0] = `${k}-${row[0]}`;
  return d;
}

beforeAll(async () => {
  fs.mkdirSync(folder);
  const sheets: SheetData[][] = DEPARTMENTS.map((_, k) => department(k, k === 3 ? { defects: true } : {}).sheets);
  // The same person (same ID number) in two departments' rosters.
  const a = sheets[0][0].rows[5];
  const b = sheets[7][0].rows[9];
  duplicateFrom = `${DEPARTMENTS[0]}.xlsx 第 6 行`;
  b[3] = a[3];
  b[2] = a[2];
  for (const [k, s] of sheets.entries()) await writeFixture(s, path.join(folder, `${DEPARTMENTS[k]}.xlsx`));
  fs.writeFileSync(path.join(folder, "损坏.xlsx"), "PK\u0003\u0004 not really");
  await writeFixture([{ name: "预算", rows: [["项目", "金额"], ["办公用品", 300]], merges: [] }], path.join(folder, "预算表.xlsx"));
  fs.writeFileSync(path.join(folder, "加密.xlsx"), await encrypt(fs.readFileSync(path.join(folder, `${DEPARTMENTS[1]}.xlsx`)), { password: "1" }));
  fs.writeFileSync(path.join(folder, "~$信息工程学院.xlsx"), "lock file");
}, 120000);

const merge = (args: string[]) => kezheng(["merge", ...args]);

test("a folder of 21 departments and three unusable files: one summary, the unusable ones listed with their reasons", async () => {
  const out = path.join(dir, "汇总.xlsx");
  const r = merge([folder, "-o", out, "--cert-prefix", "S000041000001"]);
  expect(r.stderr).toBe("");
  expect(r.code).toBe(1);
  expect(r.stdout).toMatch(/汇总 21 个文件，共 504 名申报人/);
  expect(r.stdout).toMatch(/未汇总 {2}损坏\.xlsx：.*不是有效的 Excel 工作簿/);
  expect(r.stdout).toMatch(/未汇总 {2}预算表\.xlsx：.*没有找到申报人员花名册/);
  expect(r.stdout).toMatch(/未汇总 {2}加密\.xlsx：.*设有打开密码/);
  expect(r.stdout).not.toMatch(/~\$/);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(out);
  expect(wb.worksheets.map((w) => w.name)).toEqual(["汇总情况", "申报人员花名册", "获证人员汇总表", "公示名单", "认定统计", "认定计划", "督导汇总", "归档清单"]);
  const roster = wb.getWorksheet("申报人员花名册") as ExcelJS.Worksheet;
  expect(roster.getCell("P3").value).toBe("来源");
  expect(String(roster.getCell("P4").value)).toMatch(/^.+\.xlsx（.+学院）$/);

  // 督导汇总: the school first, then a page per department; the school's counts are the departments' sum.
  const sup = wb.getWorksheet("督导汇总") as ExcelJS.Worksheet;
  const subtitles: string[] = [];
  const totals: number[] = [];
  sup.eachRow((row) => {
    const a = String(row.getCell(1).value ?? "");
    if (a.startsWith("认定年度：")) subtitles.push(a);
    if (a === "合计") totals.push(Number(row.getCell(2).value));
  });
  expect(subtitles).toHaveLength(22);
  expect(subtitles[0]).toMatch(/全校（21 个学院文件）/);
  expect(subtitles.slice(1).every((t) => /学院.*（.+\.xlsx）/.test(t))).toBe(true);
  expect(totals[0]).toBe(504);
  expect(totals.slice(1).reduce((n, x) => n + x, 0)).toBe(504);
}, 120000);

test("the same person in two files: an error on the later file's cell naming the other file and row", () => {
  const r = merge([folder, "-o", path.join(dir, "汇总2.xlsx"), "--json"]);
  const report = JSON.parse(r.stdout);
  const dup = report.issues.filter((i: { code: string }) => i.code === "ID_IN_OTHER_FILE");
  expect(dup).toHaveLength(1);
  expect(dup[0]).toMatchObject({ file: `${DEPARTMENTS[7]}.xlsx`, sheet: "花名册", cell: "D10", severity: "error" });
  expect(dup[0].message).toContain(duplicateFrom);
  for (const a of report.applicants) expect(a.file).toMatch(/\.xlsx$/);
  for (const i of report.issues) expect(i.file).toMatch(/\.xlsx$/);
  const later = report.applicants.find((a: { file: string; row: number }) => a.file === `${DEPARTMENTS[7]}.xlsx` && a.row === 10);
  expect(later.status).toBe("invalid");
});

test("certificate numbers: valid, unique, the certified level; stable and continued on a re-run with --previous", async () => {
  const first = path.join(dir, "第一次.xlsx");
  merge([folder, "-o", first, "--cert-prefix", "S000041000001"]);
  const numbers = async (file: string) => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const ws = wb.getWorksheet("获证人员汇总表") as ExcelJS.Worksheet;
    const out = new Map<string, { cert: string; level: string }>();
    ws.eachRow((row, r) => r > 3 && out.set(String(row.getCell(4).value), { cert: String(row.getCell(10).value ?? ""), level: String(row.getCell(9).value) }));
    return out;
  };
  const before = await numbers(first);
  expect(before.size).toBeGreaterThan(300);
  const certs = [...before.values()].map((v) => v.cert);
  expect(new Set(certs).size).toBe(certs.length);
  for (const { cert, level } of before.values()) {
    const c = parseCertNo(cert);
    expect(c).not.toBeNull();
    expect(c?.prefix).toBe("S000041000001");
    expect(c?.year2).toBe("23");
    expect(String(c?.level)).toBe(level.startsWith("三") ? "3" : "4");
  }

  // One more department arrives; the re-run keeps every number and continues the serials.
  await writeFixture(department(20, { seed: 999 }).sheets.map((s) => s), path.join(folder, "新增学院.xlsx"));
  const second = path.join(dir, "第二次.xlsx");
  const r = merge([folder, "-o", second, "--cert-prefix", "S000041000001", "--previous", first]);
  expect(r.stdout).toMatch(/本次新发 \d+ 个/);
  const after = await numbers(second);
  for (const [id, v] of before) expect(after.get(id)?.cert).toBe(v.cert);
  const maxBefore = Math.max(...certs.map((c) => parseCertNo(c)?.serial ?? 0));
  const fresh = [...after.entries()].filter(([id]) => !before.has(id)).map(([, v]) => parseCertNo(v.cert)?.serial ?? 0);
  expect(fresh.length).toBeGreaterThan(0);
  expect(Math.min(...fresh)).toBeGreaterThan(0);
  const all = [...after.values()].map((v) => v.cert);
  expect(new Set(all).size).toBe(all.length);
  expect(maxBefore).toBeGreaterThan(0);
  fs.rmSync(path.join(folder, "新增学院.xlsx"));
}, 120000);

test("settings that disagree: a clear error, unless the centre's own settings are given", async () => {
  const other = path.join(dir, "设置不一致");
  fs.mkdirSync(other);
  await writeFixture(department(0).sheets, path.join(other, "甲.xlsx"));
  await writeFixture([...department(1).sheets, { name: "设置", rows: [["项目", "值"], ["认定年度", 2024]], merges: [] }], path.join(other, "乙.xlsx"));
  const r = merge([other, "-o", path.join(dir, "冲突.xlsx")]);
  expect(r.code).toBe(2);
  expect(r.stderr).toMatch(/各学院的设置不一致：“认定年度”在 (甲\.xlsx 中为 2023，在 乙\.xlsx 中为 2024|乙\.xlsx 中为 2024，在 甲\.xlsx 中为 2023)。.*--settings/);
  expect(fs.existsSync(path.join(dir, "冲突.xlsx"))).toBe(false);
  const centre = await writeFixture([{ name: "设置", rows: [["项目", "值"], ["认定年度", 2023], ["学校名称", "周口职业技术学院"]], merges: [] }], path.join(dir, "中心设置.xlsx"));
  const ok = merge([other, "-o", path.join(dir, "不冲突.xlsx"), "--settings", centre]);
  expect(ok.code).toBeLessThan(2);
  expect(ok.stdout).toMatch(/汇总 2 个文件，共 48 名申报人/);
});
