// §六 内部质量督导: the figures the supervision group checks (认定范围, 认定人员资格审查, 考务管理),
// gathered from a check and its write-back plan, for the 督导汇总 sheet.
import { occupationKey, occupationLabel } from "../domain/catalogue";
import { blocksDecision } from "../domain/messages";
import { STATUSES, type Status } from "../domain/eligibility";
import { daysBetween, parseDay } from "../domain/dates";
import { canBePutForward, type OutputApplicant, type SupervisionData } from "../forms/output";
import { planDates } from "../forms/plan";
import type { CheckResult } from "./check";
import type { Mark } from "./port";

/** An issue's reason without the values in it (no ID numbers in a report): the part before "：",
 * quoted values and long digit runs left out. */
const reasonOf = (message: string) =>
  message.split("：")[0].replace(/“[^”]*”/g, "").replace(/（[^）]*\d{6,}[^）]*）/g, "").replace(/\d{6,}[\dXx]*/g, "…").replace(/\s+/g, " ").trim();

/** `list` is the check's applicants as the generated sheets have them, in the same order. */
export function supervisionOf(result: CheckResult, marks: readonly Mark[], list: readonly OutputApplicant[]): SupervisionData {
  const byStatus = Object.fromEntries(STATUSES.map((s) => [s, 0])) as Record<Status, number>;
  const reasons = new Map<string, { status: Status; code: string; reason: string; applicants: number }>();
  // Statuses as the sheets show them (the centre's merge may turn a cross-department duplicate invalid).
  result.applicants.forEach((a, i) => {
    const status = list[i]?.status ?? a.decision.status;
    byStatus[status]++;
    const why = status === "invalid" ? a.identity.issues.filter((i) => blocksDecision(i.code))
      : status === "disqualified" ? a.courses.issues.filter((i) => i.code === "SCORE_FAILED_AFTER_MAKEUP") : [];
    for (const code of new Set(why.map((i) => i.code))) {
      const first = why.find((i) => i.code === code);
      const k = `${status}#${code}`;
      const line = reasons.get(k) ?? { status, code, reason: reasonOf(first?.message ?? code), applicants: 0 };
      line.applicants++;
      reasons.set(k, line);
    }
  });
  const planned = result.planForm ? planDates(result.planForm) : new Map();
  const plan = new Map<string, SupervisionData["plan"][number]>();
  for (const out of list) {
    if (!canBePutForward(out) || !out.occupation || out.eligibleLevel === null) continue;
    const k = `${occupationKey(out.occupation)}#${out.eligibleLevel}`;
    const line = plan.get(k) ?? { label: occupationLabel(out.occupation), level: out.eligibleLevel, applicants: 0, planned: null, daysAhead: null };
    line.applicants++;
    plan.set(k, line);
  }
  for (const [k, row] of planned) {
    const line = plan.get(k);
    const target = line ?? { label: row.label, level: Number(k.split("#")[1]) as 3 | 4, applicants: 0, planned: null, daysAhead: null };
    target.planned = row.count;
    const s = parseDay(row.submitted);
    const d = parseDay(row.assessment);
    target.daysAhead = s !== null && d !== null ? daysBetween(s, d) : null;
    plan.set(k, target);
  }
  const count = (kind: Mark["kind"]) => marks.filter((m) => m.kind === kind).length;
  return {
    byStatus,
    reasons: [...reasons.values()].sort((x, y) => STATUSES.indexOf(x.status) - STATUSES.indexOf(y.status) || y.applicants - x.applicants),
    plan: [...plan.values()].sort((x, y) => x.label.localeCompare(y.label, "zh-CN") || x.level - y.level),
    marks: { error: count("error"), warning: count("warning"), missing: count("missing"), incomplete: count("incomplete") },
  };
}

/** The school's figures: the departments' added up. */
export function combineSupervision(parts: readonly SupervisionData[]): SupervisionData {
  const byStatus = Object.fromEntries(STATUSES.map((s) => [s, parts.reduce((n, p) => n + p.byStatus[s], 0)])) as Record<Status, number>;
  const reasons = new Map<string, SupervisionData["reasons"][number]>();
  const plan = new Map<string, SupervisionData["plan"][number]>();
  for (const p of parts) {
    for (const r of p.reasons) {
      const k = `${r.status}#${r.code}`;
      const line = reasons.get(k) ?? { ...r, applicants: 0 };
      line.applicants += r.applicants;
      reasons.set(k, line);
    }
    for (const r of p.plan) {
      const k = `${r.label}#${r.level}`;
      const line = plan.get(k) ?? { ...r, applicants: 0, planned: null };
      line.applicants += r.applicants;
      if (r.planned !== null) line.planned = (line.planned ?? 0) + r.planned;
      if (r.daysAhead !== null) line.daysAhead = line.daysAhead === null ? r.daysAhead : Math.min(line.daysAhead, r.daysAhead);
      plan.set(k, line);
    }
  }
  const sum = (k: keyof SupervisionData["marks"]) => parts.reduce((n, p) => n + p.marks[k], 0);
  return {
    byStatus,
    reasons: [...reasons.values()].sort((x, y) => STATUSES.indexOf(x.status) - STATUSES.indexOf(y.status) || y.applicants - x.applicants),
    plan: [...plan.values()].sort((x, y) => x.label.localeCompare(y.label, "zh-CN") || x.level - y.level),
    marks: { error: sum("error"), warning: sum("warning"), missing: sum("missing"), incomplete: sum("incomplete") },
  };
}
