// forms.md: a form is found by its header row, not by sheet name or row number.
import { cellText, type Grid } from "./grid";
import { GRADE_FIELDS, MAP_FIELDS, matchField, PLAN_FIELDS, ROSTER_FIELDS, SETTINGS_FIELDS, TALL_FIELDS, type FieldSpec } from "./fields";

/** How far down title rows may push the header row. */
export const HEADER_SCAN_ROWS = 30;

export type FormKind = "roster" | "gradesLong" | "gradesWide" | "gradesTall" | "courseMap" | "settings" | "plan";

/** The short name that, in a sheet name, makes that sheet win a choice (forms.md). */
export const SHORT_NAMES: Record<FormKind, string> = {
  roster: "花名册", gradesLong: "成绩", gradesWide: "成绩", gradesTall: "成绩", courseMap: "对照", settings: "设置", plan: "计划",
};

export const FORM_NAMES: Record<FormKind, string> = {
  roster: "申报人员花名册", gradesLong: "课程考核成绩登记册", gradesWide: "课程考核成绩登记册", gradesTall: "课程考核成绩登记册",
  courseMap: "课程对照表", settings: "设置", plan: "认定计划",
};

/** Field -> 0-based column; the first column wins where a field is named twice. */
export type Columns<F extends string> = Map<F, number>;

export function headerColumns<F extends string>(fields: readonly FieldSpec<F>[], grid: Grid, row: number): Columns<F> {
  const cols: Columns<F> = new Map();
  const cells = grid.rows[row] ?? [];
  for (let c = 0; c < cells.length; c++) {
    const v = cells[c];
    if (typeof v !== "string") continue;
    const f = matchField(fields, cellText(v));
    if (f !== null && !cols.has(f)) cols.set(f, c);
  }
  return cols;
}

export interface Detected {
  kind: FormKind;
  grid: Grid;
  /** 0-based header row; for the wide register, the first of its two header rows. */
  headerRow: number;
}

const has = <F extends string>(cols: Columns<F>, ...fs: F[]) => fs.some((f) => cols.has(f));

function classifyRow(grid: Grid, row: number): FormKind | null {
  const roster = headerColumns(ROSTER_FIELDS, grid, row);
  if (has(roster, "name") && has(roster, "idNumber") && has(roster, "occupationCode", "occupationName")) return "roster";
  const grades = headerColumns(GRADE_FIELDS, grid, row);
  const student = has(grades, "studentId", "idNumber");
  if (student && grades.has("course") && has(grades, "theory", "practical")) return "gradesLong";
  // 教务系统 exports: one score per row, with the item or sitting it belongs to.
  const tall = headerColumns(TALL_FIELDS, grid, row);
  if (student && tall.has("course") && tall.has("score") && has(tall, "item", "sitting")) return "gradesTall";
  if (student && !grades.has("course") && !has(grades, "theory", "practical")) {
    const next = headerColumns(GRADE_FIELDS, grid, row + 1);
    if (has(next, "theory", "practical")) return "gradesWide";
  }
  const map = headerColumns(MAP_FIELDS, grid, row);
  if (map.has("course") && has(map, "occupationCode", "occupationName") && !student) return "courseMap";
  const settings = headerColumns(SETTINGS_FIELDS, grid, row);
  if (settings.has("key") && settings.has("value")) return "settings";
  const plan = headerColumns(PLAN_FIELDS, grid, row);
  if (has(plan, "occupationCode", "occupationName") && has(plan, "count", "submitted", "assessment")) return "plan";
  return null;
}

/** The first row within the scan window that is a known form's header row. */
export function detectForm(grid: Grid): Detected | null {
  const last = Math.min(grid.rows.length, HEADER_SCAN_ROWS);
  for (let row = 0; row < last; row++) {
    const kind = classifyRow(grid, row);
    if (kind !== null) return { kind, grid, headerRow: row };
  }
  return null;
}

export type Choice = { kind: "none" } | { kind: "one"; form: Detected } | { kind: "tie"; a: string; b: string };

/** forms.md: a sheet name containing the form's short name wins; a real tie names both sheets. */
export function chooseForm(candidates: Detected[], short: string): Choice {
  if (candidates.length === 0) return { kind: "none" };
  if (candidates.length === 1) return { kind: "one", form: candidates[0] };
  const named = candidates.filter((d) => d.grid.name.includes(short));
  if (named.length === 1) return { kind: "one", form: named[0] };
  const pool = named.length > 1 ? named : candidates;
  return { kind: "tie", a: pool[0].grid.name, b: pool[1].grid.name };
}
