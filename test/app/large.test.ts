// A department as large as a whole school: no step may spread hundreds of thousands of values
// into one call (Math.max(...rows) overflows the stack), as the first 50,000-applicant bench showed.
import { checkGrids } from "../../src/app/check";
import { syntheticDepartment } from "../../src/app/synthetic";
import { planWriteBack } from "../../src/app/writeback";
import * as path from "path";
import { runFile } from "../../src/cli/files";
import { tmpDir, writeFixture } from "../support/workbooks";
import { readParts } from "../support/writers";
import * as fs from "fs";
import { sheetsToWorkbook } from "../../src/hosts/xlsx/sheets";
import { kezheng } from "../support/cli";
import { zipFaults } from "../support/zipcheck";

test("check and plan 20,000 applicants with 200,000 grade rows", () => {
  const dept = syntheticDepartment({ seed: 91, applicants: 20000, passRate: 0.7 });
  const result = checkGrids(dept.sheets.map((s) => ({ name: s.name, rows: s.rows })));
  expect(result.report.applicants).toHaveLength(20000);
  const plan = planWriteBack(result);
  const helpers = plan.blocks.find((b) => b.sheet === "成绩登记册");
  expect(helpers?.cells.length).toBe(200001);
  expect(plan.marks.length).toBeGreaterThan(50000);
}, 120000);

test("run on 5,000 applicants: every sheet written holds at most 1,023 page breaks (Excel's limit), the 备案表 split in order", async () => {
  const dir = tmpDir();
  const input = await writeFixture(syntheticDepartment({ seed: 92, applicants: 5000, passRate: 0.9 }).sheets, path.join(dir, "in.xlsx"));
  const out = path.join(dir, "out.xlsx");
  await runFile(input, out);
  const parts = readParts(out);
  const workbook = new TextDecoder().decode(parts["xl/workbook.xml"]);
  const names = [...workbook.matchAll(/<sheet name="([^"]+)"/g)].map((m) => m[1]);
  const filing = names.filter((n) => n.startsWith("备案表"));
  expect(filing.length).toBeGreaterThan(2);
  expect(filing).toEqual(filing.map((_, k) => (k === 0 ? "备案表" : `备案表（${k + 1}）`)));
  let total = 0;
  for (const [name, bytes] of Object.entries(parts)) {
    if (!/^xl\/worksheets\/sheet\d+\.xml$/.test(name)) continue;
    const breaks = (new TextDecoder().decode(bytes).match(/<brk /g) ?? []).length;
    expect({ name, breaks: Math.min(breaks, 1023) }).toEqual({ name, breaks });
    total += breaks;
  }
  // One page per applicant on a 备案表: pages = breaks + one per sheet.
  expect(total + filing.length).toBeGreaterThan(4000);
}, 180000);

test("run on 20,000 applicants writes a package whose every entry verifies (Python's zipfile recomputes each CRC)", () => {
  // The notes' drawing of 20,000 applicants is over 1 MiB as one string: the size at which a
  // part once got CRC 0. kezheng() checks every workbook it wrote; this says so explicitly.
  const dir = tmpDir();
  const input = path.join(dir, "学院.xlsx");
  fs.writeFileSync(input, Buffer.concat(sheetsToWorkbook(syntheticDepartment({ seed: 93, applicants: 20000, defects: true }).sheets).write()));
  const out = path.join(dir, "学院-课证.xlsx");
  const r = kezheng(["run", input, "-o", out]);
  expect(r.stderr).toBe("");
  expect(zipFaults([out])).toEqual({});
  const sizes = Object.values(readParts(out)).map((b) => b.length);
  expect(Math.max(...sizes)).toBeGreaterThan(1 << 20);
}, 300000);
