// An independent, plain reading of rules §5-§6 for clean synthetic people: the expected
// report, written without the engine's code so that the tests can catch the engine.
import type { Level } from "../../src/domain/catalogue";
import type { Person } from "../../src/app/synthetic";

export interface Expected {
  passedCourses: number;
  eligibleLevel: Level | null;
  status: string;
  missing: number;
}

const num = (v: unknown): number | null => {
  if (typeof v === "number") return v;
  if (typeof v !== "string") return null;
  const t = v.replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0)).replace(/分$/, "");
  if (t === "优秀") return 95;
  return /^\d+$/.test(t) ? Number(t) : null;
};

export function expectedFor(p: Person, year = 2023): Expected {
  let passed = 0;
  let failed = false;
  for (const [t, pr, tm, pm] of p.scores.values()) {
    const part = (first: unknown, makeup: unknown) => {
      const f = num(first);
      if (f === null) return "missing";
      if (f >= 60) return "pass";
      const m = num(makeup);
      if (m === null) return "pending";
      return m >= 60 ? "pass" : "fail";
    };
    const a = part(t, tm);
    const b = part(pr, pm);
    if (a === "fail" || b === "fail") failed = true;
    else if (a === "pass" && b === "pass") passed++;
  }
  const graduating = p.cohort === year - 2;
  const allowed = ([3, 4] as Level[]).filter((l) => p.occupation.levels.includes(l) && (graduating || l === 4));
  if (allowed.length === 0) return { passedCourses: passed, eligibleLevel: null, status: "ineligible", missing: 0 };
  if (failed) return { passedCourses: passed, eligibleLevel: null, status: "disqualified", missing: 0 };
  const need = (l: Level) => (l === 3 ? 8 : 6);
  const level = allowed.find((l) => passed >= need(l)) ?? null;
  const requested = typeof p.requestedLevel === "number" ? (p.requestedLevel as Level) : null;
  if (level === null) return { passedCourses: passed, eligibleLevel: null, status: "incomplete", missing: need(allowed[allowed.length - 1]) - passed };
  if (requested === null || level <= requested) return { passedCourses: passed, eligibleLevel: level, status: "eligible", missing: 0 };
  return { passedCourses: passed, eligibleLevel: level, status: "downgrade", missing: allowed.includes(requested) ? need(requested) - passed : 0 };
}
