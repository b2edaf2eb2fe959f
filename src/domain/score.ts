// §5 Score cells: numbers 0-100, numeric text, full-width digits, a trailing 分, grade words,
// 缺考/旷考/作弊 = 0 with a warning, 缓考 = not yet taken, blank = missing; anything else invalid.
import { normalizeKey } from "./normalize";

export type Score =
  | { kind: "score"; value: number; note?: "absent" | "cheating" }
  | { kind: "deferred" }
  | { kind: "missing" }
  | { kind: "invalid" };

export const PASS_MARK = 60;

const ABSENT = new Set(["缺考", "旷考"]);

export function parseScore(value: unknown, gradeWords: Readonly<Record<string, number>>): Score {
  if (value === null || value === undefined) return { kind: "missing" };
  if (typeof value === "number") return inRange(value);
  if (typeof value !== "string") return { kind: "invalid" };
  const key = normalizeKey(value);
  if (key === "") return { kind: "missing" };
  // A number as text must read back the same as it is written (75, 59.5; not 075 or 60.0): the
  // live formulas check text numbers the same way (VALUE(x)&"" = x), so both agree on every cell.
  const numeric = key.replace(/分/g, "");
  if (/^-?(0|[1-9]\d*)(\.\d*[1-9])?$/.test(numeric)) return inRange(Number(numeric));
  if (ABSENT.has(key)) return { kind: "score", value: 0, note: "absent" };
  if (key === "作弊") return { kind: "score", value: 0, note: "cheating" };
  if (key === "缓考") return { kind: "deferred" };
  if (Object.prototype.hasOwnProperty.call(gradeWords, key)) return { kind: "score", value: gradeWords[key] };
  return { kind: "invalid" };
}

function inRange(n: number): Score {
  return Number.isFinite(n) && n >= 0 && n <= 100 ? { kind: "score", value: n } : { kind: "invalid" };
}

export function isPass(score: Score): boolean {
  return score.kind === "score" && score.value >= PASS_MARK;
}
