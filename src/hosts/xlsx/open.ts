// Telling what a file is before opening it, and turning every way it can be unusable into one clear
// line. Runs on Node (the command line) and in the task pane (department files the centre picks),
// so bytes are plain Uint8Arrays and file names are split by hand.
import { UnusableWorkbook } from "../../app/port";

const ZIP = Uint8Array.of(0x50, 0x4b, 0x03, 0x04);
const CFB = Uint8Array.of(0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1);
const ascii = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0));
const utf16le = (s: string) => Uint8Array.from([...s].flatMap((c) => [c.charCodeAt(0), 0]));
const ENCRYPTION_INFO = utf16le("EncryptionInfo");
const ODS_MIMETYPE = ascii("application/vnd.oasis.opendocument.spreadsheet");
/** Every .xlsx package holds this part; zip entry names are stored as plain text. */
const WORKBOOK_PART = ascii("xl/workbook.xml");

const startsWith = (bytes: Uint8Array, sig: Uint8Array) => sig.every((b, i) => bytes[i] === b);

function contains(bytes: Uint8Array, needle: Uint8Array): boolean {
  const first = needle[0];
  for (let i = bytes.indexOf(first); i >= 0 && i <= bytes.length - needle.length; i = bytes.indexOf(first, i + 1)) {
    let k = 1;
    while (k < needle.length && bytes[i + k] === needle[k]) k++;
    if (k === needle.length) return true;
  }
  return false;
}

export const basename = (file: string) => file.split(/[\\/]/).pop() ?? file;
const extension = (file: string) => (/\.[^.\\/]*$/.exec(file)?.[0] ?? "").toLowerCase();

/** Why the bytes are not an .xlsx workbook, or null when they look like one. */
export function unusableReason(file: string, head: Uint8Array): string | null {
  const name = basename(file);
  if (startsWith(head, CFB)) {
    if (contains(head, ENCRYPTION_INFO)) {
      return `${name} 设有打开密码，无法读取：请在 Excel 中打开，依次点“文件 > 信息 > 保护工作簿 > 用密码进行加密”，清空密码并保存后再试。`;
    }
    return `${name} 是旧版 Excel 97-2003（.xls）格式：请在 Excel 或 WPS 中“另存为”Excel 工作簿（.xlsx）后再试。`;
  }
  if (!startsWith(head, ZIP)) {
    const ext = extension(file);
    const what = ext === ".csv" ? "是 CSV 文本文件" : "不是 Excel 工作簿";
    return `${name} ${what}：请在 Excel 或 WPS 中打开后“另存为”Excel 工作簿（.xlsx）再试。`;
  }
  if (contains(head.subarray(0, 256), ODS_MIMETYPE)) {
    return `${name} 是 LibreOffice 的 ODS 格式：课证可以检查它，但写回需要 .xlsx。请在 LibreOffice 或 WPS 中“另存为”Excel 工作簿（.xlsx）后再试。`;
  }
  if (!contains(head, WORKBOOK_PART)) return notAWorkbook(name);
  return null;
}

export function notAWorkbook(name: string): string {
  return `${name} 不是有效的 Excel 工作簿（可能已损坏，或只是改了扩展名）：请用 Excel 或 WPS 打开后另存为 .xlsx 再试。`;
}

/** What the bytes are, for reading (check, merge): .xlsx/.xlsm, .xls, .ods or .csv, by content, not by name. */
export type ReadableKind = "xlsx" | "xls" | "ods" | "csv";

export function readableKind(file: string, bytes: Uint8Array): ReadableKind {
  const name = basename(file);
  if (bytes.length === 0) throw new UnusableWorkbook(`${name} 是空文件：请确认保存完整后再试。`);
  const head = bytes.subarray(0, 4096);
  if (startsWith(head, ZIP)) {
    if (contains(bytes.subarray(0, 256), ODS_MIMETYPE)) return "ods";
    const reason = unusableReason(file, bytes);
    if (reason) throw new UnusableWorkbook(reason);
    return "xlsx";
  }
  if (startsWith(head, CFB)) {
    if (contains(bytes, ENCRYPTION_INFO)) throw new UnusableWorkbook(unusableReason(file, bytes) as string);
    return "xls";
  }
  // Text: no NUL bytes (UTF-16 text starts with its byte order mark), and a table: a comma, tab or
  // semicolon in the first line (these bytes never occur inside a GB18030 or UTF-8 character).
  const utf16 = (head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff);
  const end = head.indexOf(0x0a);
  const firstLine = head.subarray(0, end < 0 ? head.length : end);
  const table = firstLine.includes(0x2c) || firstLine.includes(0x09) || firstLine.includes(0x3b);
  if (utf16 || (!head.includes(0) && table)) return "csv";
  if (!head.includes(0) && end > 0) {
    throw new UnusableWorkbook(`${name} 是只有一列的文本（第一行没有逗号、制表符或分号把各列分开）：花名册和成绩表至少要有学号、姓名等几列。请在 Excel 或 WPS 中打开它，确认各列已分开后另存为 Excel 工作簿（.xlsx）再试。`);
  }
  throw new UnusableWorkbook(`${name} 不是 Excel 工作簿，也不是 CSV 文本：请在 Excel 或 WPS 中打开后“另存为”Excel 工作簿（.xlsx）再试。`);
}

export function assertWorkbookBytes(file: string, bytes: Uint8Array): void {
  if (bytes.length === 0) throw new UnusableWorkbook(`${basename(file)} 是空文件：请确认保存完整后再试。`);
  const reason = unusableReason(file, bytes);
  if (reason) throw new UnusableWorkbook(reason);
}
