// Telling what a file is before opening it, and turning every way it can be unusable into one clear
// line. Runs on Node (the command line) and in the task pane (department files the centre picks),
// so bytes are plain Uint8Arrays and file names are split by hand.
import { UnusableWorkbook } from "../../app/port";
import type { IssueCode } from "../../domain/messages";

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

/** Why the bytes are not an .xlsx workbook (a code of the message table), or null when they look like one. */
export function unusableReason(file: string, head: Uint8Array): IssueCode | null {
  if (startsWith(head, CFB)) return contains(head, ENCRYPTION_INFO) ? "FILE_PASSWORD" : "FILE_IS_XLS";
  if (!startsWith(head, ZIP)) return extension(file) === ".csv" ? "FILE_IS_CSV" : "FILE_NOT_EXCEL";
  if (contains(head.subarray(0, 256), ODS_MIMETYPE)) return "FILE_IS_ODS";
  if (!contains(head, WORKBOOK_PART)) return "FILE_NOT_WORKBOOK";
  return null;
}

/** The file cannot be used, for a reason of the message table. */
export const unusable = (file: string, code: IssueCode, detail?: string) => UnusableWorkbook.coded(code, { file: basename(file) }, detail);

/** What the bytes are, for reading (check, merge): .xlsx/.xlsm, .xls, .ods or .csv, by content, not by name. */
export type ReadableKind = "xlsx" | "xls" | "ods" | "csv";

export function readableKind(file: string, bytes: Uint8Array): ReadableKind {
  const name = basename(file);
  if (bytes.length === 0) throw unusable(name, "FILE_EMPTY");
  const head = bytes.subarray(0, 4096);
  if (startsWith(head, ZIP)) {
    if (contains(bytes.subarray(0, 256), ODS_MIMETYPE)) return "ods";
    const reason = unusableReason(file, bytes);
    if (reason) throw unusable(name, reason);
    return "xlsx";
  }
  if (startsWith(head, CFB)) {
    if (contains(bytes, ENCRYPTION_INFO)) throw unusable(name, "FILE_PASSWORD");
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
    throw unusable(name, "FILE_ONE_COLUMN_TEXT");
  }
  throw unusable(name, "FILE_NOT_TABLE");
}

export function assertWorkbookBytes(file: string, bytes: Uint8Array): void {
  if (bytes.length === 0) throw unusable(file, "FILE_EMPTY");
  const reason = unusableReason(file, bytes);
  if (reason) throw unusable(file, reason);
}
