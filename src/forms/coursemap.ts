// forms.md C: the course map, which courses count for which occupation (+ work type, + major).
import { CATALOGUE, matchOccupation, occupationKey, type Occupation } from "../domain/catalogue";
import { normalizeKey } from "../domain/normalize";
import type { Detected } from "./detect";
import { MAP_FIELDS } from "./fields";
import { cellText } from "./grid";
import type { Issue } from "./issue";
import { fieldIssue, missingColumnIssues, readTable, textOf, valueOf } from "./table";

export interface MappedCourse {
  key: string;
  name: string;
  /** 0 where the map gives none. */
  credits: number;
}

export interface CourseMap {
  sheet: string;
  hasMajor: boolean;
  /** occupationKey -> major key ("" = every major) -> courses, in map order. */
  byOccupation: Map<string, Map<string, MappedCourse[]>>;
  issues: Issue[];
}

/** Resolve a map row's occupation by code, or by name where the map has no code column. */
function resolve(code: string, name: string, workType: string): Occupation | null {
  const byCode = code !== "" ? code : CATALOGUE.find((o) => o.name === normalizeKey(name))?.code ?? "";
  const m = matchOccupation(byCode, name, workType);
  return m.kind === "ok" ? m.occupation : null;
}

export function readCourseMap(d: Detected): CourseMap {
  const t = readTable(MAP_FIELDS, d.grid, d.headerRow, ["course"]);
  const issues = missingColumnIssues(t, MAP_FIELDS, ["course"], "课程对照表");
  const byOccupation = new Map<string, Map<string, MappedCourse[]>>();
  for (const row of t.rows) {
    const code = textOf(t, row, "occupationCode");
    const name = textOf(t, row, "occupationName");
    const occupation = resolve(code, name, textOf(t, row, "workType"));
    if (occupation === null) {
      issues.push(fieldIssue(t, row, code ? "occupationCode" : "occupationName", "MAP_ROW_INVALID", {
        value: [code, name, textOf(t, row, "workType")].filter(Boolean).join(" "),
      }));
      continue;
    }
    const course = textOf(t, row, "course");
    const credits = Number(cellText(valueOf(t, row, "credits")));
    const majors = byOccupation.get(occupationKey(occupation)) ?? new Map<string, MappedCourse[]>();
    const major = normalizeKey(textOf(t, row, "major"));
    const list = majors.get(major) ?? [];
    if (!list.some((c) => c.key === normalizeKey(course))) {
      list.push({ key: normalizeKey(course), name: course, credits: Number.isFinite(credits) ? credits : 0 });
    }
    majors.set(major, list);
    byOccupation.set(occupationKey(occupation), majors);
  }
  return { sheet: t.sheet, hasMajor: t.columns.has("major"), byOccupation, issues };
}

/** §5: the related courses of an occupation (and major, where the map has a major column). */
export function relatedCourses(map: CourseMap, occupation: Occupation, major: string): MappedCourse[] {
  const majors = map.byOccupation.get(occupationKey(occupation));
  if (!majors) return [];
  const all = majors.get("") ?? [];
  if (!map.hasMajor) return all;
  const own = majors.get(normalizeKey(major)) ?? [];
  return [...all, ...own.filter((c) => !all.some((a) => a.key === c.key))];
}
