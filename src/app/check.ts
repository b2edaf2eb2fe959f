// The check use case: every rule of rules.md over the forms of a workbook -> one report.
import { occupationKey, occupationLabel, type Occupation } from "../domain/catalogue";
import { parseCertNo } from "../domain/certno";
import { decide, type Decision } from "../domain/eligibility";
import type { Settings } from "../domain/settings";
import { defaultSettings } from "../domain/settings";
import { readCourseMap, relatedCourses, type CourseMap } from "../forms/coursemap";
import { chooseForm, detectForm, FORM_NAMES, SHORT_NAMES, type Detected, type FormKind } from "../forms/detect";
import { readGrades } from "../forms/grades";
import { CELL_CHARS, parseA1, type Grid } from "../forms/grid";
import { issueAt, type Issue } from "../forms/issue";
import { checkPlan } from "../forms/plan";
import { readRoster, type Roster } from "../forms/roster";
import { readSettings, type SettingsRead } from "../forms/settings";
import { fieldIssue, textOf } from "../forms/table";
import { evaluateCourses, indexGrades, type CourseSummary, type GradeIndex } from "./courses";
import { checkRow, cohortAllows, identityBlocks, type RowIdentity } from "./identity";
import { UnusableWorkbook } from "./port";
import type { ApplicantReport, Report } from "./report";

export interface ApplicantDetail {
  identity: RowIdentity;
  courses: CourseSummary;
  decision: Decision;
  report: ApplicantReport;
}

export interface CheckResult {
  report: Report;
  settings: Settings;
  roster: Roster;
  grades: GradeIndex | null;
  /** The department's own plan (认定计划), where there is one. */
  planForm: Detected | null;
  /** The sheets the grade registers stand on, as grades.registers (helper columns go right of each). */
  gradeGrids: Grid[];
  courseMap: CourseMap | null;
  settingsSheet: SettingsRead | null;
  applicants: ApplicantDetail[];
}

export interface CheckOptions {
  /** The centre's settings win over the workbook's (merge --settings). */
  settings?: Settings;
}

type Group = "roster" | "grades" | "courseMap" | "settings" | "plan";
const GROUP_OF: Record<FormKind, Group> = {
  roster: "roster", gradesLong: "grades", gradesWide: "grades", gradesTall: "grades", courseMap: "courseMap", settings: "settings", plan: "plan",
};

export function checkGrids(grids: readonly Grid[], options: CheckOptions = {}): CheckResult {
  // Hosts flag our sheets and blank our cells as they read (control.ts userGrids).
  const userGrids = grids.filter((g) => !g.generated);
  if (userGrids.every((g) => g.rows.every((r) => r.every((v) => v === null || v === "")))) {
    throw UnusableWorkbook.coded("WORKBOOK_EMPTY", {});
  }
  const found = new Map<Group, Detected[]>();
  for (const grid of userGrids) {
    const d = detectForm(grid);
    if (d) found.set(GROUP_OF[d.kind], [...(found.get(GROUP_OF[d.kind]) ?? []), d]);
  }
  const issues: Issue[] = [...journalIssues(grids), ...overlongCells(userGrids)];
  const pick = (group: Group, kind: FormKind): Detected | null => {
    const candidates = found.get(group) ?? [];
    const choice = chooseForm(candidates, SHORT_NAMES[kind]);
    if (choice.kind !== "tie") return choice.kind === "one" ? choice.form : null;
    if (group === "roster") {
      throw UnusableWorkbook.coded("ROSTER_TIE", { value: choice.a, other: choice.b });
    }
    // The error stands on the second sheet's header row; neither sheet is read.
    const second = candidates.find((d) => d.grid.name === choice.b);
    issues.push(issueAt(choice.b, second?.headerRow ?? 0, 0, "SHEET_TIE", { value: choice.a, other: choice.b, form: FORM_NAMES[kind], expected: SHORT_NAMES[kind] }));
    return null;
  };

  const rosterForm = pick("roster", "roster");
  if (!rosterForm) {
    throw UnusableWorkbook.coded("ROSTER_NOT_FOUND", {});
  }
  const settingsSheet = readSettings(pick("settings", "settings"));
  const settings = options.settings ?? settingsSheet?.settings ?? defaultSettings();
  if (settingsSheet && !options.settings) append(issues, settingsSheet.issues);

  const roster = readRoster(rosterForm);
  append(issues, roster.issues);
  const t = roster.table;
  const headerAt = (code: "MAP_MISSING" | "GRADES_MISSING") => fieldIssue(t, t.headerRow, "name", code);
  if (!t.columns.has("requestedLevel")) issues.push(fieldIssue(t, t.headerRow, "name", "LEVEL_COLUMN_MISSING"));

  const mapForm = pick("courseMap", "courseMap");
  const courseMap = mapForm ? readCourseMap(mapForm) : null;
  if (courseMap) append(issues, courseMap.issues);
  else if (!found.has("courseMap")) issues.push(headerAt("MAP_MISSING"));

  // Every sheet that is a grade register is read, and the records united (forms.md B).
  const gradeForms = found.get("grades") ?? [];
  const grades = gradeForms.length ? indexGrades(gradeForms.map(readGrades), settings) : null;
  if (grades) append(issues, grades.issues);
  else issues.push(headerAt("GRADES_MISSING"));

  const planForm = pick("plan", "plan");
  if (planForm) append(issues, checkPlan(planForm));

  const identities = t.rows.map((row) => checkRow(t, row, settings));
  crossRowChecks(identities, issues, t.sheet, t.columns.get("idNumber") ?? 0, t.columns.get("studentId") ?? 0);

  const applicants = identities.map((identity) => assess(t.sheet, identity, courseMap, grades, settings));
  for (const a of applicants) {
    append(issues, a.identity.issues);
    append(issues, a.courses.issues);
  }
  append(issues, unrelatedAndStrangers(applicants, grades));
  append(issues, occupationsWithoutCourses(applicants, courseMap, t.sheet, t.columns.get("occupationCode") ?? 0));
  append(issues, certificateChecks(roster, applicants, settings));

  return {
    report: { applicants: applicants.map((a) => a.report), issues: sortIssues(dedupe(issues), grids) },
    settings, roster, grades, planForm, gradeGrids: gradeForms.map((d) => d.grid), courseMap, settingsSheet, applicants,
  };
}

function assess(sheet: string, identity: RowIdentity, courseMap: CourseMap | null, grades: GradeIndex | null, settings: Settings): ApplicantDetail {
  const related = identity.occupation && courseMap ? relatedCourses(courseMap, identity.occupation, identity.major) : [];
  const key = grades?.keyField === "idNumber" ? identity.idNumber : identity.studentId;
  const courses = evaluateCourses(related, key ? grades?.byStudent.get(key) : undefined, settings);
  const cohortLevels = cohortAllows(identity.cohortKind);
  const decision = decide({
    identityError: identityBlocks(identity),
    cohortInScope: identity.cohortKind !== null && identity.cohortKind !== "outOfScope",
    competition: identity.competition,
    failedAfterMakeup: courses.failedAfterMakeup,
    requestedLevel: identity.requestedLevel,
    occupationLevels: identity.occupation?.levels ?? [3, 4],
    cohortLevels: identity.cohortKind === null ? [3, 4] : cohortLevels,
    passedCourses: courses.passedCourses,
    earnedCredits: courses.earnedCredits,
    creditThresholds: settings.creditThresholds,
  });
  return { identity, courses, decision, report: toReport(sheet, identity, courses, decision) };
}

function toReport(sheet: string, id: RowIdentity, courses: CourseSummary, d: Decision): ApplicantReport {
  return {
    sheet, row: id.row + 1, name: id.name, studentId: id.studentId, idNumber: id.idNumber,
    occupationCode: id.occupation?.code ?? id.occupationCodeText,
    workType: id.occupation ? id.occupation.workType : id.workTypeText,
    cohort: id.cohort, requestedLevel: id.requestedLevel, passedCourses: courses.passedCourses,
    eligibleLevel: d.eligibleLevel, status: d.status, missing: d.missing,
  };
}

/** §7: the same ID number twice (same occupation: error; another occupation: warning); student numbers unique per person. */
function crossRowChecks(ids: RowIdentity[], issues: Issue[], sheet: string, idCol: number, studentCol: number): void {
  const byId = new Map<string, RowIdentity[]>();
  const byStudent = new Map<string, RowIdentity>();
  for (const id of ids) {
    if (id.idNumber !== "") {
      const earlier = byId.get(id.idNumber) ?? [];
      const key = id.occupation ? occupationKey(id.occupation) : id.occupationCodeText + "/" + id.workTypeText;
      const same = earlier.find((e) => (e.occupation ? occupationKey(e.occupation) : e.occupationCodeText + "/" + e.workTypeText) === key);
      if (same) id.issues.push(issueAt(sheet, id.row, idCol, "ID_DUPLICATE", { other: String(same.row + 1) }));
      else if (earlier.length > 0) id.issues.push(issueAt(sheet, id.row, idCol, "ID_MULTIPLE_OCCUPATIONS", { other: String(earlier[0].row + 1) }));
      byId.set(id.idNumber, [...earlier, id]);
    }
    if (id.studentId !== "") {
      const other = byStudent.get(id.studentId);
      if (other && other.idNumber !== id.idNumber) {
        id.issues.push(issueAt(sheet, id.row, studentCol, "STUDENT_ID_DUPLICATE", { value: id.studentId, other: String(other.row + 1) }));
      } else if (!other) byStudent.set(id.studentId, id);
    }
  }
}

/** §5: grade rows of students not on the roster (warning), of courses not related (info), names that disagree. */
function unrelatedAndStrangers(applicants: ApplicantDetail[], grades: GradeIndex | null): Issue[] {
  if (!grades) return [];
  const issues: Issue[] = [];
  const keyOf = (a: ApplicantDetail) => (grades.keyField === "idNumber" ? a.identity.idNumber : a.identity.studentId);
  const byKey = new Map<string, ApplicantDetail[]>();
  for (const a of applicants) {
    const k = keyOf(a);
    if (k) byKey.set(k, [...(byKey.get(k) ?? []), a]);
  }
  for (const [student, courses] of grades.byStudent) {
    const own = byKey.get(student);
    const first = courses.values().next().value;
    if (!first) continue;
    if (!own) {
      issues.push(issueAt(first.entry.sheet, first.entry.row, first.entry.studentCol, "GRADE_STUDENT_NOT_ON_ROSTER", { value: student }));
      continue;
    }
    const rosterName = own[0].identity.name;
    const misnamed = [...courses.values()].find((c) => c.entry.name !== "" && c.entry.name.replace(/ /g, "") !== rosterName.replace(/ /g, ""));
    if (misnamed && misnamed.entry.nameCol !== null) {
      issues.push(issueAt(misnamed.entry.sheet, misnamed.entry.row, misnamed.entry.nameCol, "GRADE_NAME_MISMATCH", { value: misnamed.entry.name, expected: rosterName }));
    }
    const related = new Set(own.flatMap((a) => a.courses.results.map((r) => r.course.key)));
    const anyMapped = own.some((a) => a.courses.results.length > 0);
    for (const [courseKey, c] of courses) {
      if (!related.has(courseKey) && anyMapped && hasAnyScore(c.entry.values)) {
        issues.push(issueAt(c.entry.sheet, c.entry.row, c.entry.courseCol, "GRADE_COURSE_NOT_RELATED", { value: c.entry.course }));
      }
    }
  }
  return issues;
}

function hasAnyScore(values: Record<string, unknown>): boolean {
  return Object.values(values).some((v) => v !== null && v !== undefined && v !== "");
}

function occupationsWithoutCourses(applicants: ApplicantDetail[], map: CourseMap | null, sheet: string, col: number): Issue[] {
  if (!map) return [];
  const firsts = new Map<string, { a: ApplicantDetail; occupation: Occupation; count: number }>();
  for (const a of applicants) {
    const o = a.identity.occupation;
    if (!o || a.courses.results.length > 0) continue;
    const k = occupationKey(o);
    const f = firsts.get(k);
    if (f) f.count++;
    else firsts.set(k, { a, occupation: o, count: 1 });
  }
  return [...firsts.values()].map((f) => issueAt(sheet, f.a.identity.row, col, "OCCUPATION_WITHOUT_COURSES", { value: occupationLabel(f.occupation), count: f.count }));
}

/** §9: certificate numbers present on the roster: format, prefix, level digit, uniqueness. */
function certificateChecks(roster: Roster, applicants: ApplicantDetail[], settings: Settings): Issue[] {
  const t = roster.table;
  if (!t.columns.has("certificateNo")) return [];
  const issues: Issue[] = [];
  const seen = new Map<string, number>();
  for (const a of applicants) {
    const row = a.identity.row;
    const text = textOf(t, row, "certificateNo").replace(/ /g, "").toUpperCase();
    if (text === "") continue;
    const at = (code: Parameters<typeof fieldIssue>[3], params = {}) => issues.push(fieldIssue(t, row, "certificateNo", code, { value: text, ...params }));
    const cert = parseCertNo(text);
    if (!cert) {
      at("CERT_NO_FORMAT");
      continue;
    }
    const other = seen.get(text);
    if (other !== undefined) at("CERT_NO_DUPLICATE", { other: String(other + 1) });
    else seen.set(text, row);
    if (settings.certPrefix && cert.prefix !== settings.certPrefix) at("CERT_NO_PREFIX", { expected: settings.certPrefix });
    const level = a.decision.eligibleLevel;
    if (level === null) at("CERT_NO_NOT_QUALIFIED");
    else if (cert.level !== level) at("CERT_NO_LEVEL", { expected: String(level) });
  }
  return issues;
}

/** issues.push(...more) overflows the stack for hundreds of thousands of issues. */
function append(issues: Issue[], more: readonly Issue[]): void {
  for (const i of more) issues.push(i);
}

function dedupe(issues: Issue[]): Issue[] {
  const seen = new Set<string>();
  return issues.filter((i) => {
    const k = `${i.sheet}!${i.cell}!${i.code}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

function sortIssues(issues: Issue[], grids: readonly Grid[]): Issue[] {
  const order = new Map(grids.map((g, i) => [g.name, i]));
  const pos = (cell: string) => {
    const p = parseA1(cell);
    return p ? [p.row, p.col] : [-1, -1];
  };
  return issues
    .map((issue, i) => ({ issue, i, p: pos(issue.cell), s: order.get(issue.sheet) ?? 0 }))
    .sort((a, b) => a.s - b.s || a.p[0] - b.p[0] || a.p[1] - b.p[1] || a.i - b.i)
    .map((x) => x.issue);
}

/** Cells in our columns that no longer hold what we wrote (left alone, one warning each, the first
 * few), and one warning for the journal entries skipped, on the journal sheet. */
function journalIssues(grids: readonly Grid[]): Issue[] {
  const journal = grids.find((g) => g.journalSkips);
  const skips = journal?.journalSkips;
  if (!journal || !skips) return [];
  const out = skips.cells.slice(0, JOURNAL_CELLS_SHOWN).map((c) => {
    const at = parseA1(c.cell) ?? { row: 0, col: 0 };
    return issueAt(c.sheet, at.row, at.col, "JOURNAL_CELL_KEPT");
  });
  const more = skips.cells.length - out.length;
  if (skips.entries > 0 || more > 0) out.push(issueAt(journal.name, 0, 0, "JOURNAL_SKIPPED", { value: journal.name, count: skips.entries + more }));
  return out;
}

const JOURNAL_CELLS_SHOWN = 20;

/** Text longer than a cell holds (a CSV or an .ods can carry it, Excel cannot): where the product
 * writes it again (generated sheets, the imported register) it is cut, so the user is told here. */
function overlongCells(grids: readonly Grid[]): Issue[] {
  const out: Issue[] = [];
  for (const g of grids) {
    g.rows.forEach((row, r) => row.forEach((v, c) => {
      if (typeof v === "string" && v.length > CELL_CHARS) out.push(issueAt(g.name, r, c, "CELL_TOO_LONG", { count: v.length }));
    }));
  }
  return out;
}
