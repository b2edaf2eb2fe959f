// §3 The occupation catalogue: notice §四, 21 rows. Data, kept in one place.
import { normalizeKey } from "./normalize";

export type Level = 3 | 4;

export interface Occupation {
  code: string;
  name: string;
  /** "" where the occupation has no work type / direction. */
  workType: string;
  levels: readonly Level[];
}

export const CATALOGUE: readonly Occupation[] = [
  { code: "6-31-01-03", name: "电工", workType: "", levels: [3, 4] },
  { code: "4-12-01-01", name: "汽车维修工", workType: "汽车机械维修", levels: [3, 4] },
  { code: "6-20-03-01", name: "机床装调维修工", workType: "数控机床装调维修工", levels: [3, 4] },
  { code: "4-10-01-03", name: "保育师", workType: "", levels: [3, 4] },
  { code: "4-08-08-08", name: "广告设计师", workType: "", levels: [3] },
  { code: "4-10-04-02", name: "保健按摩师", workType: "反射疗法师", levels: [3, 4] },
  { code: "4-10-04-02", name: "保健按摩师", workType: "足部按摩师", levels: [3, 4] },
  { code: "4-10-04-02", name: "保健按摩师", workType: "脊柱按摩师", levels: [3, 4] },
  { code: "4-10-01-05", name: "养老护理员", workType: "", levels: [3, 4] },
  { code: "4-14-02-02", name: "健康管理师", workType: "", levels: [3] },
  { code: "4-10-01-06", name: "家政服务员", workType: "母婴护理员", levels: [3, 4] },
  { code: "4-04-05-01", name: "计算机程序设计员", workType: "", levels: [3, 4] },
  { code: "5-05-02-03", name: "动物疫病防治员", workType: "", levels: [3, 4] },
  { code: "5-01-02-03", name: "食用菌生产工", workType: "", levels: [3, 4] },
  { code: "4-03-02-04", name: "西式面点师", workType: "", levels: [3, 4] },
  { code: "4-01-02-02", name: "电子商务师", workType: "网商", levels: [3, 4] },
  { code: "4-07-03-04", name: "企业人力资源管理师", workType: "薪税师", levels: [3, 4] },
  { code: "4-02-06-03", name: "物流服务师", workType: "", levels: [3] },
  { code: "4-01-02-01", name: "营销员", workType: "外贸营销员", levels: [3, 4] },
  { code: "4-01-02-07", name: "直播销售员", workType: "", levels: [3, 4] },
  { code: "6-29-01-03", name: "混凝土工", workType: "混凝土搅拌工", levels: [3, 4] },
];

/** A code as typed: full-width digits, spaces, en/em dashes and the like are folded (§8). */
export function normalizeOccupationCode(text: string): string {
  return normalizeKey(text).replace(/[‐‑‒–—―－ー]/g, "-");
}

export function entriesForCode(code: string): Occupation[] {
  const key = normalizeOccupationCode(code);
  return CATALOGUE.filter((o) => o.code === key);
}

export type OccupationMatch =
  | { kind: "ok"; occupation: Occupation; workTypeAssumed: boolean }
  | { kind: "unknownCode" }
  | { kind: "nameMismatch"; expected: string }
  | { kind: "workTypeRequired"; choices: string[] }
  | { kind: "workTypeUnknown"; choices: string[] };

/**
 * §3: code, name and work type must agree with one catalogue row. A blank name is left to
 * the caller (required-field check); a blank work type is assumed where the code has exactly one.
 */
export function matchOccupation(code: string, name: string, workType: string): OccupationMatch {
  const rows = entriesForCode(code);
  if (rows.length === 0) return { kind: "unknownCode" };
  const nameKey = normalizeKey(name);
  if (nameKey !== "" && nameKey !== rows[0].name) return { kind: "nameMismatch", expected: rows[0].name };
  const typeKey = normalizeKey(workType);
  const choices = rows.map((r) => r.workType).filter((w) => w !== "");
  if (typeKey === "") {
    if (rows.length === 1) return { kind: "ok", occupation: rows[0], workTypeAssumed: rows[0].workType !== "" };
    return { kind: "workTypeRequired", choices };
  }
  const hit = rows.find((r) => r.workType === typeKey || (r.workType === "" && typeKey === r.name));
  if (hit) return { kind: "ok", occupation: hit, workTypeAssumed: false };
  return { kind: "workTypeUnknown", choices };
}

/** A stable key for one catalogue row: code plus work type. */
export function occupationKey(o: Occupation): string {
  return o.workType ? `${o.code}/${o.workType}` : o.code;
}

export function occupationLabel(o: Occupation): string {
  return o.workType ? `${o.name}（${o.workType}）` : o.name;
}
