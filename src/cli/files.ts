// Files in, files out: the CLI's use of the xlsx host. Outputs are written whole or not at all.
import { promises as fs } from "fs";
import * as path from "path";
import * as fsSync from "fs";
import { checkGrids } from "../app/check";
import { offeredPhotos } from "../app/photorun";
import type { PhotoReportEntry, PhotoSource } from "../app/photos";
import { photoImages } from "../hosts/images";
import type { JournalSkips } from "../app/journal";
import { UnusableWorkbook } from "../app/port";
import type { Report } from "../app/report";
import { runWriteBack } from "../app/run";
import { IMPORT_MARK, importGrades, type ExportFile, type ImportResult } from "../app/import";
import { readAnyGrids } from "../hosts/formats/read";
import { writeMarkedSheet } from "../hosts/xlsx/writeback";
import { XlsxWorkbook } from "../hosts/xlsx/workbook";
import { useNativeZlib } from "../hosts/xlsx/zip";
import { nodeZlib } from "./nodezlib";
import { OutputTarget } from "./output";
import { walk } from "./photos";

// On Node, zlib does the deflate work natively (the browser uses fflate's JavaScript).
useNativeZlib(nodeZlib);

/** A file's bytes, or one clear line saying why it cannot be read. */
export async function readFileBytes(file: string): Promise<Buffer> {
  try {
    return await fs.readFile(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "ENOENT") throw new UnusableWorkbook(`找不到文件 ${file}：请检查文件名和路径。`);
    if (code === "EISDIR") throw new UnusableWorkbook(`${file} 是文件夹，不是 Excel 工作簿：请指定一个 .xlsx 文件。`);
    throw new UnusableWorkbook(`无法读取 ${file}（${code ?? "未知原因"}）：请确认文件未被占用且有读取权限。`);
  }
}

export async function openWorkbookFile(file: string): Promise<XlsxWorkbook> {
  return XlsxWorkbook.fromBytes(file, await readFileBytes(file));
}

/** Every sheet of a workbook file as grids: .xlsx/.xlsm, .xls, .ods or .csv (by content). */
export async function readGridsFromFile(file: string) {
  return readAnyGrids(file, await readFileBytes(file));
}

export async function checkFile(file: string): Promise<Report> {
  return checkGrids(await readGridsFromFile(file)).report;
}

/** A macro-enabled workbook stays one: its output is .xlsm too (Excel refuses macros under .xlsx). */
const extensionFor = (input: string) => (path.extname(input).toLowerCase() === ".xlsm" ? ".xlsm" : ".xlsx");

/** Where a command writes: -o, or the input itself with --in-place, or NAME-课证.xlsx beside it. */
export function outputPath(input: string, options: { output?: string; inPlace?: boolean }, suffix: string): string {
  if (options.output && options.inPlace) throw new UnusableWorkbook("-o 和 --in-place 只能选一个：要覆盖原文件用 --in-place，要另存用 -o 新文件名。");
  if (options.inPlace) return input;
  const ext = extensionFor(input);
  const out = options.output ?? path.join(path.dirname(input), `${path.basename(input, path.extname(input))}-${suffix}${ext}`);
  if (path.resolve(out) === path.resolve(input)) throw new UnusableWorkbook(`输出文件与输入文件相同（${input}）：原文件不会被覆盖，请用 -o 指定另一个文件名，或加 --in-place 明确覆盖。`);
  return xlsxName(out, ext);
}

/** An output file name must end in .xlsx (or .xlsm for a macro-enabled workbook). */
export function xlsxName(out: string, ext = ".xlsx"): string {
  if (path.extname(out).toLowerCase() === ext) return out;
  if (ext === ".xlsm") throw new UnusableWorkbook(`输入是启用宏的工作簿（.xlsm），输出文件名也应以 .xlsm 结尾（宏会原样保留）：${out}`);
  throw new UnusableWorkbook(`输出文件名应以 .xlsx 结尾：${out}`);
}

/** Returns the report only: the rest of the check is let go before the (large) output is written.
 * With `photos` (a folder), its photos are matched to the applicants and placed on the 备案表, and
 * their issues join the report; without, the photos the last run placed stay. */
export async function runFile(input: string, out: string, options: { photos?: string } = {}): Promise<{ report: Report; photos?: PhotoReportEntry[] }> {
  const target = await OutputTarget.claim(out, [input], { replaces: [input] });
  const sources = options.photos === undefined ? null : photoFolder(options.photos);
  const wb = await openWorkbookFile(input);
  const offered = sources ? offeredPhotos(sources, photoImages) : null;
  const report = await runWriteBack(wb, { photos: offered?.photos }, (result) => result.report);
  await target.write(wb.pkg);
  const c = offered?.check();
  return c ? { report: { ...report, issues: [...report.issues, ...c.issues] }, photos: c.photos } : { report };
}

/** The folder `--photos` names, walked (the photos command's walker); one line when it is not a folder. */
function photoFolder(dir: string): PhotoSource[] {
  const stat = fsSync.statSync(dir, { throwIfNoEntry: false });
  if (!stat) throw new UnusableWorkbook(`找不到照片文件夹 ${dir}：请检查路径。`);
  if (!stat.isDirectory()) throw new UnusableWorkbook(`${dir} 不是文件夹：--photos 后请给出放照片的文件夹。`);
  return walk(path.resolve(dir), null);
}

/** Whether anything of ours was there, and what clear left alone because it was no longer ours. */
export async function clearFile(input: string, out: string): Promise<{ cleared: boolean; kept: JournalSkips }> {
  const target = await OutputTarget.claim(out, [input], { replaces: [input] });
  const wb = await openWorkbookFile(input);
  const cleared = await wb.clearWriteBack();
  await target.write(wb.pkg);
  return { cleared, kept: wb.skips };
}

/** kezheng import: exports read (any format), the register written into the workbook. */
export async function importFiles(sources: string[], into: string, out: string): Promise<ImportResult & { sheetName: string }> {
  const target = await OutputTarget.claim(out, [into, ...sources], { replaces: [into] });
  const files: ExportFile[] = [];
  for (const f of sources) files.push({ file: path.basename(f), grids: await readGridsFromFile(f) });
  const wb = await openWorkbookFile(into);
  const result = importGrades(files, await wb.readSheets());
  const sheetName = writeMarkedSheet(wb.pkg, result.sheet, IMPORT_MARK);
  await target.write(wb.pkg);
  return { ...result, sheetName };
}
