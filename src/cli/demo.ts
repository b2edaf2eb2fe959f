// `kezheng template` and `kezheng demo`: files to start from, and the whole job on made-up data.
import * as os from "os";
import * as path from "path";
import { promises as fs } from "fs";
import { syntheticDepartment } from "../app/synthetic";
import { templateSheets } from "../forms/template";
import { newWorkbook, sheetsToWorkbook } from "../hosts/xlsx/sheets";
import { runFile } from "./files";
import { OutputTarget, writeWorkbookFile } from "./output";
import type { Report } from "../app/report";

/** Never over an existing file: the name given may be a filled roster's. */
export async function writeTemplate(out: string): Promise<void> {
  await writeWorkbookFile(newWorkbook(templateSheets()), out, [], { fresh: true });
}

/** What `kezheng demo` writes without -o: the one existing file it may replace (its own last output). */
export const DEMO_OUTPUT = "kezheng-demo.xlsx";

/** A realistic department: 60 made-up applicants, messy layout, one of every defect, settings and a plan. */
export async function writeDemo(out: string): Promise<{ report: Report }> {
  if (path.basename(out) !== DEMO_OUTPUT) await OutputTarget.claim(out, [], { fresh: true });
  const dept = syntheticDepartment({
    seed: 2023, applicants: 60, defects: true, passRate: 0.8, department: "信息工程学院",
    layout: { titleRows: 2, shuffle: true, footer: true, blankRows: true, messyValues: true },
  });
  const sheets = [
    ...dept.sheets,
    { name: "设置", rows: [["项目", "值"], ["认定年度", 2023], ["学校名称", "周口职业技术学院"], ["补考不及格处理", "取消资格"]], merges: [] },
    { name: "认定计划", rows: [["职业编码", "职业名称", "工种", "级别", "人数", "计划提交日期", "认定日期"], ["4-04-05-01", "计算机程序设计员", null, "三级", 3, "2023-11-20", "2023-11-25"]], merges: [] },
  ];
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), "kezheng-demo-"));
  const input = path.join(dir, "信息工程学院.xlsx");
  try {
    await writeWorkbookFile(sheetsToWorkbook(sheets), input);
    return await runFile(input, out);
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}
