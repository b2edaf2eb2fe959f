import { execFileSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { encrypt } from "officecrypto-tool";
import { syntheticDepartment } from "../../src/app/synthetic";
import { CATALOGUE } from "../../src/domain/catalogue";
import { excelJsWorkbook as sheetsToWorkbook } from "../support/exceljs";
import { kezheng } from "../support/cli";
import { tmpDir, writeFixture, sheet } from "../support/workbooks";
import { zipStored } from "../support/zip";

const dir = tmpDir();
let clean: string;
let defects: string;

beforeAll(async () => {
  clean = await writeFixture(syntheticDepartment({ seed: 11, applicants: 30, layout: { titleRows: 2, shuffle: true, footer: true } }).sheets, path.join(dir, "信息工程学院.xlsx"));
  defects = await writeFixture(syntheticDepartment({ seed: 12, applicants: 30, defects: true, occupations: CATALOGUE.slice(11, 12) }).sheets, path.join(dir, "defects.xlsx"));
});

/** One line on stderr, in Chinese, no stack trace. */
function expectOneLine(stderr: string, pattern: RegExp) {
  expect(stderr).toMatch(pattern);
  expect(stderr.trim().split("\n")).toHaveLength(1);
  expect(stderr).not.toMatch(/\bat .*\(|Error:|node_modules/);
}

describe("kezheng check", () => {
  test("a clean workbook: exit 0, a Chinese summary with counts by status and by occupation", () => {
    const r = kezheng(["check", clean]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/共 30 名申报人/);
    expect(r.stdout).toMatch(/按状态：.*可认定 \d+/);
    expect(r.stdout).toMatch(/按职业与可认定级别：\n {2}\S+：三级\/高级工 \d+，四级\/中级工 \d+，暂不能认定 \d+/);
    expect(r.stdout).toMatch(/问题：错误 0，/);
    expect(r.stdout).toMatch(/结论：没有错误。/);
  });

  test("--json prints exactly the report and nothing else", () => {
    const r = kezheng(["check", clean, "--json"]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe("");
    const report = JSON.parse(r.stdout);
    expect(Object.keys(report).sort()).toEqual(["applicants", "issues"]);
    expect(report.applicants).toHaveLength(30);
    expect(Object.keys(report.applicants[0]).sort()).toEqual([
      "cohort", "eligibleLevel", "idNumber", "missing", "name", "occupationCode", "passedCourses", "requestedLevel", "row", "sheet", "status", "studentId", "workType",
    ]);
    expect(report.applicants[0].row).toBe(4);
    for (const i of report.issues) expect(Object.keys(i).sort()).toEqual(["cell", "code", "message", "severity", "sheet"]);
  });

  test("a workbook with errors: exit 1, one line per kind of problem with its count and first cells, errors first", () => {
    const r = kezheng(["check", defects]);
    expect(r.code).toBe(1);
    const report = JSON.parse(kezheng(["check", defects, "--json"]).stdout) as { issues: { code: string; cell: string; sheet: string; severity: string; message: string }[] };
    const count = (s: string) => report.issues.filter((i) => i.severity === s).length;
    expect(r.stdout).toContain(`问题：错误 ${count("error")}，警告 ${count("warning")}，提示 ${count("info")}`);
    const checksum = report.issues.find((i) => i.code === "ID_CHECKSUM" && i.cell === "D3");
    expect(checksum).toBeDefined();
    expect(r.stdout).toContain(`\n  1 处　${checksum!.sheet} D3　${checksum!.message}\n`);
    // Errors, then warnings, then notes; each severity's lines add up to its count.
    const blocks = [...r.stdout.matchAll(/^(错误|警告|提示) (\d+) 处：\n((?: {2}\d+ 处　.*\n)+)/gm)];
    expect(blocks.map((b) => b[1])).toEqual(["错误", "警告", "提示"].filter((_, k) => count(["error", "warning", "info"][k]) > 0));
    for (const b of blocks) expect([...b[3].matchAll(/^ {2}(\d+) 处/gm)].reduce((n, m) => n + Number(m[1]), 0)).toBe(Number(b[2]));
    // The pending makeups are one line, not one per cell; its first five cells named.
    const pending = report.issues.filter((i) => i.code === "SCORE_PENDING_MAKEUP");
    expect(pending.length).toBeGreaterThan(5);
    expect(r.stdout).toContain(`  ${pending.length} 处　${pending[0].sheet} ${pending.slice(0, 5).map((i) => i.cell).join("、")} 等　初次成绩不及格，尚无补考成绩：补考后再录入。\n`);
    expect(r.stdout).not.toMatch(/[A-Z]+_[A-Z_]+/);
    expect(r.stdout).toMatch(/结论：发现 \d+ 个错误/);
  });

  test("--all lists every cell under its kind of problem; --json is unchanged by it", () => {
    const r = kezheng(["check", defects, "--all"]);
    expect(r.code).toBe(1);
    const report = JSON.parse(kezheng(["check", defects, "--json"]).stdout) as { issues: { code: string; cell: string; sheet: string }[] };
    const cells = [...r.stdout.matchAll(/^ {4}(\S+) ([A-Z]+\d+)(?:　.*)?$/gm)].map((m) => `${m[1]}!${m[2]}`);
    expect(cells.sort()).toEqual(report.issues.map((i) => `${i.sheet}!${i.cell}`).sort());
    expect(JSON.parse(kezheng(["check", defects, "--json", "--all"]).stdout)).toEqual(report);
  });

  describe("unusable input: one Chinese line on stderr, exit 2", () => {
    test("a missing file", () => {
      const r = kezheng(["check", path.join(dir, "没有这个文件.xlsx")]);
      expect(r.code).toBe(2);
      expectOneLine(r.stderr, /找不到文件 .*没有这个文件\.xlsx：请检查文件名和路径。/);
      expect(r.stdout).toBe("");
    });

    test("a folder", () => {
      const r = kezheng(["check", dir]);
      expect(r.code).toBe(2);
      expectOneLine(r.stderr, /是文件夹/);
    });

    test("a CSV file is read, but run needs an .xlsx", () => {
      const f = path.join(dir, "roster.csv");
      fs.writeFileSync(f, "姓名,身份证号\n张三,110105200201010016\n");
      const r = kezheng(["check", f]);
      // Read as a sheet: without an occupation column it is not a roster.
      expect(r.code).toBe(2);
      expectOneLine(r.stderr, /没有找到申报人员花名册/);
      const w = kezheng(["run", f]);
      expect(w.code).toBe(2);
      expectOneLine(w.stderr, /roster\.csv 是 CSV 文本文件：请在 Excel 或 WPS 中打开后“另存为”Excel 工作簿（\.xlsx）再试。/);
    });

    test("an .xls workbook (saved by LibreOffice) is checked like the .xlsx; run asks for an .xlsx", () => {
      const out = tmpDir();
      execFileSync("soffice", ["--headless", `-env:UserInstallation=file://${tmpDir()}`, "--convert-to", "xls", "--outdir", out, clean], { stdio: "pipe" });
      const xls = path.join(out, "信息工程学院.xls");
      expect(fs.existsSync(xls)).toBe(true);
      const r = kezheng(["check", xls, "--json"]);
      expect(JSON.parse(r.stdout)).toEqual(JSON.parse(kezheng(["check", clean, "--json"]).stdout));
      const w = kezheng(["run", xls]);
      expect(w.code).toBe(2);
      expectOneLine(w.stderr, /旧版 Excel 97-2003（\.xls）格式/);
    });

    test("a renamed zip", () => {
      const f = path.join(dir, "renamed.xlsx");
      fs.writeFileSync(f, zipStored({ "readme.txt": "not a workbook" }));
      const r = kezheng(["check", f]);
      expect(r.code).toBe(2);
      expectOneLine(r.stderr, /renamed\.xlsx 不是有效的 Excel 工作簿（可能已损坏，或只是改了扩展名）/);
    });

    test("a password-protected workbook", async () => {
      const f = path.join(dir, "protected.xlsx");
      fs.writeFileSync(f, await encrypt(fs.readFileSync(clean), { password: "1234" }));
      const r = kezheng(["check", f]);
      expect(r.code).toBe(2);
      expectOneLine(r.stderr, /protected\.xlsx 设有打开密码/);
    });

    test("an empty workbook", async () => {
      const f = path.join(dir, "empty.xlsx");
      await sheetsToWorkbook([sheet("Sheet1", [])]).xlsx.writeFile(f);
      const r = kezheng(["check", f]);
      expect(r.code).toBe(2);
      expectOneLine(r.stderr, /工作簿是空的/);
    });

    test("a workbook with no recognisable roster", async () => {
      const f = path.join(dir, "foreign.xlsx");
      await sheetsToWorkbook([sheet("预算", [["项目", "金额"], ["办公用品", 300]])]).xlsx.writeFile(f);
      const r = kezheng(["check", f]);
      expect(r.code).toBe(2);
      expectOneLine(r.stderr, /没有找到申报人员花名册：需要一张表头含“姓名”“身份证号”“职业编码”/);
    });

    test("a wrong option", () => {
      const r = kezheng(["check", clean, "--jsno"]);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/--jsno/);
    });
  });
});
