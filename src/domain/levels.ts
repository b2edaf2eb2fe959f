// §4 Levels: 3 = 三级/高级工, 4 = 四级/中级工.
import type { Level } from "./catalogue";
import { normalizeKey } from "./normalize";

const LEVEL_WORDS: Record<string, Level> = {
  "3": 3, "三": 3, "高": 3, "3高": 3, "三高": 3, "高三": 3, "高3": 3,
  "4": 4, "四": 4, "中": 4, "4中": 4, "四中": 4, "中四": 4, "中4": 4,
};

export type ParsedLevel = { kind: "blank" } | { kind: "level"; level: Level } | { kind: "invalid" };

/** §4: `3`, `三级`, `高级`, `高级工`, `三级/高级工`, `三级（高级工）`, full-width digits; the same for 4. */
export function parseLevel(value: unknown): ParsedLevel {
  if (value === null || value === undefined) return { kind: "blank" };
  if (typeof value === "number") return value === 3 || value === 4 ? { kind: "level", level: value } : { kind: "invalid" };
  const key = normalizeKey(String(value));
  if (key === "") return { kind: "blank" };
  const core = key.replace(/[级工/、()（）\-]/g, "");
  const level = LEVEL_WORDS[core];
  return level ? { kind: "level", level } : { kind: "invalid" };
}

export function levelName(level: Level): string {
  return level === 3 ? "三级/高级工" : "四级/中级工";
}

/** §6: 3 is higher than 4. */
export function isAtLeast(level: Level, wanted: Level): boolean {
  return level <= wanted;
}

/** §6 thresholds: passed related courses needed for each level (notice §五(五)). */
export const COURSES_NEEDED: Record<Level, number> = { 4: 6, 3: 8 };
