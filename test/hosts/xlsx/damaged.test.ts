// A damaged user file at every entry point of the file layer (check reads, run writes back, clear,
// fill patches a template, merge reads departments, import writes into a workbook): a coded Chinese
// message naming the file and the sheet or part, exit 2, one line; never 内部错误, never a stack.
import { execFileSync } from "child_process";
import * as path from "path";
import { UnusableWorkbook } from "../../../src/app/port";
import { syntheticDepartment } from "../../../src/app/synthetic";
import { messageFor } from "../../../src/domain/messages";
import { XlsxWorkbook } from "../../../src/hosts/xlsx/workbook";
import { kezheng } from "../../support/cli";
import { tmpDir, writeFixture } from "../../support/workbooks";
import { readParts, zipEdit, type Parts } from "../../support/writers";
import * as fs from "fs";

const dir = tmpDir();
const SHEET1 = "xl/worksheets/sheet1.xml";
type Damage = (parts: Parts, text: (n: string) => string, setText: (n: string, s: string) => void) => void;

/** Each damage, and what the user reads for the file's first sheet (called `sheet`) in a file `file`. */
const DAMAGES: Record<string, { damage: Damage; says: (file: string, sheet: string) => string }> = {
  "a worksheet without sheetData": {
    damage: (_p, t, set) => set(SHEET1, t(SHEET1).replace(/<sheetData[\s\S]*<\/sheetData>|<sheetData\/>/, "")),
    says: (file, sheet) => messageFor("SHEET_NO_DATA", { file, sheet }),
  },
  "an unclosed element in a worksheet": {
    damage: (_p, t, set) => set(SHEET1, t(SHEET1).replace(/<\/cols>|<\/sheetViews>/, "")),
    says: (file, sheet) => messageFor("SHEET_NOT_XML", { file, sheet }),
  },
  "an unclosed element in workbook.xml": {
    damage: (_p, t, set) => set("xl/workbook.xml", t("xl/workbook.xml").replace("</sheets>", "")),
    says: (file) => messageFor("PART_NOT_XML", { file, part: "xl/workbook.xml" }),
  },
  "an attribute without quotes in a worksheet": {
    damage: (_p, t, set) => set(SHEET1, t(SHEET1).replace(/<dimension ref="([^"]*)"/, "<dimension ref=$1")),
    says: (file, sheet) => messageFor("SHEET_NOT_XML", { file, sheet }),
  },
  "an attribute written twice in workbook.xml": {
    damage: (_p, t, set) => set("xl/workbook.xml", t("xl/workbook.xml").replace(/sheetId="/, 'sheetId="1" sheetId="')),
    says: (file) => messageFor("PART_NOT_XML", { file, part: "xl/workbook.xml" }),
  },
  "an unclosed element in styles.xml": {
    damage: (_p, t, set) => set("xl/styles.xml", t("xl/styles.xml").replace("</fonts>", "")),
    says: (file) => messageFor("PART_NOT_XML", { file, part: "xl/styles.xml" }),
  },
  "a worksheet part its relationship points at, gone": {
    damage: (parts) => delete parts[SHEET1],
    says: (file, sheet) => messageFor("SHEET_PART_MISSING", { file, sheet, part: SHEET1 }),
  },
};

let department: string;
let runOutput: string;
let template: string;
let exportFile: string;
const damaged = (file: string, label: string, damage: Damage) => {
  const out = path.join(dir, `${path.basename(file, ".xlsx")}-${Object.keys(DAMAGES).indexOf(label)}.xlsx`);
  zipEdit(file, out, damage);
  return out;
};

beforeAll(async () => {
  const dept = syntheticDepartment({ seed: 21, applicants: 30, passRate: 0.8, layout: { grades: "tall" } });
  department = await writeFixture(dept.sheets.filter((s) => s.name !== "成绩导出"), path.join(dir, "学院.xlsx"));
  exportFile = await writeFixture(dept.sheets.filter((s) => s.name === "成绩导出" || s.name === "成绩登记册").slice(0, 1), path.join(dir, "导出.xlsx"));
  runOutput = path.join(dir, "学院-课证.xlsx");
  expect(kezheng(["run", department, "-o", runOutput]).code).toBeLessThan(2);
  template = path.join(dir, "模板.xlsx");
  execFileSync(fs.existsSync("/usr/bin/python3") ? "/usr/bin/python3" : "python3", [path.join(__dirname, "..", "..", "support", "filltemplate.py"), "make", template]);
}, 120000);

/** One line on stderr, exit 2, the coded message; no internal error anywhere. */
function refused(args: string[], message: string) {
  const r = kezheng(args);
  expect(r.stdout + r.stderr).not.toMatch(/内部错误|    at /);
  expect(r.code).toBe(2);
  expect(r.stderr.trim().split("\n")).toHaveLength(1);
  expect(r.stderr.trim()).toContain(message);
}

describe.each(Object.keys(DAMAGES))("%s", (label) => {
  const { damage, says } = DAMAGES[label];
  const roster = "花名册";

  test("check and the page's reader: coded, the same message", async () => {
    const file = damaged(department, label, damage);
    const name = path.basename(file);
    // A sheet without sheetData holds no roster: check says what it misses, as for any such sheet.
    const message = label.includes("sheetData") ? "没有找到申报人员花名册" : says(name, roster);
    refused(["check", file], message);
    if (!label.includes("sheetData")) {
      const error = await XlsxWorkbook.fromBytes(name, new Uint8Array(fs.readFileSync(file))).readSheets().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(UnusableWorkbook);
      expect((error as UnusableWorkbook).code).toMatch(/^[A-Z_]+$/);
      expect((error as UnusableWorkbook).message).toBe(message);
    }
  });

  test("run (write-back) and import (into the workbook)", () => {
    const file = damaged(department, label, damage);
    const message = label.includes("sheetData") ? "没有找到申报人员花名册" : says(path.basename(file), roster);
    refused(["run", file, "-o", path.join(dir, "out.xlsx")], message);
    if (!label.includes("sheetData")) refused(["import", exportFile, "--into", file, "-o", path.join(dir, "imported.xlsx")], message);
    expect(fs.existsSync(path.join(dir, "out.xlsx"))).toBe(false);
  });

  test("clear of a run's output", () => {
    const file = damaged(runOutput, label, damage);
    const r = kezheng(["clear", file, "-o", path.join(dir, "cleared.xlsx")]);
    expect(r.stdout + r.stderr).not.toMatch(/内部错误|    at /);
    // A lost user sheet is not ours to clear: clear removes what it wrote and leaves that as it is.
    if (label.includes("gone")) expect(r.code).toBe(0);
    else refused(["clear", file, "-o", path.join(dir, "cleared.xlsx")], says(path.basename(file), roster));
  });

  test("fill patching a template", () => {
    const file = damaged(template, label, damage);
    const message = label.includes("sheetData") ? "没有找到可填写的表头" : says(path.basename(file), "考生信息");
    refused(["fill", file, "--from", department, "-o", path.join(dir, "filled.xlsx")], message);
  });

  test("merge reading a department", () => {
    const file = damaged(department, label, damage);
    const message = label.includes("sheetData") ? "没有找到申报人员花名册" : says(path.basename(file), roster);
    refused(["merge", file, "-o", path.join(dir, "merged.xlsx")], message);
  });
});

test("a part that is not XML at all is named, as the page names it (coded, with the file)", async () => {
  const file = path.join(dir, "rels.xlsx");
  zipEdit(department, file, (_p, t, set) => set("xl/_rels/workbook.xml.rels", t("xl/_rels/workbook.xml.rels").replace("</Relationships>", "<Relationship")));
  const error = await Promise.resolve().then(() => XlsxWorkbook.fromBytes("rels.xlsx", new Uint8Array(fs.readFileSync(file))).readSheets()).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(UnusableWorkbook);
  expect((error as UnusableWorkbook).code).toBe("PART_NOT_XML");
  expect((error as UnusableWorkbook).message).toBe(messageFor("PART_NOT_XML", { file: "rels.xlsx", part: "xl/_rels/workbook.xml.rels" }));
  expect(messageFor("PART_NOT_XML", { file: "rels.xlsx", part: "p" }, "en-US")).toMatch(/not well-formed XML/);
  expect(Object.keys(readParts(file))).toContain(SHEET1);
});
