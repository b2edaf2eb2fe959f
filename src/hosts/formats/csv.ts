// .csv as 教务系统 and Excel write it: UTF-8 with or without a BOM, or GB18030/GBK (Excel on a
// Chinese Windows), decided by the bytes, not the name; RFC 4180 quoting (commas, quotes and line
// breaks inside quoted fields). Every cell is read as text: student and ID numbers keep their digits.
import { UnusableWorkbook } from "../../app/port";
import type { CellValue, Grid } from "../../forms/grid";

const strictUtf8 = new TextDecoder("utf-8", { fatal: true });

function isUtf8(bytes: Uint8Array): boolean {
  try {
    strictUtf8.decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/**
 * The text of a .csv file: UTF-8 where the bytes are valid UTF-8, GB18030 otherwise. A file whose
 * lines are in both (two exports pasted together) is refused at the first line in the other one:
 * decoded either way, half the names would be written into the register garbled.
 */
export function decodeCsv(bytes: Uint8Array, fileName = "CSV 文件"): string {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return new TextDecoder("utf-8").decode(bytes.subarray(3));
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) return new TextDecoder(bytes[0] === 0xff ? "utf-16le" : "utf-16be").decode(bytes.subarray(2));
  if (isUtf8(bytes)) return strictUtf8.decode(bytes);
  // Not UTF-8: the other encoding Chinese spreadsheets write (GB18030 covers GBK and GB2312),
  // unless some lines are UTF-8 after all: a line of several Chinese characters in GBK is
  // practically never valid UTF-8, so a line that is, among lines that are not, is the other encoding.
  const mixed = firstLineInOtherEncoding(bytes);
  if (mixed) {
    throw UnusableWorkbook.coded("CSV_MIXED_ENCODINGS", { file: fileName, other: String(mixed.line), value: mixed.encoding });
  }
  return new TextDecoder("gb18030").decode(bytes);
}

/** Lines with three or more non-ASCII bytes, classed as UTF-8 or not; the first that differs from the first one. */
function firstLineInOtherEncoding(bytes: Uint8Array): { line: number; encoding: string } | null {
  let first: boolean | null = null;
  let start = 0;
  for (let line = 1; start < bytes.length; line++) {
    let end = bytes.indexOf(0x0a, start);
    if (end < 0) end = bytes.length;
    const text = bytes.subarray(start, end);
    let high = 0;
    for (const b of text) if (b >= 0x80) high++;
    if (high >= 3) {
      const utf8 = isUtf8(text);
      if (first === null) first = utf8;
      else if (utf8 !== first) return { line, encoding: utf8 ? "UTF-8" : "GBK/GB18030" };
    }
    start = end + 1;
  }
  return null;
}

/** The field separator: a comma, or a tab or semicolon where the first line has those and no comma. */
function separatorOf(text: string): string {
  const line = text.slice(0, text.search(/\r?\n|$/));
  if (line.includes(",")) return ",";
  if (line.includes("\t")) return "\t";
  if (line.includes(";")) return ";";
  return ",";
}

export function parseCsv(text: string): string[][] {
  const sep = separatorOf(text);
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
      } else field += c;
      i++;
      continue;
    }
    if (c === '"' && field === "") quoted = true;
    else if (c === sep) {
      row.push(field);
      field = "";
    } else if (c === "\n" || c === "\r") {
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
      if (c === "\r" && text[i + 1] === "\n") i++;
    } else field += c;
    i++;
  }
  if (field !== "" || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

/** A .csv file as one grid named after the file (a CSV has one sheet and no name for it). */
export function readCsv(name: string, bytes: Uint8Array, fileName = `${name}.csv`): Grid {
  const rows = parseCsv(decodeCsv(bytes, fileName)).map((r): CellValue[] => {
    const cells: CellValue[] = r.map((v) => (v.trim() === "" ? null : v));
    while (cells.length && cells[cells.length - 1] === null) cells.pop();
    return cells;
  });
  return { name, rows };
}
