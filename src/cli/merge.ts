// `kezheng merge`: the centre's summary of department workbooks, as files.
import { promises as fs } from "fs";
import * as path from "path";
import { mergeDepartments, mergedSheets, SUMMARY_MARK, type DepartmentInput, type MergeResult } from "../app/merge";
import { UnusableWorkbook } from "../app/port";
import { detectForm, HEADER_SCAN_ROWS } from "../forms/detect";
import { cellText } from "../forms/grid";
import { readSettings } from "../forms/settings";
import { newMarkedWorkbook } from "../hosts/xlsx/sheets";
import { readDepartments } from "../hosts/formats/read";
import { readFileBytes, readGridsFromFile } from "./files";
import { OutputTarget } from "./output";

/** Files named on the command line; a folder stands for every workbook in it (.xlsx, .xlsm, .xls, .ods, .csv; not Excel's ~$ lock files). */
export async function departmentFiles(args: string[]): Promise<string[]> {
  const files: string[] = [];
  for (const a of args) {
    const stat = await fs.stat(a).catch(() => null);
    if (stat?.isDirectory()) {
      for (const f of (await fs.readdir(a)).sort()) if (/\.(xlsx|xlsm|xls|ods|csv)$/i.test(f) && !f.startsWith("~$")) files.push(path.join(a, f));
    } else files.push(a);
  }
  return files;
}

/** The file at a path, as the file system knows it (a second name for it, a link, is the same file). */
async function identity(file: string): Promise<string> {
  const s = await fs.stat(file).catch(() => null);
  return s ? `${s.dev}:${s.ino}` : `path:${path.resolve(file)}`;
}

/**
 * The output must not be one of the department files: `merge a.xlsx b.xlsx -o a.xlsx` would
 * replace a department's workbook with the summary. Last run's summary in the folder is the one
 * exception (it is skipped as a summary and replaced).
 */
async function refuseOutputAmongInputs(files: readonly string[], output: string, inputs: readonly DepartmentInput[]): Promise<void> {
  const out = await identity(output);
  for (const [k, f] of files.entries()) {
    if ((await identity(f)) !== out) continue;
    const input = inputs[k];
    if ("skipped" in input && input.summary) continue;
    throw new UnusableWorkbook(`输出文件 ${output} 就是要汇总的 ${f}：汇总结果会覆盖这个学院的工作簿，已停止，没有写入任何文件。请用 -o 指定另一个文件名，如 -o 汇总.xlsx。`);
  }
}

async function settingsFrom(file: string) {
  const grids = await readGridsFromFile(file);
  for (const g of grids) {
    const d = detectForm(g);
    if (d?.kind !== "settings") continue;
    const read = readSettings(d);
    const bad = read?.issues.find((i) => i.severity === "error");
    if (bad) throw new UnusableWorkbook(`${path.basename(file)} 的设置有误（${bad.sheet}!${bad.cell}）：${bad.message}`);
    return read?.settings;
  }
  throw new UnusableWorkbook(`${path.basename(file)} 中没有“设置”工作表（两列：项目、值）：请检查 --settings 指定的文件。`);
}

/** ID number -> certificate number, from an earlier summary's 获证人员汇总表. */
async function previousNumbers(file: string): Promise<Map<string, string>> {
  const grids = await readGridsFromFile(file);
  const sheet = grids.find((g) => g.name === "获证人员汇总表");
  if (!sheet) throw new UnusableWorkbook(`${path.basename(file)} 中没有“获证人员汇总表”：--previous 应指定上一次汇总生成的文件。`);
  const numbers = new Map<string, string>();
  for (let r = 0; r < Math.min(HEADER_SCAN_ROWS, sheet.rows.length); r++) {
    const header = sheet.rows[r].map((v) => cellText(v));
    const id = header.indexOf("身份证号"), cert = header.indexOf("证书编号");
    if (id < 0 || cert < 0) continue;
    for (const row of sheet.rows.slice(r + 1)) {
      const n = cellText(row[cert] ?? null);
      if (n) numbers.set(cellText(row[id] ?? null).toUpperCase(), n);
    }
    return numbers;
  }
  throw new UnusableWorkbook(`${path.basename(file)} 的获证人员汇总表没有“身份证号”和“证书编号”列。`);
}

export interface MergeArgs {
  output: string;
  settings?: string;
  certPrefix?: string;
  previous?: string;
}

export async function mergeFiles(args: string[], opts: MergeArgs): Promise<MergeResult> {
  const files = await departmentFiles(args);
  if (files.length === 0) throw new UnusableWorkbook("没有找到要汇总的工作簿（.xlsx、.xls、.ods、.csv）：请给出各学院的工作簿或它们所在的文件夹。");
  // A department's file as the output is refused once it is known not to be last run's summary (below).
  const target = await OutputTarget.claim(opts.output, [...files, ...(opts.settings ? [opts.settings] : []), ...(opts.previous ? [opts.previous] : [])], { replaces: [...files, ...(opts.previous ? [opts.previous] : [])] });
  const inputs = await readDepartments(files.map((f) => ({ file: f, bytes: () => readFileBytes(f) })));
  await refuseOutputAmongInputs(files, opts.output, inputs);
  const prefix = opts.certPrefix?.trim().toUpperCase();
  if (prefix !== undefined && !/^[SY]\d{12}$/.test(prefix)) throw new UnusableWorkbook(`--cert-prefix 应为 13 位：S 或 Y，加 4 位机构代码、2 位省份代码、6 位机构序号（如 S000041000001），现为 ${opts.certPrefix}`);
  const result = mergeDepartments(inputs, {
    settings: opts.settings ? await settingsFrom(opts.settings) : undefined,
    certPrefix: prefix,
    previous: opts.previous ? await previousNumbers(opts.previous) : undefined,
  });
  await target.write(newMarkedWorkbook(mergedSheets(result), SUMMARY_MARK));
  return result;
}
