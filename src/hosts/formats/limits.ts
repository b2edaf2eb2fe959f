// One set of limits for every container read outside the .xlsx path, applied before SheetJS or
// the CSV reader sees a byte (the .xlsx path has its own, POI-style, in zip.ts). A hostile file of
// a few hundred KB must cost a bounded amount of memory and get one line, in the CLI and the page.
import { UnusableWorkbook } from "../../app/port";
import { BadPackage, ZipReader } from "../xlsx/zip";

export const LEGACY_LIMITS = {
  /** An .xls or .csv file on disk. A full BIFF8 sheet (65,536 rows) of a 教务系统 export is ~30 MB. */
  fileBytes: 100 * 1024 * 1024,
  /** All parts of an .ods, inflated. LibreOffice's content.xml for 3,000 applicants is 32 MB. */
  odsInflated: 256 * 1024 * 1024,
  /** Inflating more than this many times over (LibreOffice's content.xml: about 40)... */
  odsRatio: 100,
  /** ... once a part is larger than this. */
  odsRatioFrom: 1024 * 1024,
  /** Cells with a value once ODS's "repeated" counts are expanded (3,000 applicants: ~300,000). */
  odsCells: 5_000_000,
};

const MIB = 1024 * 1024;
const tooLarge = (name: string, what: string) => UnusableWorkbook.coded("FILE_TOO_LARGE", { file: name, value: what });

/** Refuses, in one line, a file whose reading would cost more memory than any real department's. */
export function assertWithinLimits(name: string, bytes: Uint8Array, kind: "xls" | "ods" | "csv"): void {
  if (kind !== "ods") {
    if (bytes.length > LEGACY_LIMITS.fileBytes) throw tooLarge(name, `有 ${Math.round(bytes.length / MIB)} MB，超过 ${LEGACY_LIMITS.fileBytes / MIB} MB`);
    return;
  }
  let zip: ZipReader;
  try {
    zip = new ZipReader(bytes);
  } catch (e) {
    if (e instanceof BadPackage) throw refused(name, e);
    throw e;
  }
  let total = 0;
  for (const e of zip.entries.values()) {
    total += e.size;
    if (total > LEGACY_LIMITS.odsInflated) throw tooLarge(name, `解压后超过 ${LEGACY_LIMITS.odsInflated / MIB} MB`);
    if (e.size > LEGACY_LIMITS.odsRatioFrom && e.size > e.compressedSize * LEGACY_LIMITS.odsRatio) {
      throw tooLarge(name, `的压缩内容异常（${e.name} 解压后膨胀 ${Math.round(e.size / Math.max(1, e.compressedSize))} 倍）`);
    }
  }
  // Every part inflated as it comes (never held whole), each refused past the size it claims: a
  // part that lies about its size is caught here, not inside SheetJS.
  const content = zip.entries.get("content.xml");
  try {
    for (const e of zip.entries.values()) if (e !== content) zip.stream(e, () => undefined);
    if (content) {
      const cells = new RepeatedCells();
      const decoder = new TextDecoder("utf-8");
      zip.stream(content, (chunk) => cells.scan(decoder.decode(chunk, { stream: true })));
      if (cells.count > LEGACY_LIMITS.odsCells) throw tooLarge(name, `的单元格重复次数展开后超过 ${LEGACY_LIMITS.odsCells.toLocaleString("en-US")} 个有内容的单元格`);
    }
  } catch (e) {
    if (e instanceof BadPackage) throw refused(name, e);
    throw e;
  }
}

function refused(name: string, e: BadPackage): UnusableWorkbook {
  if (e.code === "ZIP_BOMB") return tooLarge(name, "的压缩内容异常庞大");
  return UnusableWorkbook.coded(e.code === "ZIP_ENCRYPTED" ? "ODS_ENCRYPTED" : "ODS_DAMAGED", { file: name }, e.message);
}

/**
 * Counts the cells with a value an ODS table expands to: a row's number-rows-repeated times each
 * of its valued cells' number-columns-repeated. Empty repeated cells (LibreOffice writes a million
 * empty rows after the data) cost readers nothing and are not counted. Fed text in pieces; a tag
 * cut by a piece's end is carried into the next.
 */
class RepeatedCells {
  count = 0;
  private rowRepeat = 1;
  private carry = "";

  scan(piece: string): void {
    const text = this.carry + piece;
    const cut = text.lastIndexOf("<");
    const whole = cut >= 0 && text.indexOf(">", cut) < 0 ? text.slice(0, cut) : text;
    this.carry = text.slice(whole.length);
    for (const m of whole.matchAll(TAG)) {
      const [, local, attrs, selfClosing] = m;
      if (local === "table-row") this.rowRepeat = repeat(ROWS_REPEATED, attrs);
      else if (!selfClosing || attrs.includes("value-type=")) this.count += this.rowRepeat * repeat(COLUMNS_REPEATED, attrs);
    }
  }
}

/** Opening tags of rows and cells (any prefix: the namespace's usual one is `table:`). */
const TAG = /<(?:[\w.-]+:)?(table-row|table-cell|covered-table-cell)\b([^>]*?)(\/?)>/g;

const ROWS_REPEATED = /number-rows-repeated="(\d+)"/;
const COLUMNS_REPEATED = /number-columns-repeated="(\d+)"/;

function repeat(attribute: RegExp, attrs: string): number {
  const m = attribute.exec(attrs);
  return m ? Math.max(1, Number(m[1])) : 1;
}

