// §5 Score cells: numbers 0-100, numeric text (§8 trimmed, full-width digits), a trailing 分, grade words,
// 缺考/旷考/作弊 = 0 with a warning, 缓考 = not yet taken, blank = missing; anything else invalid.
import { normalizeText } from "./normalize";

export type Score =
  | { kind: "score"; value: number; note?: "absent" | "cheating" }
  | { kind: "deferred" }
  | { kind: "missing" }
  | { kind: "invalid" };

export const PASS_MARK = 60;

const ABSENT = new Set(["缺考", "旷考"]);

/** A number as text: at most one decimal, written as it reads back (75, 59.5; not 075, 60.0 or 7 5),
 * optionally followed by 分. The live formulas read text through a table of exactly these forms. */
const NUMBER_TEXT = /^(-?(?:0|[1-9]\d*)(?:\.[1-9])?)分?$/;

export function parseScore(value: unknown, gradeWords: Readonly<Record<string, number>>): Score {
  if (value === null || value === undefined) return { kind: "missing" };
  if (typeof value === "number") return inRange(value);
  if (typeof value !== "string") return { kind: "invalid" };
  const text = normalizeText(value);
  if (text === "") return { kind: "missing" };
  const numeric = NUMBER_TEXT.exec(text);
  if (numeric) return inRange(Number(numeric[1]));
  if (ABSENT.has(text)) return { kind: "score", value: 0, note: "absent" };
  if (text === "作弊") return { kind: "score", value: 0, note: "cheating" };
  if (text === "缓考") return { kind: "deferred" };
  if (Object.prototype.hasOwnProperty.call(gradeWords, text)) return { kind: "score", value: gradeWords[text] };
  return { kind: "invalid" };
}

function inRange(n: number): Score {
  return Number.isFinite(n) && n >= 0 && n <= 100 ? { kind: "score", value: n } : { kind: "invalid" };
}

export function isPass(score: Score): boolean {
  return score.kind === "score" && score.value >= PASS_MARK;
}
