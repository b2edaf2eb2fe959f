import ExcelJS from "exceljs";
import * as fs from "fs";
import * as path from "path";
import { syntheticDepartment } from "../../src/app/synthetic";
import { kezheng } from "../support/cli";
import { tmpDir, writeFixture } from "../support/workbooks";

const dir = tmpDir();
let input: string;
let inputBytes: Buffer;

beforeAll(async () => {
  input = await writeFixture(syntheticDepartment({ seed: 61, applicants: 30, defects: true }).sheets, path.join(dir, "机电工程学院.xlsx"));
  inputBytes = fs.readFileSync(input);
});

describe("kezheng run / clear", () => {
  test("run writes NAME-课证.xlsx beside the input and never touches the input", () => {
    const r = kezheng(["run", input]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/已写入 .*机电工程学院-课证\.xlsx/);
    expect(fs.existsSync(path.join(dir, "机电工程学院-课证.xlsx"))).toBe(true);
    expect(fs.readFileSync(input).equals(inputBytes)).toBe(true);
  });

  test("-o the input itself is refused; --in-place is the way to overwrite", () => {
    const r = kezheng(["run", input, "-o", input]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/输出文件与输入文件相同.*--in-place/);
    expect(fs.readFileSync(input).equals(inputBytes)).toBe(true);
    const copy = path.join(dir, "copy.xlsx");
    fs.copyFileSync(input, copy);
    expect(kezheng(["run", copy, "--in-place"]).code).toBe(1);
    expect(fs.readFileSync(copy).equals(inputBytes)).toBe(false);
    const cleared = kezheng(["clear", copy, "--in-place"]);
    expect(cleared.code).toBe(0);
    expect(cleared.stdout).toMatch(/已移除课证写入的全部内容/);
  });

  test("an unusable input writes nothing", () => {
    const bad = path.join(dir, "bad.xlsx");
    fs.writeFileSync(bad, "not a workbook");
    const out = path.join(dir, "bad-out.xlsx");
    const r = kezheng(["run", bad, "-o", out]);
    expect(r.code).toBe(2);
    expect(fs.existsSync(out)).toBe(false);
    expect(fs.readdirSync(dir).filter((f) => f.endsWith(".tmp"))).toEqual([]);
  });

  test("clear on a workbook the product never touched says so", () => {
    const out = path.join(dir, "untouched.xlsx");
    const r = kezheng(["clear", input, "-o", out]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/没有课证写入的内容/);
  });
});

describe("kezheng template", () => {
  test("blank forms with drop-down lists, text ID and student-number columns, header notes; check finds no error", async () => {
    const out = path.join(dir, "模板.xlsx");
    const r = kezheng(["template", "-o", out]);
    expect(r.code).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    expect(wb.worksheets.map((w) => w.name)).toEqual(["花名册", "成绩登记册", "课程对照表", "设置", "选项"]);
    const roster = wb.getWorksheet("花名册") as ExcelJS.Worksheet;
    const header = roster.getRow(1).values as string[];
    const col = (h: string) => header.indexOf(h);
    expect(roster.getColumn(col("身份证号")).numFmt).toBe("@");
    expect(roster.getColumn(col("学号")).numFmt).toBe("@");
    expect(String(JSON.stringify(roster.getCell(1, col("身份证号")).note))).toMatch(/文本格式/);
    const validations = (roster as unknown as { dataValidations: { model: Record<string, { formulae: string[] }> } }).dataValidations.model;
    const lists = [...new Set(Object.values(validations).map((v) => v.formulae[0]))];
    // 19 codes and 19 names (4-10-04-02 has three work types), 10 work types, 2 levels, 2 sexes, 2 routes, 2 cohorts.
    expect(lists.sort()).toEqual(["'选项'!$A$2:$A$20", "'选项'!$B$2:$B$20", "'选项'!$C$2:$C$11", "'选项'!$D$2:$D$3", "'选项'!$E$2:$E$3", "'选项'!$F$2:$F$3", "\"2022级,2021级\""].sort());
    expect(wb.getWorksheet("选项")?.state).toBe("hidden");
    expect(kezheng(["check", out]).code).toBe(0);
  });
});

describe("kezheng demo", () => {
  test("writes kezheng-demo.xlsx with every kind of problem and prints where it is", () => {
    const r = kezheng(["demo"], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`演示结果已写入 ${path.join(dir, "kezheng-demo.xlsx")}`);
    for (const label of ["信息有误", "不在认定范围", "待人工审核", "取消资格", "可认定", "降级认定", "课程未修满"]) expect(r.stdout).toMatch(new RegExp(`${label} \\d+`));
    const json = JSON.parse(kezheng(["check", path.join(dir, "kezheng-demo.xlsx"), "--json"]).stdout);
    expect(json.applicants).toHaveLength(60);
  });
});
