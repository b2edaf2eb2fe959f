// Issue 17 (4, 5): the command line cannot eat its inputs. merge refuses an output that is one of
// the departments, reads a file given twice once, and does not take last week's summary for a
// department; written files keep their permissions, read-only files are refused, a file changed
// while we worked is not overwritten, and no temporary file outlives a run.
import { spawn } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { syntheticDepartment } from "../../src/app/synthetic";
import { parseCertNo } from "../../src/domain/certno";
import { OutputTarget } from "../../src/cli/output";
import { sheetsToWorkbook } from "../../src/hosts/xlsx/sheets";
import { kezheng, ROOT } from "../support/cli";
import { tmpDir, writeFixture } from "../support/workbooks";
import { libreofficeConvert, openpyxlDump, readParts, userEdit, type DumpedSheet } from "../support/writers";

const dir = tmpDir();
const folder = path.join(dir, "各学院");
const A = path.join(folder, "信息工程学院.xlsx");
const B = path.join(folder, "机电工程学院.xlsx");

function department(k: number, name: string) {
  const d = syntheticDepartment({ seed: 800 + k, applicants: 20, department: name, passRate: 0.9 });
  for (const row of d.sheets[0].rows.slice(1)) row[4] = `${k}-${row[4]}`;
  for (const row of d.sheets[1].rows.slice(1)) row[0] = `${k}-${row[0]}`;
  return d.sheets;
}

beforeAll(async () => {
  fs.mkdirSync(folder);
  await writeFixture(department(0, "信息工程学院"), A);
  await writeFixture(department(1, "机电工程学院"), B);
}, 60000);

const bytes = (f: string) => fs.readFileSync(f);
const temporaries = (d: string) => fs.readdirSync(d).filter((n) => n.endsWith(".tmp"));

/** Certificate numbers of the summary's 获证人员汇总表, as one column of text. */
function certificates(summary: string): string[] {
  const xml = Object.entries(readParts(summary)).map(([, v]) => new TextDecoder().decode(v)).join("");
  return [...xml.matchAll(/S000041000001\d{9}/g)].map((m) => m[0]);
}

describe("merge cannot eat its inputs", () => {
  test("an output that is one of the departments is refused in one line; the department's file is untouched", () => {
    const before = bytes(A);
    const r = kezheng(["merge", A, B, "-o", A]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stderr).toMatch(/输出文件 .*信息工程学院\.xlsx 就是要汇总的/);
    expect(bytes(A).equals(before)).toBe(true);
    // The same file by another name (a hard link) is the same file.
    const link = path.join(dir, "link.xlsx");
    fs.linkSync(B, link);
    const viaLink = kezheng(["merge", folder, "-o", link]);
    expect(viaLink.code).toBe(2);
    expect(viaLink.stderr).toMatch(/就是要汇总的/);
    expect(temporaries(dir)).toEqual([]);
  });

  test("a file given twice (twice on the line, or a folder and a file in it) is merged once: everyone once, one certificate number each", () => {
    const once = path.join(dir, "once.xlsx");
    const twice = path.join(dir, "twice.xlsx");
    const r1 = kezheng(["merge", A, B, "-o", once, "--cert-prefix", "S000041000001"]);
    const r2 = kezheng(["merge", folder, A, B, "-o", twice, "--cert-prefix", "S000041000001"]);
    expect(r2.stderr).toBe("");
    const count = (s: string) => /共 (\d+) 名申报人/.exec(s)?.[1];
    expect(count(r2.stdout)).toBe(count(r1.stdout));
    expect(count(r1.stdout)).toBe("40");
    expect(r2.stdout).toMatch(/已跳过 {2}信息工程学院\.xlsx：与 信息工程学院\.xlsx 的内容完全相同/);
    expect(r2.code).toBe(r1.code);
    const numbers = certificates(twice);
    expect(numbers.length).toBeGreaterThan(10);
    expect(new Set(numbers).size).toBe(numbers.length);
    expect(new Set(numbers)).toEqual(new Set(certificates(once)));
    for (const n of numbers) expect(parseCertNo(n)).not.toBeNull();
  });

  test("last week's summary left in the folder is skipped with a note, and may be the output it is replaced by", () => {
    const inFolder = path.join(folder, "汇总.xlsx");
    const first = kezheng(["merge", folder, "-o", inFolder]);
    expect(first.stdout).toMatch(/共 40 名申报人/);
    const second = kezheng(["merge", folder, "-o", inFolder]);
    expect(second.stderr).toBe("");
    expect(second.stdout).toMatch(/共 40 名申报人/);
    expect(second.stdout).toMatch(/已跳过 {2}汇总\.xlsx：这是课证生成的汇总结果/);
    expect(second.stdout).not.toMatch(/ID_IN_OTHER_FILE|已在 .* 中申报/);
    // Elsewhere too: a summary named like a department is still not a department.
    fs.copyFileSync(inFolder, path.join(dir, "农牧学院.xlsx"));
    const third = kezheng(["merge", A, path.join(dir, "农牧学院.xlsx"), "-o", path.join(dir, "third.xlsx")]);
    expect(third.stdout).toMatch(/共 20 名申报人/);
    // Saved as .xls by LibreOffice (where our mark may not survive): known by its 汇总情况.
    const asXls = path.join(folder, "上次汇总.xls");
    fs.copyFileSync(libreofficeConvert(inFolder, "xls"), asXls);
    fs.rmSync(inFolder);
    const fourth = kezheng(["merge", folder, "-o", path.join(dir, "fourth.xlsx")]);
    expect(fourth.stdout).toMatch(/共 40 名申报人/);
    expect(fourth.stdout).toContain(`已跳过  ${path.basename(asXls)}：这是课证生成的汇总结果`);
    fs.rmSync(asXls);
  }, 120000);
});

describe("written files keep what protects them", () => {
  test("--in-place on a private 0600 roster leaves it 0600; an output made from it is 0600 too", () => {
    const f = path.join(dir, "private.xlsx");
    fs.copyFileSync(A, f);
    fs.chmodSync(f, 0o600);
    expect(kezheng(["run", f, "--in-place"]).code).toBeLessThan(2);
    expect(fs.statSync(f).mode & 0o777).toBe(0o600);
    const out = path.join(dir, "private-out.xlsx");
    expect(kezheng(["run", f, "-o", out]).code).toBeLessThan(2);
    expect(fs.statSync(out).mode & 0o777).toBe(0o600);
    // A merge of a private file and a public one is private.
    const merged = path.join(dir, "private-merge.xlsx");
    kezheng(["merge", f, B, "-o", merged]);
    expect(fs.statSync(merged).mode & 0o077).toBe(0);
  });

  test("a read-only file is refused in one line, not replaced (even for root, who could)", () => {
    const f = path.join(dir, "readonly.xlsx");
    fs.copyFileSync(A, f);
    fs.chmodSync(f, 0o444);
    const before = bytes(f);
    for (const args of [["run", f, "--in-place"], ["clear", f, "--in-place"], ["run", A, "-o", f]]) {
      const r = kezheng(args);
      expect(r.code).toBe(2);
      expect(r.stderr.trim().split("\n")).toHaveLength(1);
      expect(r.stderr).toMatch(/是只读文件，课证不会替换它/);
    }
    expect(bytes(f).equals(before)).toBe(true);
    expect(fs.statSync(f).mode & 0o777).toBe(0o444);
  });

  test("a temporary file left by a process that is gone is removed by the next run; one of a live process is not", () => {
    const f = path.join(dir, "stale.xlsx");
    fs.copyFileSync(A, f);
    const out = path.join(dir, "stale-课证.xlsx");
    const dead = path.join(dir, `.${path.basename(out)}.999999999.tmp`);
    const old = path.join(dir, `.${path.basename(out)}.1.tmp`); // pid 1 is alive, but the file is two hours old
    const running = path.join(dir, `.${path.basename(out)}.${process.pid}.tmp`);
    for (const t of [dead, old, running]) fs.writeFileSync(t, "half a workbook");
    const twoHoursAgo = new Date(Date.now() - 2 * 3600 * 1000);
    fs.utimesSync(old, twoHoursAgo, twoHoursAgo);
    expect(kezheng(["run", f]).code).toBeLessThan(2);
    expect(fs.existsSync(dead)).toBe(false);
    expect(fs.existsSync(old)).toBe(false);
    expect(fs.existsSync(running)).toBe(true);
    fs.rmSync(running);
  });

  test("a file changed by someone else while we worked is not overwritten", async () => {
    const f = path.join(dir, "changed.xlsx");
    fs.copyFileSync(A, f);
    const target = await OutputTarget.claim(f, [f], { replaces: [f] });
    fs.appendFileSync(f, "Excel saved it meanwhile");
    const theirs = bytes(f);
    await expect(target.write(sheetsToWorkbook(department(2, "医学院")))).rejects.toThrow(/在课证处理期间被改动了/);
    expect(bytes(f).equals(theirs)).toBe(true);
    expect(temporaries(dir)).toEqual([]);
    // Nothing there before, something there now: the same.
    const fresh = path.join(dir, "fresh.xlsx");
    const claimed = await OutputTarget.claim(fresh, []);
    fs.writeFileSync(fresh, "someone else's");
    await expect(claimed.write(sheetsToWorkbook(department(2, "医学院")))).rejects.toThrow(/被改动了/);
    expect(fs.readFileSync(fresh, "utf8")).toBe("someone else's");
  });

  test("Ctrl-C while the output is written leaves neither the output nor a temporary file", async () => {
    const big = path.join(dir, "big.xlsx");
    await writeFixture(syntheticDepartment({ seed: 77, applicants: 3000 }).sheets, big);
    const out = path.join(dir, "big-课证.xlsx");
    const child = spawn(process.execPath, [path.join(ROOT, "bin", "kezheng.js"), "run", big], { stdio: ["ignore", "pipe", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (d) => (stderr += d));
    // Wait for the temporary file, then interrupt.
    const tmp = `.${path.basename(out)}.${child.pid}.tmp`;
    for (let i = 0; i < 600 && !fs.readdirSync(dir).includes(tmp); i++) await new Promise((r) => setTimeout(r, 50));
    expect(fs.readdirSync(dir)).toContain(tmp);
    child.kill("SIGINT");
    const code = await new Promise<number | null>((resolve) => child.on("exit", (c) => resolve(c)));
    expect(code).toBe(130);
    expect(stderr).toMatch(/已停止，没有写入任何文件/);
    expect(fs.existsSync(out)).toBe(false);
    expect(temporaries(dir)).toEqual([]);
  }, 120000);
});

test("clear says which cells it kept because the user wrote over what we wrote there", async () => {
  const f = path.join(dir, "kept.xlsx");
  fs.copyFileSync(A, f);
  const out = path.join(dir, "kept-课证.xlsx");
  expect(kezheng(["run", f, "-o", out]).code).toBeLessThan(2);
  // The secretary types her own note into our 说明 column (the last of the four), in LibreOffice.
  const roster = openpyxlDump(out).find((s) => Object.values(s.cells).some(([v]) => v === "说明")) as DumpedSheet;
  const header = Object.entries(roster.cells).find(([, [v]]) => v === "说明")?.[0] as string;
  const [, col, row] = /^([A-Z]+)(\d+)$/.exec(header) as RegExpExecArray;
  const cell = `${col}${Number(row) + 1}`;
  const edited = userEdit("libreoffice", out, path.join(dir, "kept-edited.xlsx"), [{ op: "set", sheet: roster.name, cell, text: "已电话通知本人" }]);
  const r = kezheng(["clear", edited, "-o", path.join(dir, "kept-cleared.xlsx")]);
  expect(r.code).toBe(0);
  expect(r.stdout).toMatch(/课证保留它们，没有清除/);
  expect(r.stdout).toContain(`${roster.name}!${cell}`);
  const after = openpyxlDump(path.join(dir, "kept-cleared.xlsx")).find((s) => s.name === roster.name) as DumpedSheet;
  expect(after.cells[cell][0]).toBe("已电话通知本人");
  expect(after.cells[header]?.[0] ?? null).toBeNull();
}, 120000);

describe("an output never replaces another input, a filled roster, or a file open elsewhere", () => {
  test("-o naming an input other than the one --in-place may replace is refused in one line, nothing changed", () => {
    const roster = path.join(dir, "名册-输入.xlsx");
    fs.copyFileSync(A, roster);
    const before = bytes(roster);
    const settings = path.join(dir, "中心设置.xlsx");
    fs.copyFileSync(A, settings);
    for (const [args, victim] of [
      [["merge", A, B, "--settings", settings, "-o", settings], settings],
      [["import", roster, "--into", A, "-o", roster], roster],
    ] as [string[], string][]) {
      const was = bytes(victim);
      const r = kezheng(args);
      expect(r.code).toBe(2);
      expect(r.stderr.trim().split("\n")).toHaveLength(1);
      expect(r.stderr).toMatch(/就是输入文件/);
      expect(bytes(victim).equals(was)).toBe(true);
    }
    expect(bytes(roster).equals(before)).toBe(true);
  });

  test("template and demo never write over an existing file (it may be a filled roster); demo's own default may be replaced", () => {
    const roster = path.join(dir, "信息工程学院-填好的.xlsx");
    fs.copyFileSync(A, roster);
    const before = bytes(roster);
    for (const args of [["template", "-o", roster], ["demo", "-o", roster]]) {
      const r = kezheng(args);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/已存在：课证不会覆盖已有的文件/);
    }
    expect(bytes(roster).equals(before)).toBe(true);
    const demoDir = tmpDir();
    expect(kezheng(["demo"], { cwd: demoDir }).code).toBe(0);
    expect(kezheng(["demo"], { cwd: demoDir }).code).toBe(0);
  }, 60000);

  test("a file open in LibreOffice or Excel (its lock file beside it) is not replaced; --in-place on a link writes the file it points to", () => {
    const f = path.join(dir, "打开着.xlsx");
    fs.copyFileSync(A, f);
    const before = bytes(f);
    for (const lock of [`.~lock.打开着.xlsx#`, `~$打开着.xlsx`]) {
      fs.writeFileSync(path.join(dir, lock), "lock");
      const r = kezheng(["run", f, "--in-place"]);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/正在 .* 中打开/);
      fs.rmSync(path.join(dir, lock));
    }
    expect(bytes(f).equals(before)).toBe(true);
    const link = path.join(dir, "快捷方式.xlsx");
    fs.symlinkSync(f, link);
    expect(kezheng(["run", link, "--in-place"]).code).toBeLessThan(2);
    expect(fs.lstatSync(link).isSymbolicLink()).toBe(true);
    expect(bytes(f).equals(before)).toBe(false);
    expect(new TextDecoder().decode(readParts(f)["xl/workbook.xml"])).toMatch(/_kz/);
  }, 60000);
});

test("wrong arguments are said in Chinese, in one line, exit 2", () => {
  for (const [args, said] of [
    [["run"], /缺少参数 file/],
    [["check", A, "--bogus"], /不认识的选项 --bogus/],
    [["fill", A], /缺少必需的选项 --from/],
    [["bogus"], /没有 bogus 这个命令/],
  ] as [string[], RegExp][]) {
    const r = kezheng(args);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(said);
    expect(r.stderr).not.toMatch(/error:/);
  }
});
