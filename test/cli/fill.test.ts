// kezheng fill: the demo department's applicants put into upload templates written by openpyxl and
// by LibreOffice (.xlsx and .xls), read back by openpyxl and LibreOffice, not by our own reader.
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { kezheng } from "../support/cli";
import { convert } from "../support/libreoffice";
import { tmpDir } from "../support/workbooks";
import { readParts } from "../support/writers";
import { unzipSync } from "fflate";
import { joinChunks } from "../../src/web/chunks";
import { perform } from "../../src/web/engine";

const PYTHON = fs.existsSync("/usr/bin/python3") ? "/usr/bin/python3" : "python3";
const SCRIPT = path.join(__dirname, "..", "support", "filltemplate.py");
const dir = tmpDir();
const roster = path.join(dir, "信息工程学院.xlsx");
const template = path.join(dir, "考生信息导入模板.xlsx");

interface Applicant { name: string; idNumber: string; studentId: string; status: string; eligibleLevel: 3 | 4 | null }
let applicants: Applicant[];
let forward: Applicant[];

type Cell = [unknown, string, string];
const dump = (file: string, sheet = "考生信息"): Cell[][] => JSON.parse(execFileSync(PYTHON, [SCRIPT, "dump", file, sheet], { encoding: "utf8", maxBuffer: 1 << 26 }));
const birth = (id: string) => `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
const HEADERS = ["序号", "证件类型", "*证件号码", "*考生姓名", "性别", "民族", "出生日期", "申报职业", "职业编码", "工种", "级别", "考生来源", "手机号码", "学号", "班级", "备注"];
const col = (h: string) => HEADERS.indexOf(h);

beforeAll(() => {
  expect(kezheng(["demo", "-o", roster]).code).toBe(0);
  applicants = JSON.parse(kezheng(["check", roster, "--json"]).stdout).applicants;
  forward = applicants.filter((a) => a.status === "eligible" || a.status === "downgrade");
  execFileSync(PYTHON, [SCRIPT, "make", template]);
}, 120000);

/** The filled rows below the header (row 3) hold exactly the applicants put forward, in roster order. */
function expectFilled(rows: Cell[][], list: Applicant[], opts: { levels: [string, string]; idType: string; source: string; seqFrom?: number }) {
  const data = rows.slice(3).filter((r) => r.some((c) => c[0] !== null));
  expect(data).toHaveLength(list.length);
  list.forEach((a, i) => {
    const r = data[i];
    expect(r[col("序号")][0]).toBe((opts.seqFrom ?? 0) + i + 1);
    expect(r[col("*考生姓名")][0]).toBe(a.name);
    // IDs intact and stored as text (an 18-digit number would lose its last digits).
    expect(r[col("*证件号码")][0]).toBe(a.idNumber);
    expect(r[col("*证件号码")][1]).toBe("s");
    expect(r[col("学号")][0]).toBe(a.studentId);
    expect(r[col("学号")][1]).toBe("s");
    expect(r[col("证件类型")][0]).toBe(opts.idType);
    expect(r[col("级别")][0]).toBe(a.eligibleLevel === 3 ? opts.levels[0] : opts.levels[1]);
    expect(r[col("考生来源")][0]).toBe(opts.source);
    expect(r[col("出生日期")][0]).toBe(birth(a.idNumber));
    expect(r[col("民族")][0]).toBeNull();
    expect(["男", "女"]).toContain(r[col("性别")][0]);
  });
  // The example row is gone: no cell anywhere still says 示例 or holds the sample person.
  expect(rows.flat().some((c) => typeof c[0] === "string" && /示例|张三/.test(c[0]))).toBe(false);
}

test("an openpyxl template: the applicants put forward, list entries from its lists, IDs as text, dates in its date format; every other part byte-identical", () => {
  const out = path.join(dir, "考生信息导入模板-已填写.xlsx");
  const r = kezheng(["fill", template, "--from", roster]);
  expect(r.stderr).toBe("");
  expect(r.code).toBe(1); // the demo roster has errors: those applicants are not put forward
  expect(r.stdout).toContain("工作表“考生信息”，表头在第 3 行");
  expect(r.stdout).toMatch(/K 列 级别 ← 申报级别/);
  expect(r.stdout).toContain(`已填写 ${forward.length} 行（第 4 行至第 ${3 + forward.length} 行）`);
  expect(r.stdout).toMatch(/留空的列：民族、备注/);
  expect(forward.length).toBeGreaterThan(10);
  expect(forward.some((a) => a.eligibleLevel === 3) && forward.some((a) => a.eligibleLevel === 4)).toBe(true);
  const rows = dump(out);
  expectFilled(rows, forward, { levels: ["高级工", "中级工"], idType: "01-居民身份证", source: "在校学生" });
  // The date column keeps its date format; the ID column its text format and every cell its border style.
  expect(rows[3][col("出生日期")][1]).toBe("d");
  expect(rows[3][col("出生日期")][2]).toBe("yyyy-mm-dd");
  expect(rows[4][col("*证件号码")][2]).toBe("@");
  const before = readParts(template);
  const after = readParts(out);
  expect(Object.keys(after).sort()).toEqual(Object.keys(before).sort());
  const changed = Object.keys(before).filter((n) => !Buffer.from(before[n]).equals(Buffer.from(after[n])));
  expect(changed).toEqual(["xl/worksheets/sheet1.xml"]);
  // Validations, title rows and merges of the filled sheet are kept as they were.
  const sheet = Buffer.from(after["xl/worksheets/sheet1.xml"]).toString("utf8");
  const original = Buffer.from(before["xl/worksheets/sheet1.xml"]).toString("utf8");
  for (const el of ["dataValidations", "mergeCells", "cols"]) expect(sheet.match(new RegExp(`<${el}[\\s\\S]*?</${el}>`))?.[0]).toBe(original.match(new RegExp(`<${el}[\\s\\S]*?</${el}>`))?.[0]);
}, 120000);

test("--json gives the sheet, header row, mapping, rows and issues; a column no roster has is a warning on its header cell", () => {
  const r = kezheng(["fill", template, "--from", roster, "-o", path.join(dir, "json.xlsx"), "--json"]);
  const j = JSON.parse(r.stdout);
  expect(j.sheet).toBe("考生信息");
  expect(j.headerRow).toBe(3);
  expect(j.rows).toBe(forward.length);
  expect(j.columns).toContainEqual({ header: "*证件号码", field: "idNumber" });
  expect(j.columns).toContainEqual({ header: "民族", field: "ethnicity" });
  expect(j.columns).toContainEqual({ header: "备注", field: null });
  expect(j.issues).toContainEqual(expect.objectContaining({ code: "TEMPLATE_COLUMN_UNFILLED", cell: "F3", sheet: "考生信息", severity: "warning" }));
}, 60000);

test("a filled template is refused (exit 2, one line) without --append; with it the rows go below, numbered on", () => {
  const once = path.join(dir, "once.xlsx");
  const twice = path.join(dir, "twice.xlsx");
  expect(kezheng(["fill", template, "--from", roster, "-o", once]).code).toBe(1);
  const refused = kezheng(["fill", once, "--from", roster, "-o", twice]);
  expect(refused.code).toBe(2);
  expect(refused.stderr.trim().split("\n")).toHaveLength(1);
  expect(refused.stderr).toMatch(/工作表“考生信息”第 4 行已有数据.*--append/);
  expect(fs.existsSync(twice)).toBe(false);
  expect(kezheng(["fill", once, "--from", roster, "-o", twice, "--append"]).code).toBe(1);
  const rows = dump(twice).slice(3).filter((r) => r.some((c) => c[0] !== null));
  expect(rows).toHaveLength(2 * forward.length);
  expect(rows[forward.length][col("序号")][0]).toBe(forward.length + 1);
  expect(rows[forward.length][col("*证件号码")][0]).toBe(forward[0].idNumber);
}, 60000);

test("--all writes everyone on the roster, in roster order", () => {
  const out = path.join(dir, "all.xlsx");
  expect(kezheng(["fill", template, "--from", roster, "-o", out, "--all"]).code).toBe(1);
  const names = dump(out).slice(3).filter((r) => r.some((c) => c[0] !== null)).map((r) => r[col("*考生姓名")][0]);
  expect(names).toEqual(applicants.map((a) => a.name || null));
}, 60000);

test("a template LibreOffice wrote (.xlsx): the same values; only the filled sheet changes", () => {
  const lo = convert(template, "xlsx", "Calc MS Excel 2007 XML").file;
  const out = path.join(dir, "lo-已填写.xlsx");
  const r = kezheng(["fill", lo, "--from", roster, "-o", out]);
  expect(r.stderr).toBe("");
  expectFilled(dump(out), forward, { levels: ["高级工", "中级工"], idType: "01-居民身份证", source: "在校学生" });
  const before = readParts(lo);
  const after = readParts(out);
  const changed = Object.keys(before).filter((n) => !Buffer.from(before[n]).equals(Buffer.from(after[n])));
  expect(changed).toEqual(["xl/worksheets/sheet1.xml"]);
}, 120000);

test("an .xls template (LibreOffice) is written back as .xls, and LibreOffice reads every value back", () => {
  const xls = convert(template, "xls", "MS Excel 97").file;
  const out = path.join(dir, "xls-已填写.xls");
  const r = kezheng(["fill", xls, "--from", roster, "-o", out]);
  expect(r.stderr).toBe("");
  expect(r.stdout).toContain(`已填写 ${forward.length} 行`);
  expect(fs.readFileSync(out).subarray(0, 4).toString("hex")).toBe("d0cf11e0");
  const back = convert(out, "xlsx", "Calc MS Excel 2007 XML").file;
  // No lists survive in .xls for us to read: the example row's wording (中级工, 01-居民身份证, 在校生) is followed.
  const rows = dump(back);
  expectFilled(rows, forward, { levels: ["高级工", "中级工"], idType: "01-居民身份证", source: "在校生" });
  // The hidden code sheet and the instructions sheet are still there.
  const names = JSON.parse(execFileSync(PYTHON, ["-c", "import openpyxl,json,sys; wb=openpyxl.load_workbook(sys.argv[1]); print(json.dumps([[ws.title, ws.sheet_state] for ws in wb.worksheets], ensure_ascii=False))", back], { encoding: "utf8" }));
  expect(names).toEqual([["考生信息", "visible"], ["代码表", "hidden"], ["填写说明", "visible"]]);
  // Default output beside the template, same extension.
  const d = kezheng(["fill", xls, "--from", roster]);
  expect(d.code).toBe(1);
  expect(fs.existsSync(xls.replace(/\.xls$/, "-已填写.xls"))).toBe(true);
}, 180000);

test("an output name of another format than the template is refused", () => {
  const r = kezheng(["fill", template, "--from", roster, "-o", path.join(dir, "x.xls")]);
  expect(r.code).toBe(2);
  expect(r.stderr).toMatch(/输出文件应与模板同为 \.xlsx 格式/);
});

test("the page's engine gives the same file as the command line, part for part (.xlsx) and byte for byte (.xls)", async () => {
  const file = (f: string) => ({ name: path.basename(f), bytes: new Uint8Array(fs.readFileSync(f)) });
  const cli = path.join(dir, "cli.xlsx");
  kezheng(["fill", template, "--from", roster, "-o", cli]);
  const page = await perform({ kind: "fill", template: file(template), from: file(roster) }, () => undefined);
  expect(page.output?.name).toBe("考生信息导入模板-已填写.xlsx");
  expect(page.filled?.rows).toBe(forward.length);
  expect(page.filled?.emptyColumns).toEqual(["民族", "备注"]);
  const a = readParts(cli);
  const b = unzipSync(joinChunks(page.output?.chunks ?? []));
  expect(Object.keys(b)).toEqual(Object.keys(a));
  for (const name of Object.keys(a)) expect(Buffer.from(b[name]).equals(Buffer.from(a[name]))).toBe(true);

  const xls = convert(template, "xls", "MS Excel 97").file;
  const cliXls = path.join(dir, "cli.xls");
  kezheng(["fill", xls, "--from", roster, "-o", cliXls]);
  const pageXls = await perform({ kind: "fill", template: file(xls), from: file(roster) }, () => undefined);
  expect(pageXls.output?.name).toMatch(/-已填写\.xls$/);
  expect(Buffer.from(joinChunks(pageXls.output?.chunks ?? [])).equals(fs.readFileSync(cliXls))).toBe(true);
}, 120000);
