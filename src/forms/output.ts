// What the generated sheets are made from: one plain record per applicant (forms.md "What is written back" 3).
import type { Level, Occupation } from "../domain/catalogue";
import type { Status } from "../domain/eligibility";
import type { CellValue } from "./grid";

export interface OutputCourse {
  name: string;
  theory: CellValue;
  practical: CellValue;
  theoryMakeup: CellValue;
  practicalMakeup: CellValue;
  /** 合格 / 补考不及格 / 待补考 / 缺成绩 */
  outcome: string;
}

export interface OutputApplicant {
  name: string;
  sex: string;
  idNumber: string;
  studentId: string;
  cohort: number | null;
  department: string;
  major: string;
  className: string;
  phone: string;
  occupation: Occupation | null;
  occupationCode: string;
  occupationName: string;
  workType: string;
  requestedLevel: Level | null;
  eligibleLevel: Level | null;
  status: Status;
  passedCourses: number;
  certificateNo: string;
  courses: OutputCourse[];
  /** The centre's merge: which department file. */
  source?: string;
}

export interface OutputContext {
  schoolName: string;
  assessmentYear: number;
  mask: { lead: number; trail: number };
  /** Plan dates typed in the workbook's 认定计划, per occupation key + level, to carry into the generated plan. */
  planDates?: Map<string, { submitted: CellValue; assessment: CellValue }>;
  /** Which archive materials the workbook holds beyond the generated sheets. */
  archive: { gradeRegister: string | null; supervisionReport: string | null };
}

/** Applicants who can be put forward (§6: eligible or downgrade). */
export function canBePutForward(a: OutputApplicant): boolean {
  return a.status === "eligible" || a.status === "downgrade";
}
