// forms.md E: the plan (认定计划); §9 the 10-day rule.
import { CATALOGUE, matchOccupation, occupationKey, occupationLabel } from "../domain/catalogue";
import { daysBetween, parseDay, PLAN_LEAD_DAYS } from "../domain/dates";
import { parseLevel } from "../domain/levels";
import { normalizeKey } from "../domain/normalize";
import type { CellValue } from "./grid";
import type { Detected } from "./detect";
import { PLAN_FIELDS } from "./fields";
import { cellText, isBlank } from "./grid";
import type { Issue } from "./issue";
import { fieldIssue, readTable, textOf, valueOf } from "./table";

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

/** A row of the department's own plan: its dates and planned count (人数). */
export interface PlannedRow {
  /** The occupation as the tables name it (code + work type label). */
  label: string;
  submitted: CellValue;
  assessment: CellValue;
  count: number | null;
}

/** The dates typed on the plan, per occupation (code + work type) and level, for the generated plan. */
export function planDates(d: Detected): Map<string, PlannedRow> {
  const t = readTable(PLAN_FIELDS, d.grid, d.headerRow, ["occupationCode", "occupationName", "submitted", "assessment"]);
  const out = new Map<string, PlannedRow>();
  for (const row of t.rows) {
    const name = textOf(t, row, "occupationName");
    const code = textOf(t, row, "occupationCode") || CATALOGUE.find((o) => o.name === normalizeKey(name))?.code || "";
    const m = matchOccupation(code, name, textOf(t, row, "workType"));
    const level = parseLevel(valueOf(t, row, "level"));
    if (m.kind !== "ok" || level.kind !== "level") continue;
    const day = (f: "submitted" | "assessment") => {
      const v = parseDay(valueOf(t, row, f));
      return v === null ? null : new Date(v);
    };
    const count = Number(cellText(valueOf(t, row, "count") ?? null));
    out.set(`${occupationKey(m.occupation)}#${level.level}`, { label: occupationLabel(m.occupation), submitted: day("submitted"), assessment: day("assessment"), count: Number.isFinite(count) && cellText(valueOf(t, row, "count") ?? null) !== "" ? count : null });
  }
  return out;
}
