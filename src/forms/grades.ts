// forms.md B: the grade register, long (one row per applicant and course) or wide (one row per
// applicant, a two-row header: course names merged over 理论/实操/补考 sub-columns).
import { normalizeKey } from "../domain/normalize";
import type { Detected } from "./detect";
import { GRADE_FIELDS, matchField, type GradeField } from "./fields";
import { cellText, isBlank, type CellValue } from "./grid";
import type { Issue } from "./issue";
import { missingColumnIssues, readTable, valueOf, type Table } from "./table";

export type ScorePart = "theory" | "practical" | "theoryMakeup" | "practicalMakeup";
export const SCORE_PARTS: readonly ScorePart[] = ["theory", "practical", "theoryMakeup", "practicalMakeup"];

export interface GradeEntry {
  sheet: string;
  /** 0-based worksheet row. */
  row: number;
  /** Normalised student number, or ID number where the register has no 学号 column. */
  student: string;
  studentCol: number;
  name: string;
  nameCol: number | null;
  course: string;
  courseKey: string;
  /** Column of the course name (long) or of the course's first sub-column (wide). */
  courseCol: number;
  /** Column per score part; absent where the register has no such column. */
  cols: Partial<Record<ScorePart, number>>;
  values: Partial<Record<ScorePart, CellValue>>;
  credits: CellValue;
  creditsCol: number | null;
}

export interface GradeRegister {
  sheet: string;
  layout: "long" | "wide";
  /** Which roster field the student key is: 学号 or 身份证号. */
  keyField: "studentId" | "idNumber";
  entries: GradeEntry[];
  issues: Issue[];
  /** 0-based rows of the header (one row long, two rows wide). */
  headerRows: number[];
}

export const FORM = "课程考核成绩登记册";

export function studentKey(value: CellValue): string {
  return normalizeKey(cellText(value)).toUpperCase();
}

export function readGrades(d: Detected): GradeRegister {
  return d.kind === "gradesWide" ? readWide(d) : readLong(d);
}

function readLong(d: Detected): GradeRegister {
  const t = readTable(GRADE_FIELDS, d.grid, d.headerRow, ["studentId", "idNumber", "course"]);
  const keyField = t.columns.has("studentId") ? "studentId" : "idNumber";
  const issues = missingColumnIssues(t, GRADE_FIELDS, ["course", "theory", "practical"], FORM);
  const entries: GradeEntry[] = [];
  const cols: Partial<Record<ScorePart, number>> = {};
  for (const p of SCORE_PARTS) if (t.columns.has(p)) cols[p] = t.columns.get(p);
  for (const row of t.rows) {
    const course = cellText(valueOf(t, row, "course"));
    const values: Partial<Record<ScorePart, CellValue>> = {};
    for (const p of SCORE_PARTS) if (cols[p] !== undefined) values[p] = valueOf(t, row, p);
    entries.push({
      sheet: t.sheet, row, student: studentKey(valueOf(t, row, keyField)), studentCol: t.columns.get(keyField) ?? 0,
      ...nameOf(t, row), course, courseKey: normalizeKey(course), courseCol: t.columns.get("course") ?? 0,
      cols, values, ...creditsOf(t, row),
    });
  }
  return { sheet: t.sheet, layout: "long", keyField, entries, issues, headerRows: [d.headerRow] };
}

function nameOf(t: Table<GradeField>, row: number) {
  const col = t.columns.get("name");
  return { name: cellText(valueOf(t, row, "name")), nameCol: col ?? null };
}

function creditsOf(t: Table<GradeField>, row: number) {
  return { credits: valueOf(t, row, "credits"), creditsCol: t.columns.get("credits") ?? null };
}

interface WideCourse {
  name: string;
  key: string;
  firstCol: number;
  cols: Partial<Record<ScorePart, number>>;
}

/** A grade row or wide group with no score in any part. */
export function hasNoScores(e: GradeEntry): boolean {
  return SCORE_PARTS.every((p) => isBlank(e.values[p] ?? null));
}

/**
 * Course groups of a wide header, left to right: a course name starts a group, and the
 * sub-columns after it belong to it while the name cell is blank (merged) or repeats the name.
 */
function wideCourses(d: Detected, studentCols: Set<number>): WideCourse[] {
  const top = d.grid.rows[d.headerRow] ?? [];
  const subRow = d.grid.rows[d.headerRow + 1] ?? [];
  const groups: WideCourse[] = [];
  let current: WideCourse | null = null;
  for (let c = 0; c < Math.max(top.length, subRow.length); c++) {
    if (studentCols.has(c)) {
      current = null;
      continue;
    }
    const name = cellText(top[c] ?? null);
    if (name !== "" && normalizeKey(name) !== current?.key) {
      current = { name, key: normalizeKey(name), firstCol: c, cols: {} };
      groups.push(current);
    }
    const part = typeof subRow[c] === "string" ? partOfHeader(cellText(subRow[c])) : null;
    if (current && part !== null && current.cols[part] === undefined) current.cols[part] = c;
  }
  return groups.filter((g) => Object.keys(g.cols).length > 0);
}

function partOfHeader(text: string): ScorePart | null {
  const f = matchField(GRADE_FIELDS, text);
  return f !== null && (SCORE_PARTS as readonly string[]).includes(f) ? (f as ScorePart) : null;
}

function readWide(d: Detected): GradeRegister {
  const t = readTable(GRADE_FIELDS, d.grid, d.headerRow, ["studentId", "idNumber"], d.headerRow + 2);
  const keyField = t.columns.has("studentId") ? "studentId" : "idNumber";
  const studentCols = new Set([...t.columns.values()]);
  const courses = wideCourses(d, studentCols);
  const entries: GradeEntry[] = [];
  for (const row of t.rows) {
    const student = studentKey(valueOf(t, row, keyField));
    const name = nameOf(t, row);
    for (const course of courses) {
      const values: Partial<Record<ScorePart, CellValue>> = {};
      for (const p of SCORE_PARTS) if (course.cols[p] !== undefined) values[p] = d.grid.rows[row]?.[course.cols[p] as number] ?? null;
      entries.push({
        sheet: t.sheet, row, student, studentCol: t.columns.get(keyField) ?? 0, ...name,
        course: course.name, courseKey: normalizeKey(course.name), courseCol: course.firstCol,
        cols: course.cols, values, credits: null, creditsCol: null,
      });
    }
  }
  return { sheet: t.sheet, layout: "wide", keyField, entries, issues: [], headerRows: [d.headerRow, d.headerRow + 1] };
}
