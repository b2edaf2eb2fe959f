// §1 Who may be assessed: the second-year and the graduating cohort of the assessment year.
import type { Level } from "./catalogue";
import { normalizeKey } from "./normalize";

export type CohortKind = "secondYear" | "graduating" | "outOfScope";

/** §1: `2021`, `2021级`, `21级`, `2021 级`, full-width digits. Returns the 4-digit year or null. */
export function parseCohort(value: unknown): number | null {
  if (typeof value === "number") return Number.isInteger(value) && value >= 1990 && value <= 2099 ? value : null;
  if (typeof value !== "string") return null;
  const m = /^(\d{2}|\d{4})(级)?$/.exec(normalizeKey(value));
  if (!m) return null;
  const year = m[1].length === 2 ? 2000 + Number(m[1]) : Number(m[1]);
  return year >= 1990 && year <= 2099 ? year : null;
}

/** §1: second-year = Y-1, graduating = Y-2. */
export function cohortKind(cohort: number, assessmentYear: number): CohortKind {
  if (cohort === assessmentYear - 1) return "secondYear";
  if (cohort === assessmentYear - 2) return "graduating";
  return "outOfScope";
}

/** §4: second-year cohort level 4 only; graduating 3 or 4. */
export function cohortLevels(kind: CohortKind): readonly Level[] {
  if (kind === "secondYear") return [4];
  if (kind === "graduating") return [3, 4];
  return [];
}
