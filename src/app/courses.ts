// §5 Course outcomes per applicant: the grade register against the course map.
import { courseOutcome, partOutcome, type CourseOutcome, type PartOutcome } from "../domain/course";
import { PASS_MARK } from "../domain/score";
import { parseScore, type Score } from "../domain/score";
import type { Settings } from "../domain/settings";
import type { MappedCourse } from "../forms/coursemap";
import { hasNoScores, SCORE_PARTS, type GradeEntry, type GradeRegister, type PartCell, type ScorePart } from "../forms/grades";
import { cellText, isBlank } from "../forms/grid";
import { issueAt, type Issue } from "../forms/issue";

export interface ParsedEntry {
  entry: GradeEntry;
  scores: Record<ScorePart, Score>;
}

/**
 * The registers indexed by student, then course. Several registers (per semester, per course, an
 * export beside the department's own) are united: a course's parts may come from different sheets;
 * the same part recorded twice with different scores is an error at the later cell, identical
 * ones are ignored. Within one long or wide register a second row for the course is ignored.
 */
export interface GradeIndex {
  registers: GradeRegister[];
  /** Which roster field the students are keyed by: the first register's. */
  keyField: GradeRegister["keyField"];
  byStudent: Map<string, Map<string, ParsedEntry>>;
  issues: Issue[];
}

const PART_LABEL: Record<ScorePart, string> = { theory: "理论成绩", practical: "实操成绩", theoryMakeup: "理论补考", practicalMakeup: "实操补考" };

export function indexGrades(registers: GradeRegister[], settings: Settings): GradeIndex {
  const issues: Issue[] = registers.flatMap((r) => r.issues);
  const byStudent = new Map<string, Map<string, ParsedEntry>>();
  for (const register of registers) {
    for (const original of register.entries) {
      const entry = original.makeup ? resolveMakeup(original, settings, issues) : original;
      if (hasNoScores(entry) && (entry.student === "" || entry.courseKey === "")) continue;
      if (entry.student === "") {
        issues.push(issueAt(entry.sheet, entry.row, entry.studentCol, "GRADE_STUDENT_MISSING"));
        continue;
      }
      if (entry.courseKey === "") {
        issues.push(issueAt(entry.sheet, entry.row, entry.courseCol, "GRADE_COURSE_MISSING"));
        continue;
      }
      const scores = {} as Record<ScorePart, Score>;
      for (const p of SCORE_PARTS) {
        const value = entry.values[p] ?? null;
        const score = parseScore(value, settings.gradeWords);
        scores[p] = score;
        const at = entry.at[p];
        if (at === undefined) continue;
        if (score.kind === "invalid") issues.push(issueAt(at.sheet, at.row, at.col, "SCORE_INVALID", { value: cellText(value) }));
        else if (score.kind === "score" && score.note === "absent") issues.push(issueAt(at.sheet, at.row, at.col, "SCORE_ABSENT", { value: cellText(value) }));
        else if (score.kind === "score" && score.note === "cheating") issues.push(issueAt(at.sheet, at.row, at.col, "SCORE_CHEATING"));
      }
      if (entry.creditsCol !== null && !isBlank(entry.credits) && !Number.isFinite(Number(cellText(entry.credits)))) {
        issues.push(issueAt(entry.sheet, entry.row, entry.creditsCol, "CREDITS_INVALID", { value: cellText(entry.credits) }));
      }
      const courses = byStudent.get(entry.student) ?? new Map<string, ParsedEntry>();
      byStudent.set(entry.student, courses);
      const earlier = courses.get(entry.courseKey);
      if (!earlier) {
        courses.set(entry.courseKey, { entry, scores });
        continue;
      }
      if (earlier.entry.sheet === entry.sheet) {
        issues.push(issueAt(entry.sheet, entry.row, entry.courseCol, "GRADE_DUPLICATE_COURSE", { value: entry.course, other: String(earlier.entry.row + 1) }));
        continue;
      }
      courses.set(entry.courseKey, unite(earlier, { entry, scores }, issues));
    }
  }
  return { registers, keyField: registers[0]?.keyField ?? "studentId", byStudent, issues };
}

/** A single 补考成绩 column: the makeup of each part that failed at the first sitting. */
function resolveMakeup(e: GradeEntry, settings: Settings, issues: Issue[]): GradeEntry {
  const m = e.makeup as NonNullable<GradeEntry["makeup"]>;
  if (isBlank(m.value)) return e;
  const failed = (p: ScorePart) => {
    const s = parseScore(e.values[p] ?? null, settings.gradeWords);
    return s.kind === "score" && s.value < PASS_MARK;
  };
  const out: GradeEntry = { ...e, at: { ...e.at }, values: { ...e.values } };
  const parts = ([["theory", "theoryMakeup"], ["practical", "practicalMakeup"]] as const).filter(([first]) => failed(first));
  for (const [, makeup] of parts) {
    out.at[makeup] = m.at;
    out.values[makeup] = m.value;
  }
  if (parts.length === 0) issues.push(issueAt(m.at.sheet, m.at.row, m.at.col, "SCORE_MAKEUP_IGNORED"));
  return out;
}

/** One course recorded on two sheets: each part from where it has a score, conflicts reported. */
function unite(earlier: ParsedEntry, later: ParsedEntry, issues: Issue[]): ParsedEntry {
  const entry: GradeEntry = { ...earlier.entry, at: { ...earlier.entry.at }, values: { ...earlier.entry.values } };
  const scores = { ...earlier.scores };
  for (const p of SCORE_PARTS) {
    const at = later.entry.at[p];
    const value = later.entry.values[p] ?? null;
    if (at === undefined || isBlank(value)) continue;
    const before = entry.values[p] ?? null;
    if (entry.at[p] === undefined || isBlank(before)) {
      entry.at[p] = at;
      entry.values[p] = value;
      scores[p] = later.scores[p];
    } else if (cellText(before) !== cellText(value)) {
      const where = entry.at[p] as PartCell;
      issues.push(issueAt(at.sheet, at.row, at.col, "GRADE_CONFLICT", { value: entry.course, other: `工作表“${where.sheet}”第 ${where.row + 1} 行`, expected: cellText(before) }));
    }
  }
  entry.totalOnly = entry.totalOnly && later.entry.totalOnly;
  return { entry, scores };
}

export interface CourseResult {
  course: MappedCourse;
  /** null: no grade row for this course. */
  graded: ParsedEntry | null;
  theory: PartOutcome;
  practical: PartOutcome;
  outcome: CourseOutcome;
}

export interface CourseSummary {
  results: CourseResult[];
  passedCourses: number;
  earnedCredits: number;
  failedAfterMakeup: boolean;
  issues: Issue[];
}

/** §5 for one applicant: each related course's outcome, with the issues of its score cells. */
export function evaluateCourses(related: readonly MappedCourse[], graded: Map<string, ParsedEntry> | undefined, settings: Settings): CourseSummary {
  const issues: Issue[] = [];
  const results: CourseResult[] = [];
  let passedCourses = 0;
  let earnedCredits = 0;
  let failedAfterMakeup = false;
  for (const course of related) {
    const g = graded?.get(course.key) ?? null;
    if (g === null) {
      results.push({ course, graded: null, theory: "missing", practical: "missing", outcome: "missing" });
      continue;
    }
    const theory = part(g, "theory", "theoryMakeup", settings, issues);
    const practical = part(g, "practical", "practicalMakeup", settings, issues);
    const outcome = courseOutcome(theory, practical);
    if (outcome === "passed") {
      passedCourses++;
      earnedCredits += course.credits || creditsOf(g);
    }
    if (outcome === "failed" && settings.failedMakeup === "disqualify") failedAfterMakeup = true;
    results.push({ course, graded: g, theory, practical, outcome });
  }
  return { results, passedCourses, earnedCredits, failedAfterMakeup, issues };
}

function part(g: ParsedEntry, first: ScorePart, makeup: ScorePart, settings: Settings, issues: Issue[]): PartOutcome {
  const r = partOutcome(g.scores[first], g.scores[makeup]);
  const e = g.entry;
  const at = (p: ScorePart) => {
    const c = e.at[p] ?? { sheet: e.sheet, row: e.row, col: e.courseCol };
    return [c.sheet, c.row, c.col] as const;
  };
  if (r.makeupIgnored) issues.push(issueAt(...at(makeup), "SCORE_MAKEUP_IGNORED"));
  if (r.outcome === "pendingMakeup") issues.push(issueAt(...at(first), "SCORE_PENDING_MAKEUP"));
  if (r.outcome === "failed") issues.push(issueAt(...at(makeup), "SCORE_FAILED_AFTER_MAKEUP", { value: settings.failedMakeup }));
  // A 总评-only course was reported once where it stands (GRADE_TOTAL_ONLY).
  if (r.outcome === "missing" && g.scores[first].kind === "missing" && !e.totalOnly) {
    issues.push(issueAt(...at(first), "SCORE_MISSING", { column: PART_LABEL[first] }));
  }
  return r.outcome;
}

function creditsOf(g: ParsedEntry): number {
  const v = g.entry.credits;
  if (isBlank(v)) return 0;
  const n = Number(cellText(v));
  return Number.isFinite(n) && n > 0 ? n : 0;
}
