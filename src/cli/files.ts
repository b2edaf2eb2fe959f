// Files in, files out: the CLI's use of the xlsx host. Outputs are written whole or not at all.
import { promises as fs } from "fs";
import * as path from "path";
import ExcelJS from "exceljs";
import { checkGrids, type CheckResult } from "../app/check";
import { UnusableWorkbook } from "../app/port";
import type { Report } from "../app/report";
import { runWriteBack } from "../app/run";
import { openWorkbookFile } from "../hosts/xlsx/open";
import { readGridsStreaming } from "../hosts/xlsx/stream";
import { XlsxWorkbook } from "../hosts/xlsx/workbook";

/** `check` only reads: the streaming reader, about half the time and memory of a full load. */
export async function checkFile(file: string): Promise<Report> {
  return checkGrids(await readGridsStreaming(file)).report;
}

/** Where a command writes: -o, or the input itself with --in-place, or NAME-课证.xlsx beside it. */
export function outputPath(input: string, options: { output?: string; inPlace?: boolean }, suffix: string): string {
  if (options.output && options.inPlace) throw new UnusableWorkbook("-o 和 --in-place 只能选一个：要覆盖原文件用 --in-place，要另存用 -o 新文件名。");
  if (options.inPlace) return input;
  const out = options.output ?? path.join(path.dirname(input), `${path.basename(input, path.extname(input))}-${suffix}.xlsx`);
  if (path.resolve(out) === path.resolve(input)) throw new UnusableWorkbook(`输出文件与输入文件相同（${input}）：原文件不会被覆盖，请用 -o 指定另一个文件名，或加 --in-place 明确覆盖。`);
  return xlsxName(out);
}

/** An output file name must end in .xlsx: what the product writes is an Excel workbook. */
export function xlsxName(out: string): string {
  if (path.extname(out).toLowerCase() !== ".xlsx") throw new UnusableWorkbook(`输出文件名应以 .xlsx 结尾：${out}`);
  return out;
}

/** Writes to a temporary file beside the target, then renames: never a half-written workbook. */
export async function writeWorkbookAtomically(wb: ExcelJS.Workbook, out: string): Promise<void> {
  const tmp = path.join(path.dirname(out), `.${path.basename(out)}.${process.pid}.tmp`);
  try {
    await wb.xlsx.writeFile(tmp);
    await fs.rename(tmp, out);
  } catch (e) {
    await fs.rm(tmp, { force: true });
    const code = (e as NodeJS.ErrnoException).code;
    throw new UnusableWorkbook(`无法写入 ${out}（${code ?? (e as Error).message}）：请确认该文件没有在 Excel 中打开、文件夹可写。`);
  }
}

export async function runFile(input: string, out: string): Promise<CheckResult> {
  const wb = await openWorkbookFile(input);
  const result = await runWriteBack(new XlsxWorkbook(wb));
  await writeWorkbookAtomically(wb, out);
  return result;
}

export async function clearFile(input: string, out: string): Promise<boolean> {
  const wb = await openWorkbookFile(input);
  const cleared = await new XlsxWorkbook(wb).clearWriteBack();
  await writeWorkbookAtomically(wb, out);
  return cleared;
}
