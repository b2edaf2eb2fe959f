// §5 Course outcomes per applicant: the grade register against the course map.
import { courseOutcome, partOutcome, type CourseOutcome, type PartOutcome } from "../domain/course";
import { parseScore, type Score } from "../domain/score";
import type { Settings } from "../domain/settings";
import type { MappedCourse } from "../forms/coursemap";
import { hasNoScores, SCORE_PARTS, type GradeEntry, type GradeRegister, type ScorePart } from "../forms/grades";
import { cellText, isBlank } from "../forms/grid";
import { issueAt, type Issue } from "../forms/issue";

export interface ParsedEntry {
  entry: GradeEntry;
  scores: Record<ScorePart, Score>;
}

/** The register indexed by student, then course; later duplicates are reported and ignored. */
export interface GradeIndex {
  register: GradeRegister;
  byStudent: Map<string, Map<string, ParsedEntry>>;
  issues: Issue[];
}

const PART_LABEL: Record<ScorePart, string> = { theory: "理论成绩", practical: "实操成绩", theoryMakeup: "理论补考", practicalMakeup: "实操补考" };

export function indexGrades(register: GradeRegister, settings: Settings): GradeIndex {
  const issues: Issue[] = [...register.issues];
  const byStudent = new Map<string, Map<string, ParsedEntry>>();
  for (const entry of register.entries) {
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
      const col = entry.cols[p];
      if (col === undefined) continue;
      if (score.kind === "invalid") issues.push(issueAt(entry.sheet, entry.row, col, "SCORE_INVALID", { value: cellText(value) }));
      else if (score.kind === "score" && score.note === "absent") issues.push(issueAt(entry.sheet, entry.row, col, "SCORE_ABSENT", { value: cellText(value) }));
      else if (score.kind === "score" && score.note === "cheating") issues.push(issueAt(entry.sheet, entry.row, col, "SCORE_CHEATING"));
    }
    if (entry.creditsCol !== null && !isBlank(entry.credits) && !Number.isFinite(Number(cellText(entry.credits)))) {
      issues.push(issueAt(entry.sheet, entry.row, entry.creditsCol, "CREDITS_INVALID", { value: cellText(entry.credits) }));
    }
    const courses = byStudent.get(entry.student) ?? new Map<string, ParsedEntry>();
    const earlier = courses.get(entry.courseKey);
    if (earlier) {
      issues.push(issueAt(entry.sheet, entry.row, entry.courseCol, "GRADE_DUPLICATE_COURSE", { value: entry.course, other: String(earlier.entry.row + 1) }));
      continue;
    }
    courses.set(entry.courseKey, { entry, scores });
    byStudent.set(entry.student, courses);
  }
  return { register, byStudent, issues };
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
  const at = (p: ScorePart) => e.cols[p] ?? e.courseCol;
  if (r.makeupIgnored) issues.push(issueAt(e.sheet, e.row, at(makeup), "SCORE_MAKEUP_IGNORED"));
  if (r.outcome === "pendingMakeup") issues.push(issueAt(e.sheet, e.row, at(first), "SCORE_PENDING_MAKEUP"));
  if (r.outcome === "failed") issues.push(issueAt(e.sheet, e.row, at(makeup), "SCORE_FAILED_AFTER_MAKEUP", { value: settings.failedMakeup }));
  if (r.outcome === "missing" && g.scores[first].kind === "missing") {
    issues.push(issueAt(e.sheet, e.row, at(first), "SCORE_MISSING", { column: PART_LABEL[first] }));
  }
  return r.outcome;
}

function creditsOf(g: ParsedEntry): number {
  const v = g.entry.credits;
  if (isBlank(v)) return 0;
  const n = Number(cellText(v));
  return Number.isFinite(n) && n > 0 ? n : 0;
}
