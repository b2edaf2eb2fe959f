// The journal in a package: found by its mark (a legacy one by its name and header), its anchors
// resolved through the workbook's defined names, the cells they name read as they are now.
import { CONTROL_SHEET, rawText } from "../../app/control";
import { JOURNAL_HEADER, JOURNAL_MARK, ourMarkedSheets, parseNamedRange, resolveJournal, SHEET_MARK, type CellNow, type JournalRow, type NamedRange, type ResolvedJournal } from "../../app/journal";
import type { Grid } from "../../forms/grid";
import { definedNames } from "./book";
import type { XlsxPackage } from "./package";
import { readContext, readSheetGrid, type ReadContext } from "./read";

export interface Journal {
  /** The journal sheet's name. */
  sheet: string;
  rows: JournalRow[];
  resolved: ResolvedJournal;
  /** Sheets we created, known by their mark (the journal among them; a user's copy of one of ours not). */
  ours: Set<string>;
}

/** Sheets carrying a sheet-scoped name `mark` that names the sheet itself (an editor that moved
 * sheets without keeping names in step, as openpyxl does, leaves marks that vouch for nothing).
 * Some writers (ExcelJS) make every name workbook-level: such a mark still names its sheet. */
export function sheetsMarked(pkg: XlsxPackage, mark: string): string[] {
  const sheets = pkg.sheets();
  return definedNames(pkg).flatMap((d) => {
    if (d.name !== mark) return [];
    const named = parseNamedRange(d.text)?.sheet;
    const sheet = d.local !== null ? sheets[d.local] : sheets.find((s) => s.name === named);
    return sheet && named === sheet.name ? [sheet.name] : [];
  });
}

/** The journal sheet; `byMark`: found by its mark, still sheet-scoped as written. */
function journalSheet(pkg: XlsxPackage, ctx: ReadContext): { name: string; grid: Grid; byMark: boolean } | null {
  const sheets = pkg.sheets().filter((s) => s.isWorksheet && pkg.has(s.path));
  const marked = sheetsMarked(pkg, JOURNAL_MARK);
  const byMark = sheets.find((s) => marked.includes(s.name));
  // A journal from before the marks: the sheet named _kz whose header is the journal's.
  const legacy = byMark ? undefined : sheets.find((s) => s.name === CONTROL_SHEET);
  const ref = byMark ?? legacy;
  if (!ref) return null;
  const grid = readSheetGrid(pkg, ref.name, ref.path, ctx);
  if (!byMark && JOURNAL_HEADER.some((h, i) => rawText(grid.rows[0]?.[i] ?? null) !== h)) return null;
  // Marks kept as written: the journal's is sheet-scoped (a writer that keeps no scopes flattens it).
  const scoped = !!byMark && definedNames(pkg).some((d) => d.name === JOURNAL_MARK && d.local !== null);
  return { name: ref.name, grid, byMark: scoped };
}

/** Reads the journal and finds what it names, as the sheets are now. */
export function readJournal(pkg: XlsxPackage): Journal | null {
  const ctx = readContext(pkg);
  const found = journalSheet(pkg, ctx);
  if (!found) return null;
  const rows: JournalRow[] = found.grid.rows.slice(1).filter((r) => r.length).map((r) => {
    const v = (i: number) => rawText(r[i] ?? null);
    return { kind: v(0), sheet: v(1), where: v(2), data: v(3) };
  });
  const refs = new Map(pkg.sheets().filter((s) => s.isWorksheet && pkg.has(s.path)).map((s) => [s.name, s]));
  const ours = new Set(ourMarkedSheets(sheetsMarked(pkg, SHEET_MARK), rows, (name) => refs.has(name)));
  ours.add(found.name);
  const names = definedNames(pkg);
  const sheetList = pkg.sheets();
  const loaded = new Map<string, { grid: Grid; formulas: Map<number, number[]> }>();
  const sheet = (name: string) => {
    let got = loaded.get(name);
    if (!got) {
      const ref = refs.get(name);
      const formulas = new Map<number, number[]>();
      // Whether a cell holds a formula is only in the XML: the sheets the journal names are read for it.
      const grid = ref ? readSheetGrid(pkg, name, ref.path, ctx, formulas) : { name, rows: [] };
      loaded.set(name, (got = { grid, formulas }));
    }
    return got;
  };
  const hasRow = (rows: number[] | undefined, row: number) => {
    if (!rows) return false;
    let lo = 0;
    let hi = rows.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (rows[mid] === row) return true;
      if (rows[mid] < row) lo = mid + 1;
      else hi = mid - 1;
    }
    return false;
  };
  const resolved = resolveJournal(rows, {
    marksLost: !found.byMark,
    anchor(name: string): NamedRange | null {
      // Sheet-scoped as written, or made workbook-level by a writer that keeps no scopes (ExcelJS).
      const d = names.find((n) => n.name === name && n.local !== null) ?? names.find((n) => n.name === name);
      const range = d ? parseNamedRange(d.text) : null;
      if (!range) return null;
      // The sheet the text names; where it is gone (renamed by an editor that left the text), the
      // sheet the name belongs to. Either way the column is verified before anything is blanked.
      if (refs.has(range.sheet)) return range;
      const local = sheetList[d?.local as number]?.name;
      return local && refs.has(local) ? { ...range, sheet: local } : null;
    },
    has: (name) => refs.has(name) && !ours.has(name),
    cell(name: string, row: number, col: number): CellNow {
      const s = sheet(name);
      return { formula: hasRow(s.formulas.get(col), row), value: s.grid.rows[row]?.[col] ?? null };
    },
    find(name: string, text: string) {
      const out: { row: number; col: number }[] = [];
      sheet(name).grid.rows.forEach((r, row) => r.forEach((v, col) => {
        if (typeof v === "string" && v === text) out.push({ row, col });
      }));
      return out;
    },
  });
  return { sheet: found.name, rows, resolved, ours };
}
