import { courseOutcome, partOutcome } from "../../src/domain/course";
import type { Score } from "../../src/domain/score";

const s = (value: number): Score => ({ kind: "score", value });
const missing: Score = { kind: "missing" };
const deferred: Score = { kind: "deferred" };

describe("§5 course outcomes", () => {
  test.each([
    ["§5 a part passes at >= 60", s(60), missing, "passed", false],
    ["§5 59.9 does not pass", s(59.9), missing, "pendingMakeup", false],
    ["§5 first < 60 replaced by a passing makeup", s(40), s(60), "passed", false],
    ["§5 first < 60 and makeup < 60: failed after makeup", s(40), s(59), "failed", false],
    ["§5 first < 60, no makeup yet: pending", s(40), missing, "pendingMakeup", false],
    ["§5 a makeup beside a passing first score is ignored", s(70), s(30), "passed", true],
    ["§5 缓考 is pending, not a fail", deferred, missing, "notTaken", false],
    ["§5 blank first score is missing", missing, missing, "missing", false],
    ["§5 first < 60 and makeup 缓考: still pending", s(50), deferred, "pendingMakeup", false],
  ] as const)("%s", (_rule, first, makeup, outcome, ignored) => {
    expect(partOutcome(first, makeup)).toEqual({ outcome, makeupIgnored: ignored });
  });

  test.each([
    ["passed", "passed", "passed"], ["passed", "failed", "failed"], ["failed", "missing", "failed"],
    ["passed", "pendingMakeup", "pending"], ["notTaken", "passed", "pending"], ["missing", "passed", "missing"],
    ["pendingMakeup", "missing", "missing"],
  ] as const)("§5 theory %s + practical %s = %s", (t, p, outcome) => {
    expect(courseOutcome(t, p)).toBe(outcome);
  });
});
