// Dates as staff type them: real date cells, Excel serial numbers, 2023-11-01, 2023/11/1, 2023年11月1日, 2023.11.1.
import { normalizeKey } from "./normalize";

const EXCEL_EPOCH = Date.UTC(1899, 11, 30);
const DAY = 86400000;

/** A calendar day as a UTC midnight timestamp, or null. */
export function parseDay(value: unknown): number | null {
  if (value instanceof Date) return Date.UTC(value.getUTCFullYear(), value.getUTCMonth(), value.getUTCDate());
  if (typeof value === "number") return value > 0 && value < 2958466 ? EXCEL_EPOCH + Math.floor(value) * DAY : null;
  if (typeof value !== "string") return null;
  const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(normalizeKey(value));
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = Date.UTC(y, mo - 1, d);
  const check = new Date(t);
  return check.getUTCFullYear() === y && check.getUTCMonth() === mo - 1 && check.getUTCDate() === d ? t : null;
}

export function daysBetween(from: number, to: number): number {
  return Math.round((to - from) / DAY);
}


/** §9: the plan goes to the city centre at least 10 days before the assessment (notice §五(一)). */
export const PLAN_LEAD_DAYS = 10;
