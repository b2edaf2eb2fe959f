// Opening .xlsx files with ExcelJS, turning every way a file can be unusable into one clear line.
import { promises as fs } from "fs";
import * as path from "path";
import ExcelJS from "exceljs";
import { UnusableWorkbook } from "../../app/port";

const ZIP = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
const CFB = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
const ENCRYPTION_INFO = Buffer.from("EncryptionInfo", "utf16le");
/** Every .xlsx package holds this part; zip entry names are stored as plain text. */
const WORKBOOK_PART = Buffer.from("xl/workbook.xml");

/** Why a buffer is not an .xlsx workbook, or null when it looks like one. */
export function unusableReason(file: string, head: Buffer): string | null {
  const name = path.basename(file);
  if (head.subarray(0, 8).equals(CFB)) {
    if (head.includes(ENCRYPTION_INFO)) {
      return `${name} 设有打开密码，无法读取：请在 Excel 中打开，依次点“文件 > 信息 > 保护工作簿 > 用密码进行加密”，清空密码并保存后再试。`;
    }
    return `${name} 是旧版 Excel 97-2003（.xls）格式：请在 Excel 或 WPS 中“另存为”Excel 工作簿（.xlsx）后再试。`;
  }
  if (!head.subarray(0, 4).equals(ZIP)) {
    const ext = path.extname(file).toLowerCase();
    const what = ext === ".csv" ? "是 CSV 文本文件" : "不是 Excel 工作簿";
    return `${name} ${what}：请在 Excel 或 WPS 中打开后“另存为”Excel 工作簿（.xlsx）再试。`;
  }
  if (!head.includes(WORKBOOK_PART)) return notAWorkbook(name);
  return null;
}

export function notAWorkbook(name: string): string {
  return `${name} 不是有效的 Excel 工作簿（可能已损坏，或只是改了扩展名）：请用 Excel 或 WPS 打开后另存为 .xlsx 再试。`;
}

/** The bytes of a file that looks like an .xlsx workbook; anything else is UnusableWorkbook. */
export async function readWorkbookBytes(file: string): Promise<Buffer> {
  let buffer: Buffer;
  try {
    buffer = await fs.readFile(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "ENOENT") throw new UnusableWorkbook(`找不到文件 ${file}：请检查文件名和路径。`);
    if (code === "EISDIR") throw new UnusableWorkbook(`${file} 是文件夹，不是 Excel 工作簿：请指定一个 .xlsx 文件。`);
    throw new UnusableWorkbook(`无法读取 ${file}（${code ?? "未知原因"}）：请确认文件未被占用且有读取权限。`);
  }
  assertWorkbookBytes(file, buffer);
  return buffer;
}

function assertWorkbookBytes(file: string, bytes: Buffer): void {
  if (bytes.length === 0) throw new UnusableWorkbook(`${path.basename(file)} 是空文件：请确认保存完整后再试。`);
  const reason = unusableReason(file, bytes);
  if (reason) throw new UnusableWorkbook(reason);
}

export async function openWorkbookFile(file: string): Promise<ExcelJS.Workbook> {
  return openWorkbookBuffer(file, await readWorkbookBytes(file));
}

export async function openWorkbookBuffer(file: string, buffer: Buffer | ArrayBuffer): Promise<ExcelJS.Workbook> {
  const bytes = Buffer.isBuffer(buffer) ? buffer : Buffer.from(buffer);
  assertWorkbookBytes(file, bytes);
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    // ExcelJS's own error names zip internals; the user needs to know the file itself is not a workbook.
    throw new UnusableWorkbook(notAWorkbook(path.basename(file)));
  }
  if (wb.worksheets.length === 0) throw new UnusableWorkbook(`${path.basename(file)} 中没有工作表：请打开填写好的申报人员花名册。`);
  return wb;
}
