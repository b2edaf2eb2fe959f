// Workbooks in the other formats the product reads (forms.md F): .xls and .ods written by
// LibreOffice from generated workbooks, .csv in UTF-8, UTF-8 with BOM and GB18030, decided by
// content; each gives the report the .xlsx gives. Unreadable files: one clear line, exit 2.
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { checkGrids } from "../../src/app/check";
import { syntheticDepartment } from "../../src/app/synthetic";
import { cellText, type Grid } from "../../src/forms/grid";
import { decodeCsv, parseCsv, readCsv } from "../../src/hosts/formats/csv";
import { readAnyGrids, readDepartments } from "../../src/hosts/formats/read";
import { kezheng } from "../support/cli";
import { roundTrip, tmpDir, writeFixture } from "../support/workbooks";
import { libreofficeConvert } from "../support/writers";

const dept = syntheticDepartment({ seed: 91, applicants: 30, defects: true, layout: { titleRows: 1, shuffle: true } });
const bytesOf = (f: string) => new Uint8Array(fs.readFileSync(f));

/** Text as Python encodes it (Node's TextEncoder only writes UTF-8). */
function encode(text: string, encoding: string): Uint8Array {
  return new Uint8Array(execFileSync("/usr/bin/python3", ["-c", `import sys; sys.stdout.buffer.write(sys.stdin.buffer.read().decode("utf-8").encode(${JSON.stringify(encoding)}))`], { input: Buffer.from(text, "utf8") }));
}

const csvField = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
const toCsv = (g: Grid) => g.rows.map((r) => r.map((v) => csvField(cellText(v))).join(",")).join("\r\n") + "\r\n";

let xlsx: string;
let expected: ReturnType<typeof checkGrids>["report"];

beforeAll(async () => {
  xlsx = await writeFixture(dept.sheets, path.join(tmpDir(), "学院.xlsx"));
  expected = checkGrids(await roundTrip(dept.sheets)).report;
});

test.each(["xls", "ods"] as const)(".%s written by LibreOffice gives the report the .xlsx gives", async (ext) => {
  const file = libreofficeConvert(xlsx, ext);
  const grids = await readAnyGrids(file, bytesOf(file));
  expect(grids.map((g) => g.name)).toEqual(dept.sheets.map((s) => s.name));
  expect(checkGrids(grids).report).toEqual(expected);
  // By content, not by name: the same bytes under another extension read the same.
  const renamed = path.join(tmpDir(), `学院.${ext === "xls" ? "xlsx" : "dat"}`);
  fs.copyFileSync(file, renamed);
  expect(checkGrids(await readAnyGrids(renamed, bytesOf(renamed))).report).toEqual(expected);
  const cli = kezheng(["check", file, "--json"]);
  expect(cli.code).toBe(expected.issues.some((i) => i.severity === "error") ? 1 : 0);
  expect(JSON.parse(cli.stdout)).toEqual(JSON.parse(kezheng(["check", xlsx, "--json"]).stdout));
  expect(cli.stderr).toBe("");
}, 120000);

test.each([
  ["UTF-8", (t: string) => new TextEncoder().encode(t)],
  ["UTF-8 with BOM", (t: string) => new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(t)])],
  ["GB18030", (t: string) => encode(t, "gb18030")],
  ["GBK", (t: string) => encode(t, "gbk")],
])("a roster as .csv in %s reads as the sheet's text", async (_, enc) => {
  const grids = await roundTrip(dept.sheets);
  const text = toCsv(grids[0]);
  const bytes = enc(text);
  expect(decodeCsv(bytes)).toBe(text);
  const grid = readCsv("花名册", bytes);
  expect(grid.rows.map((r) => r.map((v) => cellText(v)))).toEqual(grids[0].rows.map((r) => r.map((v) => (cellText(v) === "" ? "" : cellText(v)))));
  // With the grade register from the workbook, the applicants are the same people with the same levels.
  const report = checkGrids([grid, ...grids.slice(1)]).report;
  expect(report.applicants.map((a) => [a.name, a.status, a.eligibleLevel])).toEqual(expected.applicants.map((a) => [a.name, a.status, a.eligibleLevel]));
});

test("csv: quoted commas, quotes and line breaks inside a cell; CRLF, LF and a last line without a break", () => {
  expect(parseCsv('学号,姓名,备注\r\n001,"张,三","说""好""的\r\n两行"\n002,李四,')).toEqual([
    ["学号", "姓名", "备注"],
    ["001", "张,三", '说"好"的\r\n两行'],
    ["002", "李四", ""],
  ]);
  expect(parseCsv("a\tb\n1\t2")).toEqual([["a", "b"], ["1", "2"]]);
  // Digits stay text: a student number keeps its leading zero.
  expect(readCsv("x", new TextEncoder().encode("学号\n0012\n")).rows).toEqual([["学号"], ["0012"]]);
});

test.each([
  ["空.csv", new Uint8Array(0), /空.csv 是空文件/],
  ["乱码.xlsx", new Uint8Array([0x00, 0x01, 0x02, 0xff, 0x00, 0x10]), /乱码.xlsx 不是 Excel 工作簿，也不是 CSV 文本/],
  ["坏的.xls", new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]), /坏的.xls 无法读取（Excel 97-2003 格式/],
  ["说明.txt", new TextEncoder().encode("这是一段说明，不是表格\n第二行"), /说明.txt 是只有一列的文本（第一行没有逗号、制表符或分号/],
  ["学号.csv", new TextEncoder().encode("学号\n2021001\n2021002\n"), /学号.csv 是只有一列的文本/],
])("an unreadable %s is one clear line, exit 2", async (name, bytes, message) => {
  const dir = tmpDir();
  const file = path.join(dir, name);
  fs.writeFileSync(file, bytes);
  const r = kezheng(["check", file]);
  expect(r.code).toBe(2);
  expect(r.stderr.trim().split("\n")).toHaveLength(1);
  expect(r.stderr).toMatch(message);
  expect(r.stderr).not.toMatch(/\n\s+at /);
  expect(await readDepartments([{ file, bytes: async () => bytes }])).toEqual([{ file: name, error: expect.stringMatching(message) }]);
});

test("merge reads a folder of .xlsx, .xls and .ods departments alike, one with its grades as a 教务系统 export", async () => {
  const dir = tmpDir();
  const files: string[] = [];
  for (const [k, ext] of (["xlsx", "xls", "ods"] as const).entries()) {
    const d = syntheticDepartment({ seed: 930 + k, applicants: 10, department: `第${k + 1}学院`, layout: k === 2 ? { grades: "tall" } : {} });
    for (const row of d.sheets[0].rows.slice(1)) row[4] = `${k}-${row[4]}`;
    for (const row of d.sheets[1].rows.slice(1)) row[k === 2 ? 2 : 0] = `${k}-${row[k === 2 ? 2 : 0]}`;
    const x = await writeFixture(d.sheets, path.join(tmpDir(), `第${k + 1}学院.xlsx`));
    const file = path.join(dir, `第${k + 1}学院.${ext}`);
    fs.copyFileSync(ext === "xlsx" ? x : libreofficeConvert(x, ext), file);
    files.push(file);
  }
  const out = path.join(tmpDir(), "汇总.xlsx");
  const r = kezheng(["merge", dir, "-o", out]);
  expect(r.stderr).toBe("");
  expect(r.stdout).toMatch(/汇总 3 个文件，共 30 名申报人/);
  // The same levels as each department checked alone.
  const alone = files.map((f) => JSON.parse(kezheng(["check", f, "--json"]).stdout) as { applicants: { idNumber: string; eligibleLevel: number | null }[] });
  const merged = JSON.parse(kezheng(["merge", dir, "-o", out, "--json"]).stdout) as { applicants: { idNumber: string; eligibleLevel: number | null }[] };
  const level = (list: { idNumber: string; eligibleLevel: number | null }[]) => Object.fromEntries(list.map((a) => [a.idNumber, a.eligibleLevel]));
  expect(level(merged.applicants)).toEqual(Object.assign({}, ...alone.map((a) => level(a.applicants))));
}, 120000);

test("a run's output saved as .xls or .ods (no names, no marks) is read as the user's sheets: our generated copies are not taken for her roster", async () => {
  const dir = tmpDir();
  const input = await writeFixture(syntheticDepartment({ seed: 35, applicants: 40, defects: true }).sheets, path.join(dir, "学院.xlsx"));
  const out = path.join(dir, "学院-课证.xlsx");
  expect(kezheng(["run", input, "-o", out]).code).toBeLessThan(2);
  const expected = JSON.parse(kezheng(["check", input, "--json"]).stdout).applicants;
  for (const ext of ["xls", "ods"] as const) {
    const saved = libreofficeConvert(out, ext);
    const r = kezheng(["check", saved, "--json"]);
    expect(r.stderr).toBe("");
    expect(JSON.parse(r.stdout).applicants).toEqual(expected);
  }
}, 180000);
