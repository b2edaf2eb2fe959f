// The control sheet: a hidden sheet in which the product journals what it wrote and what was
// there before, so that everything it writes can be removed again (forms.md "What is written back").
import { cellText, type CellValue, type Grid } from "../forms/grid";
import { GENERATED_NAME, JOURNAL_HEADER, type ResolvedColumn, type ResolvedJournal } from "./journal";

export const CONTROL_SHEET = "_kz";

export interface ControlEntry {
  /** sheet: a generated sheet; column: a column written right of a user table (where: its anchor;
   * data: what it holds and its width and visibility before); marks: a column holding marks (where:
   * its anchor); cell: a marked user cell (data: its style before, its anchor and offset);
   * workbook: a workbook setting or the journal's version. block: journals before anchors. */
  kind: "sheet" | "block" | "cell" | "column" | "marks" | "workbook";
  sheet: string;
  where: string;
  /** What was there before (host JSON), or the generated sheet's logical name. */
  data: string;
}

export const rawText = (v: CellValue) => (typeof v === "string" ? v : cellText(v));

/** forms.md: a generated sheet never overwrites one the user made; a clash gets a suffix. */
export function uniqueSheetName(name: string, existing: readonly string[]): string {
  if (!existing.includes(name)) return name;
  for (let i = 2; ; i++) if (!existing.includes(`${name}(${i})`)) return `${name}(${i})`;
}

/** Grids as the user made them: our sheets flagged generated (the journal's carries what it could
 * not vouch for), the cells of ours the journal found blanked. Hosts call it after reading. */
export function userGrids(grids: readonly Grid[], ours: { sheets: ReadonlySet<string>; journal: string | null; resolved: ResolvedJournal | null }): Grid[] {
  const generated = new Set([...ours.sheets, ...(ours.journal ? [ours.journal] : []), ...(ours.resolved?.legacySheets ?? [])]);
  const columns = new Map<string, ResolvedColumn[]>();
  for (const c of ours.resolved?.columns ?? []) columns.set(c.sheet, [...(columns.get(c.sheet) ?? []), c]);
  return grids.map((g) => {
    if (generated.has(g.name)) return { ...g, generated: true, ...(g.name === ours.journal && ours.resolved ? { journalSkips: ours.resolved.skips } : {}) };
    const mine = columns.get(g.name);
    if (!mine) return g;
    const rows = g.rows.map((r) => r.slice());
    for (const c of mine) for (const r of c.rows) if (rows[r] && c.col < rows[r].length) rows[r][c.col] = null;
    // As if never written: no trailing blanks, so what is planned next lands where it did before.
    for (const r of rows) while (r.length > 0 && r[r.length - 1] === null) r.pop();
    return { ...g, rows };
  });
}

/**
 * A run's output saved in a format without names (.xls, .ods: no marks, no anchors): its journal
 * sheet, found by its header, still lists the sheets we generated; those that keep the names we
 * give them are flagged ours, so check and merge read the user's sheets, not our copies of them.
 */
export function userGridsWithoutNames(grids: readonly Grid[]): Grid[] {
  const journal = grids.find((g) => JOURNAL_HEADER.every((h, i) => rawText(g.rows[0]?.[i] ?? null) === h));
  if (!journal) return [...grids];
  const listed = new Set(journal.rows.slice(1).filter((r) => rawText(r[0] ?? null) === "sheet").map((r) => rawText(r[1] ?? null)));
  const ours = new Set(grids.filter((g) => listed.has(g.name) && GENERATED_NAME.test(g.name)).map((g) => g.name));
  return userGrids(grids, { sheets: ours, journal: journal.name, resolved: null });
}
