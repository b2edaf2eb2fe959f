// The control sheet: a hidden sheet in which the product journals what it wrote and what was
// there before, so that everything it writes can be removed again (forms.md "What is written back").
import { cellText, parseA1, type CellValue, type Grid } from "../forms/grid";

export const CONTROL_SHEET = "_kz";

export interface ControlEntry {
  /** sheet: a generated sheet; block: cells written right of a user table; cell: a marked user cell;
   * column: a column whose width or visibility changed; workbook: a workbook setting. */
  kind: "sheet" | "block" | "cell" | "column" | "workbook";
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

/** Grids as the user made them: generated sheets flagged, written blocks blanked, the control and data sheets flagged. */
export function userGrids(grids: readonly Grid[]): Grid[] {
  const control = grids.find((g) => g.name === CONTROL_SHEET);
  if (!control) return grids.slice();
  const generated = new Set([CONTROL_SHEET]);
  const blocks: { sheet: string; where: string }[] = [];
  for (const row of control.rows.slice(1)) {
    // As written: sheet names are not normalised (a full-width bracket is part of the name).
    const [kind, sheet, where] = [0, 1, 2].map((i) => rawText(row[i] ?? null));
    if (kind === "sheet") generated.add(sheet);
    if (kind === "block") blocks.push({ sheet, where });
  }
  return grids.map((g) => {
    if (generated.has(g.name)) return { ...g, generated: true };
    const mine = blocks.filter((b) => b.sheet === g.name);
    if (mine.length === 0) return g;
    const rows = g.rows.map((r) => r.slice());
    for (const b of mine) {
      const [from, to] = b.where.split(":").map(parseA1);
      if (!from || !to) continue;
      for (let r = from.row; r <= to.row && r < rows.length; r++) {
        for (let c = from.col; c <= to.col; c++) if (c < rows[r].length) rows[r][c] = null;
      }
    }
    // As if never written: no trailing blanks, so what is planned next lands where it did before.
    for (const r of rows) while (r.length > 0 && r[r.length - 1] === null) r.pop();
    return { ...g, rows };
  });
}
