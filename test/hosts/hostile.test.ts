// Issue 24: hostile files through the paths that do not go through the .xlsx reader (.ods and
// .xls through SheetJS, .csv by hand): one line and exit 2, decided before the reader sees a
// byte (the bench prints the peak memory of each). Also as a file renamed .xlsx, inside a merge
// and in the page's engine.
import * as fs from "fs";
import * as path from "path";
import { perform } from "../../src/web/engine";
import { kezheng } from "../support/cli";
import { tmpDir } from "../support/workbooks";
import { libreofficeConvert } from "../support/writers";
import { syntheticDepartment } from "../../src/app/synthetic";
import { writeFixture } from "../support/workbooks";
import { openpyxlDump } from "../support/writers";
import { newWorkbook } from "../../src/hosts/xlsx/sheets";
import { withinCell } from "../../src/hosts/xlsx/cells";
// eslint-disable-next-line @typescript-eslint/no-require-imports
const hostile = require("../../scripts/hostile.js");

const dir = tmpDir();
const at = (name: string) => path.join(dir, name);

const cases: [string, () => string, RegExp][] = [
  ["an .ods of 2 MB whose content.xml is 500 MB", () => hostile.odsBomb(at("炸弹.ods")), /炸弹\.ods 解压后超过 256 MB，为保护本机内存已拒绝读取/],
  ["an .ods of 165 KB inflating 255 times over", () => hostile.odsBomb(at("膨胀.ods"), { inflated: 40 * 1024 * 1024 }), /膨胀\.ods 的压缩内容异常（content\.xml 解压后膨胀 \d+ 倍）/],
  ["an .ods whose content.xml lies about its size", () => hostile.odsBomb(at("说谎.ods"), { lying: true }), /说谎\.ods 的压缩内容异常庞大/],
  ["an .ods of 900 bytes repeating one cell a billion times", () => hostile.odsRepeated(at("重复.ods")), /重复\.ods 的单元格重复次数展开后超过 5,000,000 个有内容的单元格/],
  ["the same .ods renamed .xlsx", () => hostile.odsRepeated(at("改名.xlsx")), /改名\.xlsx 的单元格重复次数展开后超过/],
  ["a CSV of 101 MB", () => hostile.csvHuge(at("巨大.csv"), 101 * 1024 * 1024), /巨大\.csv 有 101 MB，超过 100 MB/],
  ["an .xls of 101 MB", () => hostile.xlsHuge(at("巨大.xls"), 101 * 1024 * 1024), /巨大\.xls 有 101 MB，超过 100 MB/],
];

test.each(cases)("%s: one line, exit 2, in check and inside a merge", (_what, make, message) => {
  const file = make();
  const r = kezheng(["check", file]);
  expect(r.code).toBe(2);
  expect(r.stderr.trim().split("\n")).toHaveLength(1);
  expect(r.stderr).toMatch(message);
  const merged = kezheng(["merge", file, "-o", at("汇总.xlsx")]);
  expect(merged.code).toBe(2);
  expect(merged.stderr).toMatch(message);
  expect(fs.existsSync(at("汇总.xlsx"))).toBe(false);
}, 60000);

test("the page's engine refuses the same files with the same line", async () => {
  const none = () => undefined;
  for (const [, make, message] of cases.slice(0, 5)) {
    const file = make();
    await expect(perform({ kind: "check", file: { name: path.basename(file), bytes: new Uint8Array(fs.readFileSync(file)) } }, none)).rejects.toThrow(message);
  }
}, 60000);

test("a real .ods of 600 applicants written by LibreOffice passes the limits and reads as its .xlsx does", async () => {
  const xlsx = await writeFixture(syntheticDepartment({ seed: 31, applicants: 600 }).sheets, at("真实.xlsx"));
  const ods = libreofficeConvert(xlsx, "ods");
  const a = kezheng(["check", xlsx, "--json"]);
  const b = kezheng(["check", ods, "--json"]);
  expect(b.stderr).toBe("");
  expect(JSON.parse(b.stdout).applicants).toEqual(JSON.parse(a.stdout).applicants);
}, 120000);

test("a CSV whose lines mix UTF-8 and GBK is refused at the first line in the other encoding", () => {
  const gbk = encodeGbk;
  const lines = [gbk("学号,姓名,课程名称,理论成绩,实操成绩\n"), gbk("2021001,张三丰,计算机基础,80,81\n"), new TextEncoder().encode("2021002,李四光,计算机基础,70,71\n"), gbk("2021003,王五常,计算机基础,60,61\n")];
  const file = at("混合.csv");
  fs.writeFileSync(file, Buffer.concat(lines.map((l) => Buffer.from(l))));
  const r = kezheng(["check", file]);
  expect(r.code).toBe(2);
  expect(r.stderr.trim().split("\n")).toHaveLength(1);
  expect(r.stderr).toMatch(/混合\.csv 混用了两种文字编码：第 3 行是 UTF-8/);
});

test("a cell of 10 MB is quoted back in at most 200 characters, not printed whole", () => {
  const long = "9".repeat(10 * 1024 * 1024);
  const file = at("长.csv");
  fs.writeFileSync(file, `姓名,性别,身份证号,学号,年级,二级学院,专业,职业编码,职业名称\n张三,男,${long},2021001,2021,信息工程学院,软件技术,4-04-05-01,计算机程序设计员\n`);
  const r = kezheng(["check", file, "--all"]);
  expect(r.stdout.length + r.stderr.length).toBeLessThan(20000);
  expect(r.stdout).toMatch(/9{199}…（共 10485760 个字符）/);
  // The cell itself is named: its text is more than any cell the product writes can hold.
  const json = JSON.parse(kezheng(["check", file, "--json"]).stdout) as { issues: { code: string; sheet: string; cell: string }[] };
  expect(json.issues.filter((i) => i.code === "CELL_TOO_LONG")).toEqual([expect.objectContaining({ sheet: "长", cell: "C2" })]);
});

test("no cell the product writes holds more than Excel's 32,767 characters: longer text is cut with …", () => {
  const long = "课".repeat(40000) + "😀";
  const pkg = newWorkbook([{ name: "表", merges: [], widths: [], rows: [[{ value: long }, { value: "短" }]] }]);
  const file = at("长文本.xlsx");
  fs.writeFileSync(file, Buffer.concat(pkg.write()));
  const cells = openpyxlDump(file)[0].cells;
  const a1 = cells.A1[0] as string;
  expect(a1).toHaveLength(32767);
  expect(a1.endsWith("课…")).toBe(true);
  expect(cells.B1[0]).toBe("短");
  expect(withinCell("a".repeat(32766) + "😀")).toBe("a".repeat(32766) + "…");
});

/** GBK bytes of a text, by Python (Node's TextEncoder writes only UTF-8). */
function encodeGbk(s: string): Uint8Array {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { execFileSync } = require("child_process");
  return new Uint8Array(execFileSync("/usr/bin/python3", ["-c", "import sys; sys.stdout.buffer.write(sys.argv[1].encode('gbk'))", s]));
}
