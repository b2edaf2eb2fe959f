// A template's drop-down list speaks its own words: 中级工 where we say 四级/中级工, 1 where we say 男,
// 01-居民身份证 where we say 居民身份证. This finds the entry that means the same as our value.
import { parseLevel } from "../domain/levels";
import { normalizeKey } from "../domain/normalize";
import type { TemplateField } from "./templatefields";

/** An entry without the code systems put before or after it: "01-居民身份证", "男(1)", "1 男". */
export function bareEntry(entry: string): string {
  const key = normalizeKey(entry);
  const bare = key.replace(/^[0-9A-Za-z]{1,4}(?:[-.、:：|_]|(?=[^\x00-\x7f]))/, "").replace(/[（(][0-9A-Za-z]{1,4}[)）]$/, "").replace(/[-|_][0-9A-Za-z]{1,4}$/, "");
  return bare === "" ? key : bare;
}

const SEX_CODES: Record<string, "男" | "女"> = { "1": "男", "2": "女" };

function sexOf(entry: string): "男" | "女" | null {
  const key = normalizeKey(entry);
  if (/男/.test(key) && !/女/.test(key)) return "男";
  if (/女/.test(key) && !/男/.test(key)) return "女";
  return SEX_CODES[key] ?? null;
}

/** What an entry must look like to mean the same as our value, per field (beyond equal text). */
const MEANS: Partial<Record<TemplateField, (entry: string, value: string) => boolean>> = {
  level: (entry, value) => {
    const a = parseLevel(bareEntry(entry));
    const b = parseLevel(value);
    return a.kind === "level" && b.kind === "level" && a.level === b.level;
  },
  sex: (entry, value) => sexOf(entry) !== null && sexOf(entry) === sexOf(value),
  // Our value is always 居民身份证; other documents (港澳台居民居住证, 护照, 军官证) are not it.
  idType: (entry) => /身份证/.test(entry) && !/港|澳|台|外国|护照|军|警|临时/.test(entry),
  // Students certified through coursework (notice 二): whatever the list calls a school's own students.
  source: (entry) => /在校|在读|学生|学校|院校|毕业生/.test(entry) && !/社会|企业|职工|失业|农民/.test(entry),
  route: (entry) => /过程化/.test(entry),
  result: (entry, value) => value === "合格" ? /合格|通过/.test(entry) && !/不合格|未通过/.test(entry) : normalizeKey(entry).includes(value),
};

/** The list entry meaning `value` for a field, or null when none (or more than one by containment) does. */
export function matchEntry(field: TemplateField | null, value: string, entries: readonly string[]): string | null {
  const key = normalizeKey(value);
  if (key === "") return null;
  const exact = entries.find((e) => normalizeKey(e) === key) ?? entries.find((e) => bareEntry(e) === key);
  if (exact !== undefined) return exact;
  const means = field ? MEANS[field] : undefined;
  if (means) {
    const hit = entries.find((e) => means(normalizeKey(e), key));
    if (hit !== undefined) return hit;
    // The field's meaning decides: 过程化考核 is not in a list of 竞赛, 社会人员.
    if (field !== "level" && field !== "result") return null;
  }
  const contained = entries.filter((e) => {
    const b = bareEntry(e);
    return b.length > 1 && (b.includes(key) || key.includes(b));
  });
  return contained.length === 1 ? contained[0] : null;
}

/** The ways templates write a level without a list to say so: the example row shows which one. */
const LEVEL_WORDINGS: readonly (readonly [string, string])[] = [
  ["三级/高级工", "四级/中级工"], ["三级", "四级"], ["高级工", "中级工"], ["高级", "中级"], ["3", "4"], ["三级（高级工）", "四级（中级工）"], ["三级(高级工)", "四级(中级工)"],
];

/** A level in the wording the example value uses, or null when the example shows none of them. */
export function levelInWordingOf(level: 3 | 4, example: string): string | null {
  const key = normalizeKey(example);
  const wording = LEVEL_WORDINGS.find((w) => w.some((x) => normalizeKey(x) === key));
  return wording ? wording[level === 3 ? 0 : 1] : null;
}
