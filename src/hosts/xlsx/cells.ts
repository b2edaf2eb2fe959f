// Cells as the product writes them: SpecCells to <c> elements (inline strings, so the shared
// string table is never touched), and the A1 helpers the writers share.
import type { CellValue } from "../../forms/grid";
import { a1, CELL_CHARS } from "../../forms/grid";
import type { SpecCell } from "../../forms/sheetspec";
import { element } from "./writer";
import { escapeText } from "./xml";

/** Date -> Excel serial (1900 system). */
export const dateToSerial = (d: Date) => d.getTime() / 86400000 + 25569;

/** Text cut to what a cell holds, with "…" where it was cut (never inside a surrogate pair). */
export function withinCell(s: string): string {
  if (s.length <= CELL_CHARS) return s;
  let end = CELL_CHARS - 1;
  if (/[\ud800-\udbff]/.test(s[end - 1])) end--;
  return s.slice(0, end) + "…";
}

function text(value: string, p: string): string {
  const s = withinCell(value);
  return element(`${p}t`, /^\s|\s$|\n/.test(s) ? { "xml:space": "preserve" } : null, escapeText(s));
}

function valueXml(v: CellValue, p: string): { t: string; body: string } {
  // Empty text is a blank cell (its style stays): nothing to store.
  if (v === null || v === undefined || v === "") return { t: "", body: "" };
  if (typeof v === "number") return Number.isFinite(v) ? { t: "", body: `<${p}v>${v}</${p}v>` } : { t: "e", body: `<${p}v>#NUM!</${p}v>` };
  if (typeof v === "boolean") return { t: "b", body: `<${p}v>${v ? 1 : 0}</${p}v>` };
  if (v instanceof Date) return { t: "", body: `<${p}v>${dateToSerial(v)}</${p}v>` };
  return { t: "inlineStr", body: `<${p}is>${text(v, p)}</${p}is>` };
}

function resultXml(v: CellValue | undefined, p: string): { t: string; body: string } {
  if (v === null || v === undefined) return { t: "str", body: `<${p}v></${p}v>` };
  if (typeof v === "string") return { t: "str", body: `<${p}v>${escapeText(withinCell(v))}</${p}v>` };
  return valueXml(v, p);
}

export interface CellContext {
  /** Shared formula group of a master cell's address. */
  sharedIndex: (master: string) => number;
  /** Element prefix of the sheet ("" or "x:"). */
  prefix?: string;
}

/** One cell: value or formula with its cached result, style s. A Date with no date style gets `dateStyle`.
 * Written out rather than through element(): this runs once a cell of a register's millions, and its
 * attributes are numbers, A1 references and constants (text goes through escapeText). */
export function cellXml(row: number, col: number, spec: SpecCell | null, s: number | null, ctx: CellContext): string {
  const p = ctx.prefix ?? "";
  const ref = a1(row, col);
  const style = s ? ` s="${s}"` : "";
  if (!spec) return `<${p}c r="${ref}"${style}/>`;
  if (spec.formula !== undefined || spec.sharedWith) {
    const r = resultXml(spec.result, p);
    const t = r.t ? ` t="${r.t}"` : "";
    let f: string;
    if (spec.sharedWith) f = `<${p}f t="shared" si="${ctx.sharedIndex(spec.sharedWith)}"/>`;
    else if (spec.shareRange) f = `<${p}f t="shared" ref="${spec.shareRange}" si="${ctx.sharedIndex(ref)}">${escapeText(spec.formula as string)}</${p}f>`;
    else f = `<${p}f>${escapeText(spec.formula as string)}</${p}f>`;
    return `<${p}c r="${ref}"${style}${t}>${f}${r.body}</${p}c>`;
  }
  const v = valueXml(spec.value ?? null, p);
  if (!v.body) return `<${p}c r="${ref}"${style}/>`;
  return `<${p}c r="${ref}"${style}${v.t ? ` t="${v.t}"` : ""}>${v.body}</${p}c>`;
}

/** Numbers shared formula groups from a base (above any group a user sheet already has). */
export function sharedIndexer(base: number): (master: string) => number {
  const groups = new Map<string, number>();
  return (master) => {
    let i = groups.get(master);
    if (i === undefined) {
      i = base + groups.size;
      groups.set(master, i);
    }
    return i;
  };
}
