// forms.md, The report: the same JSON in the add-in and on the command line.
import type { Level } from "../domain/catalogue";
import type { Status } from "../domain/eligibility";
import type { Issue } from "../forms/issue";

export interface ApplicantReport {
  sheet: string;
  /** Worksheet row, 1-based. */
  row: number;
  name: string;
  studentId: string;
  idNumber: string;
  occupationCode: string;
  workType: string;
  cohort: number | null;
  requestedLevel: Level | null;
  passedCourses: number;
  eligibleLevel: Level | null;
  status: Status;
  missing: number;
  /** Set by the centre's merge: which department file. */
  file?: string;
}

export interface Report {
  applicants: ApplicantReport[];
  issues: Issue[];
}

export function countErrors(report: Report): number {
  return report.issues.filter((i) => i.severity === "error").length;
}
