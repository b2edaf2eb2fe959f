// §5 Course outcomes: theory and practical, each with at most one makeup.
import { isPass, PASS_MARK, type Score } from "./score";

/** passed; failed = failed after makeup; pendingMakeup = first < 60, no makeup yet;
 * notTaken = 缓考; missing = no usable first score. */
export type PartOutcome = "passed" | "failed" | "pendingMakeup" | "notTaken" | "missing";

export interface PartResult {
  outcome: PartOutcome;
  /** §5: a makeup beside a first score >= 60 is ignored, with a warning. */
  makeupIgnored: boolean;
}

export function partOutcome(first: Score, makeup: Score): PartResult {
  const hasMakeup = makeup.kind !== "missing";
  if (first.kind === "deferred") return { outcome: "notTaken", makeupIgnored: false };
  if (first.kind !== "score") return { outcome: "missing", makeupIgnored: false };
  if (first.value >= PASS_MARK) return { outcome: "passed", makeupIgnored: hasMakeup };
  if (makeup.kind !== "score") return { outcome: "pendingMakeup", makeupIgnored: false };
  return { outcome: isPass(makeup) ? "passed" : "failed", makeupIgnored: false };
}

export type CourseOutcome = "passed" | "failed" | "pending" | "missing";

/** §5: a course passes when both parts pass; a part failed after makeup fails the course. */
export function courseOutcome(theory: PartOutcome, practical: PartOutcome): CourseOutcome {
  if (theory === "failed" || practical === "failed") return "failed";
  if (theory === "passed" && practical === "passed") return "passed";
  if (theory === "missing" || practical === "missing") return "missing";
  return "pending";
}
