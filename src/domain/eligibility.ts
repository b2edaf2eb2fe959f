// §6 Eligibility (认定级别) and status, first match wins.
import type { Level } from "./catalogue";
import { COURSES_NEEDED, isAtLeast } from "./levels";

export const STATUSES = ["invalid", "ineligible", "review", "disqualified", "eligible", "downgrade", "incomplete"] as const;
export type Status = (typeof STATUSES)[number];

export interface EligibilityInput {
  /** §3 levels the occupation offers. */
  occupationLevels: readonly Level[];
  /** §4 levels the cohort allows. */
  cohortLevels: readonly Level[];
  /** c: related courses passed. */
  passedCourses: number;
  /** Sum of credits of passed related courses. */
  earnedCredits: number;
  creditThresholds: Partial<Record<Level, number>>;
}

/** Levels both the occupation and the cohort allow, highest (3) first. */
export function allowedLevels(occupation: readonly Level[], cohort: readonly Level[]): Level[] {
  return ([3, 4] as Level[]).filter((l) => occupation.includes(l) && cohort.includes(l));
}

/** §6: the highest allowed level that c (or the earned credits) reaches, or null. */
export function eligibleLevel(input: EligibilityInput): Level | null {
  for (const level of allowedLevels(input.occupationLevels, input.cohortLevels)) {
    const threshold = input.creditThresholds[level];
    if (input.passedCourses >= COURSES_NEEDED[level]) return level;
    if (threshold !== undefined && input.earnedCredits >= threshold) return level;
  }
  return null;
}

export interface StatusInput extends EligibilityInput {
  /** An identity-field error prevents a decision (§6.1). */
  identityError: boolean;
  cohortInScope: boolean;
  competition: boolean;
  /** A related course failed after makeup, under the default rule (§5). */
  failedAfterMakeup: boolean;
  requestedLevel: Level | null;
}

export interface Decision {
  status: Status;
  eligibleLevel: Level | null;
  /** How many more passed courses the next level needs; 0 when none are missing. */
  missing: number;
}

/** §6: only a decided applicant (eligible, downgrade) has an eligible level. */
export function decide(input: StatusInput): Decision {
  const level = eligibleLevel(input);
  const allowed = allowedLevels(input.occupationLevels, input.cohortLevels);
  const short = (l: Level) => Math.max(0, COURSES_NEEDED[l] - input.passedCourses);
  if (input.identityError) return { status: "invalid", eligibleLevel: null, missing: 0 };
  if (!input.cohortInScope || allowed.length === 0) return { status: "ineligible", eligibleLevel: null, missing: 0 };
  if (input.competition) return { status: "review", eligibleLevel: null, missing: 0 };
  if (input.failedAfterMakeup) return { status: "disqualified", eligibleLevel: null, missing: 0 };
  if (level !== null) {
    if (input.requestedLevel === null || isAtLeast(level, input.requestedLevel)) return { status: "eligible", eligibleLevel: level, missing: 0 };
    // A requested level the cohort or occupation does not allow can never be reached: nothing is missing.
    const reachable = allowed.includes(input.requestedLevel);
    return { status: "downgrade", eligibleLevel: level, missing: reachable ? short(input.requestedLevel) : 0 };
  }
  // The next level is the lowest one the applicant may reach (4 where allowed, else 3).
  return { status: "incomplete", eligibleLevel: null, missing: short(allowed[allowed.length - 1]) };
}

export const STATUS_LABELS: Record<Status, string> = {
  eligible: "可认定",
  downgrade: "降级认定",
  incomplete: "课程未修满",
  disqualified: "取消资格",
  review: "待人工审核",
  ineligible: "不在认定范围",
  invalid: "信息有误",
};
