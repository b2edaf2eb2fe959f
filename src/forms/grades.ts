// forms.md B: the grade register, long (one row per applicant and course), wide (one row per
// applicant, a two-row header: course names merged over 理论/实操/补考 sub-columns) or tall (one
// score per row, as 教务系统 export them: the row's item and sitting say which part it is).
import { normalizeKey } from "../domain/normalize";
import type { Detected } from "./detect";
import { GRADE_FIELDS, headerKey, matchField, TALL_FIELDS, TALL_ITEMS, TALL_SITTINGS, type GradeField, type TallField } from "./fields";
import { cellText, isBlank, type CellValue } from "./grid";
import { issueAt, type Issue } from "./issue";
import { missingColumnIssues, readTable, textOf, valueOf, type Table } from "./table";

export type ScorePart = "theory" | "practical" | "theoryMakeup" | "practicalMakeup";
export const SCORE_PARTS: readonly ScorePart[] = ["theory", "practical", "theoryMakeup", "practicalMakeup"];

/** Where a score stands. */
export interface PartCell {
  sheet: string;
  row: number;
  col: number;
}

export interface GradeEntry {
  sheet: string;
  /** 0-based worksheet row (tall: the first row of the student's course). */
  row: number;
  /** Normalised student number, or ID number where the register has no 学号 column. */
  student: string;
  studentCol: number;
  name: string;
  nameCol: number | null;
  course: string;
  courseKey: string;
  /** Column of the course name (long, tall) or of the course's first sub-column (wide). */
  courseCol: number;
  /** The cell of each score part; absent where the register has no such column (tall: no such row). */
  at: Partial<Record<ScorePart, PartCell>>;
  values: Partial<Record<ScorePart, CellValue>>;
  /** Tall: the course has only a 总评 score, which cannot show both parts passed. */
  totalOnly?: boolean;
  /** Long: a single 补考成绩 column (no 理论补考/实操补考): the makeup of whichever part failed
   * at the first sitting, of both where both failed (resolved with the scores, app/courses). */
  makeup?: { at: PartCell; value: CellValue };
  /** Tall: 课程代码 and 学年/学期, where the export has them (the import writes them). */
  code?: string;
  term?: string;
  credits: CellValue;
  creditsCol: number | null;
}

export interface GradeRegister {
  sheet: string;
  layout: "long" | "wide" | "tall";
  /** Which roster field the student key is: 学号 or 身份证号. */
  keyField: "studentId" | "idNumber";
  entries: GradeEntry[];
  issues: Issue[];
  /** 0-based rows of the header (one row long and tall, two rows wide). */
  headerRows: number[];
  /** Tall: the rows that hold a score, and the score column (helper columns parse each). */
  scoreRows?: { rows: number[]; col: number };
}

/** The cells of a register row's parts, from the columns they stand in. */
const cellsAt = (sheet: string, row: number, cols: Partial<Record<ScorePart, number>>): Partial<Record<ScorePart, PartCell>> => {
  const at: Partial<Record<ScorePart, PartCell>> = {};
  for (const p of SCORE_PARTS) if (cols[p] !== undefined) at[p] = { sheet, row, col: cols[p] as number };
  return at;
};

export const FORM = "课程考核成绩登记册";

export function studentKey(value: CellValue): string {
  return normalizeKey(cellText(value)).toUpperCase();
}

export function readGrades(d: Detected): GradeRegister {
  return d.kind === "gradesWide" ? readWide(d) : d.kind === "gradesTall" ? readTall(d) : readLong(d);
}

function readLong(d: Detected): GradeRegister {
  const t = readTable(GRADE_FIELDS, d.grid, d.headerRow, ["studentId", "idNumber", "course"]);
  const keyField = t.columns.has("studentId") ? "studentId" : "idNumber";
  const issues = missingColumnIssues(t, GRADE_FIELDS, ["course", "theory", "practical"], FORM);
  const entries: GradeEntry[] = [];
  const cols: Partial<Record<ScorePart, number>> = {};
  for (const p of SCORE_PARTS) if (t.columns.has(p)) cols[p] = t.columns.get(p);
  const single = t.columns.get("makeup");
  const makeupCol = single !== undefined && cols.theoryMakeup === undefined && cols.practicalMakeup === undefined ? single : undefined;
  for (const row of t.rows) {
    const course = cellText(valueOf(t, row, "course"));
    const values: Partial<Record<ScorePart, CellValue>> = {};
    for (const p of SCORE_PARTS) if (cols[p] !== undefined) values[p] = valueOf(t, row, p);
    entries.push({
      sheet: t.sheet, row, student: studentKey(valueOf(t, row, keyField)), studentCol: t.columns.get(keyField) ?? 0,
      ...nameOf(t, row), course, courseKey: normalizeKey(course), courseCol: t.columns.get("course") ?? 0,
      at: cellsAt(t.sheet, row, cols), values, ...creditsOf(t, row),
      ...(makeupCol === undefined ? {} : { makeup: { at: { sheet: t.sheet, row, col: makeupCol }, value: valueOf(t, row, "makeup") } }),
    });
  }
  return { sheet: t.sheet, layout: "long", keyField, entries, issues, headerRows: [d.headerRow] };
}

function nameOf(t: Table<GradeField> | Table<TallField>, row: number) {
  const col = (t as Table<GradeField>).columns.get("name");
  return { name: cellText(valueOf(t as Table<GradeField>, row, "name")), nameCol: col ?? null };
}

function creditsOf(t: Table<GradeField> | Table<TallField>, row: number) {
  const g = t as Table<GradeField>;
  return { credits: valueOf(g, row, "credits"), creditsCol: g.columns.get("credits") ?? null };
}

interface WideCourse {
  name: string;
  key: string;
  firstCol: number;
  cols: Partial<Record<ScorePart, number>>;
}

/** A grade row or wide group with no score in any part. */
export function hasNoScores(e: GradeEntry): boolean {
  return SCORE_PARTS.every((p) => isBlank(e.values[p] ?? null)) && isBlank(e.makeup?.value ?? null);
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
        at: cellsAt(t.sheet, row, course.cols), values, credits: null, creditsCol: null,
      });
    }
  }
  return { sheet: t.sheet, layout: "wide", keyField, entries, issues: [], headerRows: [d.headerRow, d.headerRow + 1] };
}

type Item = keyof typeof TALL_ITEMS;
type Sitting = keyof typeof TALL_SITTINGS;

function lookup<K extends string>(table: Record<K, readonly string[]>, value: CellValue): K | null {
  const key = headerKey(cellText(value));
  for (const k of Object.keys(table) as K[]) if (table[k].includes(key)) return k;
  return null;
}

/**
 * Tall layout: each row one score. Rows of one student and course become one entry whose parts
 * stand on several rows; 重修 is reported and not counted (one makeup only); a course with only
 * 总评 rows counts as not yet assessed; two rows for the same part and sitting with different
 * scores are an error at the later one (identical ones are ignored).
 */
function readTall(d: Detected): GradeRegister {
  const t = readTable(TALL_FIELDS, d.grid, d.headerRow, ["studentId", "idNumber", "course"]);
  const keyField = t.columns.has("studentId") ? "studentId" : "idNumber";
  const issues = missingColumnIssues(t, TALL_FIELDS, ["course", "score"], FORM);
  const scoreCol = t.columns.get("score") ?? 0;
  const itemCol = t.columns.get("item");
  const sittingCol = t.columns.get("sitting");
  const groups = new Map<string, GradeEntry>();
  const totals = new Map<string, number>();
  const scoreRows: number[] = [];
  for (const row of t.rows) {
    const course = cellText(valueOf(t, row, "course"));
    const student = studentKey(valueOf(t, row, keyField));
    const key = `${student}\u0000${normalizeKey(course)}`;
    let entry = groups.get(key);
    if (!entry) {
      entry = {
        sheet: t.sheet, row, student, studentCol: t.columns.get(keyField) ?? 0, ...nameOf(t, row),
        course, courseKey: normalizeKey(course), courseCol: t.columns.get("course") ?? 0, at: {}, values: {}, ...creditsOf(t, row),
        code: textOf(t, row, "code") || undefined, term: textOf(t, row, "term") || undefined,
      };
      groups.set(key, entry);
    }
    const score = valueOf(t, row, "score");
    // Without an item column every score is the course's total.
    const item: Item | null = itemCol === undefined ? "total" : lookup(TALL_ITEMS, valueOf(t, row, "item"));
    const sitting: Sitting | null = sittingCol === undefined || isBlank(valueOf(t, row, "sitting")) ? "first" : lookup(TALL_SITTINGS, valueOf(t, row, "sitting"));
    if (item === null) {
      issues.push(issueAt(t.sheet, row, itemCol as number, "TALL_ITEM_UNKNOWN", { value: textOf(t, row, "item") }));
      continue;
    }
    if (sitting === null) {
      issues.push(issueAt(t.sheet, row, sittingCol as number, "TALL_SITTING_UNKNOWN", { value: textOf(t, row, "sitting") }));
      continue;
    }
    scoreRows.push(row);
    if (sitting === "retake") {
      issues.push(issueAt(t.sheet, row, scoreCol, "GRADE_RETAKE", { value: course }));
      continue;
    }
    if (item === "total") {
      if (!totals.has(key)) totals.set(key, row);
      continue;
    }
    const part: ScorePart = sitting === "makeup" ? (item === "theory" ? "theoryMakeup" : "practicalMakeup") : item;
    const earlier = entry.at[part];
    if (earlier) {
      const before = entry.values[part] ?? null;
      // A 缓考 sitting replaces a first sitting that recorded only the deferral.
      const deferredFirst = sitting === "deferred" && (isBlank(before) || headerKey(cellText(before)) === "缓考");
      if (!deferredFirst) {
        if (cellText(before) !== cellText(score)) issues.push(issueAt(t.sheet, row, scoreCol, "GRADE_CONFLICT", { value: course, other: `第 ${earlier.row + 1} 行`, expected: cellText(before) }));
        continue;
      }
    }
    entry.at[part] = { sheet: t.sheet, row, col: scoreCol };
    entry.values[part] = score;
  }
  for (const [key, row] of totals) {
    const entry = groups.get(key) as GradeEntry;
    if (entry.at.theory || entry.at.practical || entry.at.theoryMakeup || entry.at.practicalMakeup) continue;
    entry.totalOnly = true;
    issues.push(issueAt(t.sheet, row, scoreCol, "GRADE_TOTAL_ONLY", { value: entry.course }));
  }
  return { sheet: t.sheet, layout: "tall", keyField, entries: [...groups.values()], issues, headerRows: [d.headerRow], scoreRows: { rows: scoreRows, col: scoreCol } };
}
