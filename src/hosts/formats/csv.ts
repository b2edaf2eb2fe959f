// .csv as 教务系统 and Excel write it: UTF-8 with or without a BOM, or GB18030/GBK (Excel on a
// Chinese Windows), decided by the bytes, not the name; RFC 4180 quoting (commas, quotes and line
// breaks inside quoted fields). Every cell is read as text: student and ID numbers keep their digits.
import type { CellValue, Grid } from "../../forms/grid";

/** The text of a .csv file: UTF-8 where the bytes are valid UTF-8, GB18030 otherwise. */
export function decodeCsv(bytes: Uint8Array): string {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return new TextDecoder("utf-8").decode(bytes.subarray(3));
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) return new TextDecoder(bytes[0] === 0xff ? "utf-16le" : "utf-16be").decode(bytes.subarray(2));
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    // Not UTF-8: the other encoding Chinese spreadsheets write. GB18030 covers GBK and GB2312.
    return new TextDecoder("gb18030").decode(bytes);
  }
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
export function readCsv(name: string, bytes: Uint8Array): Grid {
  const rows = parseCsv(decodeCsv(bytes)).map((r): CellValue[] => {
    const cells: CellValue[] = r.map((v) => (v.trim() === "" ? null : v));
    while (cells.length && cells[cells.length - 1] === null) cells.pop();
    return cells;
  });
  return { name, rows };
}
