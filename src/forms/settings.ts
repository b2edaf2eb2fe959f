// forms.md D: the 设置 sheet, two columns 项目 | 值.
import type { Level } from "../domain/catalogue";
import { CERT_PREFIX_PATTERN } from "../domain/certno";
import { parseCohort } from "../domain/cohort";
import { normalizeKey } from "../domain/normalize";
import { defaultSettings, PHOTO_BOXES, PHOTO_NAMINGS, type PhotoBox, type PhotoNaming, type Settings } from "../domain/settings";
import type { Detected } from "./detect";
import { SETTINGS_FIELDS } from "./fields";
import { cellText } from "./grid";
import type { Issue } from "./issue";
import { fieldIssue, readTable, textOf, valueOf, type Table } from "./table";

type Apply = (s: Settings, text: string) => string | null;

const year = (text: string) => {
  const y = parseCohort(text);
  return y !== null && /^\d{4}/.test(text) ? y : null;
};

/** Each key: how its value is applied; the returned text is what a valid value looks like, null when applied. */
const KEYS: Record<string, Apply> = {
  认定年度: (s, t) => {
    const y = year(t);
    if (y === null) return "应为四位年份，如 2023";
    const certYearWasDefault = s.certYear === s.assessmentYear;
    s.assessmentYear = y;
    if (certYearWasDefault) s.certYear = y;
    return null;
  },
  学校名称: (s, t) => {
    if (t === "") return "不能为空";
    s.schoolName = t;
    return null;
  },
  补考不及格处理: (s, t) => {
    const k = normalizeKey(t);
    if (k === "取消资格") s.failedMakeup = "disqualify";
    else if (k === "该课程不计") s.failedMakeup = "course";
    else return "应为“取消资格”或“该课程不计”";
    return null;
  },
  四级学分要求: (s, t) => credit(s, t, 4),
  三级学分要求: (s, t) => credit(s, t, 3),
  证书编号前缀: (s, t) => {
    const k = normalizeKey(t).toUpperCase();
    if (!CERT_PREFIX_PATTERN.test(k)) return "应为 13 位：S 或 Y，加 4 位机构代码、2 位省份代码、6 位机构序号";
    s.certPrefix = k;
    return null;
  },
  发证年份: (s, t) => {
    const y = year(t);
    if (y === null) return "应为四位年份，如 2024";
    s.certYear = y;
    return null;
  },
  公示身份证格式: (s, t) => {
    const m = /^(\d+)\+(\d+)$/.exec(normalizeKey(t));
    if (!m || Number(m[1]) + Number(m[2]) > 17) return "应写作“前位数+后位数”，如 6+4";
    s.mask = { lead: Number(m[1]), trail: Number(m[2]) };
    return null;
  },
  成绩等级折算: (s, t) => {
    const words: Record<string, number> = {};
    for (const part of normalizeKey(t).split(/[;；,，、]/).filter(Boolean)) {
      const m = /^(.+?)[=＝:：](\d+(?:\.\d+)?)$/.exec(part);
      if (!m || Number(m[2]) > 100) return "应写作“优秀=95；良好=85；中等=75；及格=65；不及格=0”";
      words[m[1]] = Number(m[2]);
    }
    s.gradeWords = words;
    return null;
  },
  照片命名: (s, t) => {
    const k = normalizeKey(t).replace(/[＿+＋、]/g, "_");
    if (!PHOTO_NAMINGS.includes(k as PhotoNaming)) return `应为 ${PHOTO_NAMINGS.map((n) => `“${n}”`).join("、")} 之一`;
    s.photos = { ...s.photos, naming: k as PhotoNaming };
    return null;
  },
  照片大小: (s, t) => {
    // "10-200", "10～200KB", "≤40" (up to 40), "40KB以内".
    const k = normalizeKey(t).toUpperCase().replace(/\s|KB|K|以内|以下/g, "");
    const range = /^(\d+)[-~～—至到](\d+)$/.exec(k);
    const upTo = /^(?:≤|<=|<)?(\d+)$/.exec(k);
    const [min, max] = range ? [Number(range[1]), Number(range[2])] : upTo ? [0, Number(upTo[1])] : [NaN, NaN];
    if (!(max > 0) || min > max) return "应写作 KB 范围，如 10-200，或上限，如 40（即 40 KB 以内）";
    s.photos = { ...s.photos, minKB: min, maxKB: max };
    return null;
  },
  照片尺寸: (s, t) => {
    const k = normalizeKey(t).replace(/照片$/, "").replace("1寸", "一寸").replace("2寸", "二寸");
    if (!(k in PHOTO_BOXES)) return "应为“一寸”（295×413 像素）或“二寸”（413×579 像素）";
    s.photos = { ...s.photos, size: k as PhotoBox };
    return null;
  },
};

export const SETTING_KEYS = Object.keys(KEYS);

function credit(s: Settings, t: string, level: Level): string | null {
  if (t === "") return null;
  const n = Number(t);
  if (!Number.isFinite(n) || n <= 0) return "应为正数（学分），不设则留空";
  s.creditThresholds = { ...s.creditThresholds, [level]: n };
  return null;
}

export interface SettingsRead {
  settings: Settings;
  issues: Issue[];
  /** Where each key's value stands (0-based row), for writing back and for the merge. */
  rows: Map<string, number>;
  table: Table<"key" | "value">;
}

export function readSettings(d: Detected | null): SettingsRead | null {
  if (d === null) return null;
  const t = readTable(SETTINGS_FIELDS, d.grid, d.headerRow, ["key"]);
  const settings = defaultSettings();
  const issues: Issue[] = [];
  const rows = new Map<string, number>();
  // 认定年度 first: 发证年份 defaults to it.
  const ordered = [...t.rows].sort((a, b) => Number(keyOf(t, b) === "认定年度") - Number(keyOf(t, a) === "认定年度"));
  for (const row of ordered) {
    const key = keyOf(t, row);
    const apply = KEYS[key];
    if (!apply) {
      issues.push(fieldIssue(t, row, "key", "SETTING_UNKNOWN", { value: key, choices: SETTING_KEYS.join("、") }));
      continue;
    }
    rows.set(key, row);
    const raw = valueOf(t, row, "value");
    const text = typeof raw === "number" ? String(raw) : cellText(raw);
    if (text === "" && key !== "四级学分要求" && key !== "三级学分要求") continue;
    const problem = apply(settings, text);
    if (problem !== null) issues.push(fieldIssue(t, row, "value", "SETTING_INVALID", { column: key, value: text, expected: problem }));
  }
  return { settings, issues, rows, table: t };
}

function keyOf(t: Table<"key" | "value">, row: number): string {
  return normalizeKey(textOf(t, row, "key"));
}
