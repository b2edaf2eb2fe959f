// What the generated sheets are made from: one plain record per applicant (forms.md "What is written back" 3).
import type { PhotoSize } from "./photobox";
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
  planDates?: Map<string, { submitted: CellValue; assessment: CellValue; count?: number | null }>;
  /** §六: what the supervision group checks, per department (and for the school in the merge). */
  supervision?: { title: string; data: SupervisionData }[];
  /** Which archive materials the workbook holds beyond the generated sheets. */
  archive: { gradeRegister: string | null; supervisionReport: string | null };
  /** The 备案表's photo box (#19): its size, and the keys (forms/photobox.ts photoKey) of the photos to place. */
  photos?: { size: PhotoSize; keys: ReadonlySet<string> };
}

/** Applicants who can be put forward (§6: eligible or downgrade). */
export function canBePutForward(a: Pick<OutputApplicant, "status">): boolean {
  return a.status === "eligible" || a.status === "downgrade";
}

/** §六 内部质量督导: the figures the supervision group checks, gathered from a check. */
export interface SupervisionData {
  /** Applicants by status (§6), every status listed. */
  byStatus: Record<Status, number>;
  /** Why applicants are 信息有误 or 取消资格: one line per issue code. */
  reasons: { status: Status; code: string; reason: string; applicants: number }[];
  /** Occupations and levels: applicants who can be put forward, against the department's plan. */
  plan: { label: string; level: Level; applicants: number; planned: number | null; daysAhead: number | null }[];
  /** Cells marked in the workbook, by kind. */
  marks: { error: number; warning: number; missing: number; incomplete: number };
}
