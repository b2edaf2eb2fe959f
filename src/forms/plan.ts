// forms.md E: the plan (认定计划); §9 the 10-day rule.
import { daysBetween, parseDay, PLAN_LEAD_DAYS } from "../domain/dates";
import type { Detected } from "./detect";
import { PLAN_FIELDS } from "./fields";
import { cellText, isBlank } from "./grid";
import type { Issue } from "./issue";
import { fieldIssue, readTable, valueOf } from "./table";

export function checkPlan(d: Detected): Issue[] {
  const t = readTable(PLAN_FIELDS, d.grid, d.headerRow, ["occupationCode", "occupationName", "submitted", "assessment"]);
  const issues: Issue[] = [];
  for (const row of t.rows) {
    const days: (number | null)[] = [];
    for (const field of ["submitted", "assessment"] as const) {
      const raw = valueOf(t, row, field);
      if (isBlank(raw)) {
        days.push(null);
        continue;
      }
      const day = parseDay(raw);
      if (day === null) issues.push(fieldIssue(t, row, field, "PLAN_DATE_INVALID", { value: cellText(raw) }));
      days.push(day);
    }
    const [submitted, assessment] = days;
    if (submitted !== null && assessment !== null && daysBetween(submitted, assessment) < PLAN_LEAD_DAYS) {
      issues.push(fieldIssue(t, row, "submitted", "PLAN_TOO_LATE", { days: daysBetween(submitted, assessment) }));
    }
  }
  return issues;
}
