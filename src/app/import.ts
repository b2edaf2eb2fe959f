// `kezheng import` (and 导入成绩): 教务系统 exports — tall, long or wide, in any readable format —
// united into the official 课程考核成绩登记册 (long layout, one row per student and course), a
// sheet the workbook's check then reads like any register. What was read is reported first.
import { defaultSettings, type Settings } from "../domain/settings";
import { detectForm } from "../forms/detect";
import { readGrades, SCORE_PARTS, studentKey, type ScorePart } from "../forms/grades";
import type { CellValue, Grid } from "../forms/grid";
import type { Issue } from "../forms/issue";
import { readRoster } from "../forms/roster";
import type { SheetSpec, SpecCell } from "../forms/sheetspec";
import { cell } from "../forms/sheetspec";
import { indexGrades } from "./courses";
import { UnusableWorkbook } from "./port";

export const IMPORTED_SHEET = "成绩登记册（导入）";
/** Sheet-local defined name that marks the sheet an import wrote (a later import replaces it). */
export const IMPORT_MARK = "_kz_import";

export interface ExportFile {
  file: string;
  grids: Grid[];
}

export interface ImportResult {
  sheet: SheetSpec;
  /** Score rows (tall) or register rows (long, wide) read, per file. */
  files: { file: string; registers: string[]; rows: number }[];
  students: number;
  courses: number;
  records: number;
  /** Students of the exports that the workbook's roster does not list (null: no roster to compare). */
  notOnRoster: string[] | null;
  issues: Issue[];
}

/** What an import read, shown before (pane) or beside (page) the written sheet. */
export type ImportShown = Omit<ImportResult, "sheet">;

const PART_HEADERS: Record<ScorePart, string> = { theory: "理论成绩", practical: "实操成绩", theoryMakeup: "理论补考", practicalMakeup: "实操补考" };

/** Exports in, the register sheet out; `workbook` is the target's grids (its roster, for the comparison). */
export function importGrades(sources: readonly ExportFile[], workbook: readonly Grid[], settings: Settings = defaultSettings()): ImportResult {
  const files: ImportResult["files"] = [];
  const registers = [];
  for (const x of sources) {
    // Sheet names carry the file's: two exports' "Sheet1" are two registers.
    const found = x.grids.map((g) => detectForm({ ...g, name: sources.length > 1 ? `${x.file}:${g.name}` : g.name })).filter((d) => d && d.kind.startsWith("grades"));
    if (found.length === 0) throw new UnusableWorkbook(`${x.file} 中没有找到成绩：需要含“学号”（或“身份证号”）、“课程名称”和成绩列的表格（教务系统导出的分项成绩、或理论/实操两列的登记册）。`);
    const read = found.map((d) => readGrades(d as NonNullable<typeof d>));
    registers.push(...read);
    files.push({ file: x.file, registers: read.map((r) => r.sheet), rows: read.reduce((n, r) => n + (r.scoreRows?.rows.length ?? r.entries.length), 0) });
  }
  const index = indexGrades(registers, settings);
  const header = ["学号", "姓名", "课程名称", ...SCORE_PARTS.map((p) => PART_HEADERS[p]), "学分", "课程代码", "学期"];
  const rows: (SpecCell | null)[][] = [[cell("课程考核成绩登记册", "title")], header.map((h) => cell(h, "header"))];
  const courses = new Set<string>();
  let records = 0;
  for (const [student, byCourse] of index.byStudent) {
    for (const { entry } of byCourse.values()) {
      courses.add(entry.courseKey);
      records++;
      const values: CellValue[] = [student, entry.name || null, entry.course, ...SCORE_PARTS.map((p) => entry.values[p] ?? null), entry.credits, entry.code ?? null, entry.term ?? null];
      rows.push(values.map((v) => (v === null || v === "" ? null : cell(v, "cell"))));
    }
  }
  const rosterForm = workbook.map((g) => detectForm(g)).find((d) => d?.kind === "roster");
  let notOnRoster: string[] | null = null;
  if (rosterForm) {
    const roster = readRoster(rosterForm);
    const keyCol = roster.table.columns.get(index.keyField);
    const known = new Set(roster.table.rows.map((r) => studentKey(keyCol === undefined ? null : (roster.table.grid.rows[r]?.[keyCol] ?? null))));
    notOnRoster = [...index.byStudent.keys()].filter((s) => !known.has(s));
  }
  const sheet: SheetSpec = {
    name: IMPORTED_SHEET, rows, merges: [`A1:${String.fromCharCode(64 + header.length)}1`], widths: [14, 10, 24, 10, 10, 10, 10, 6, 12, 12],
    freeze: { rows: 2, cols: 0 }, textColumns: [0, 8],
    // One of the six archive materials (notice 七): prints on A4 with the header on every page.
    print: { titleRows: [1, 2], gridLines: true, fitToWidth: true, lastCol: header.length - 1 },
  };
  return { sheet, files, students: index.byStudent.size, courses: courses.size, records, notOnRoster, issues: index.issues };
}
