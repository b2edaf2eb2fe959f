// The KZ custom functions' logic: thin wrappers over src/domain, as plain functions for tests.
// functions.ts turns a KzError into an Excel error with its message.
import { matchOccupation, type Level } from "../domain/catalogue";
import { formatCertNo } from "../domain/certno";
import { cohortKind, cohortLevels, parseCohort } from "../domain/cohort";
import { courseOutcome, partOutcome } from "../domain/course";
import { allowedLevels, eligibleLevel } from "../domain/eligibility";
import { checkIdNumber, idCheckChar, maskId, sexFromId } from "../domain/idnumber";
import { normalizeKey } from "../domain/normalize";
import { parseScore } from "../domain/score";
import { DEFAULT_GRADE_WORDS, DEFAULT_YEAR } from "../domain/settings";
import { messageFor } from "../domain/messages";

export class KzError extends Error {}

type Cell = string | number | boolean | null | undefined;

const blank = (v: Cell) => v === null || v === undefined || (typeof v === "string" && v.trim() === "");

/** KZ.LEVEL: 3, 4, or the reason no level can be certified. */
export function level(cohort: Cell, occupationCode: Cell, workType: Cell, passedCourses: Cell, assessmentYear?: Cell): number | string {
  const year = blank(assessmentYear) ? DEFAULT_YEAR : Number(assessmentYear);
  if (!Number.isInteger(year)) throw new KzError("认定年度应为四位年份");
  const c = parseCohort(typeof cohort === "boolean" ? null : (cohort ?? null));
  if (c === null) throw new KzError("年级无法识别，应为 2021 或 2021级");
  const m = matchOccupation(String(occupationCode ?? ""), "", String(workType ?? ""));
  if (m.kind !== "ok") throw new KzError("职业编码或工种不在目录中");
  const passed = Number(passedCourses);
  if (!Number.isFinite(passed) || passed < 0) throw new KzError("合格课程数应为非负数");
  const kind = cohortKind(c, year);
  if (kind === "outOfScope") return "否：年级不在认定范围";
  const levels = cohortLevels(kind);
  if (allowedLevels(m.occupation.levels, levels).length === 0) return "否：该职业不设四级";
  const l = eligibleLevel({ occupationLevels: m.occupation.levels, cohortLevels: levels, passedCourses: passed, earnedCredits: 0, creditThresholds: {} });
  return l ?? "否：合格课程不足";
}

/** KZ.COURSE: 通过 / 待补考 / 取消资格 (and 缺成绩 where a score is missing). */
export function course(theory: Cell, practical: Cell, theoryMakeup?: Cell, practicalMakeup?: Cell): string {
  const s = (v: Cell) => {
    const score = parseScore(typeof v === "boolean" ? String(v) : (v ?? null), DEFAULT_GRADE_WORDS);
    if (score.kind === "invalid") throw new KzError(`成绩“${String(v)}”无法识别`);
    return score;
  };
  const outcome = courseOutcome(partOutcome(s(theory), s(makeupOrNull(theoryMakeup))).outcome, partOutcome(s(practical), s(makeupOrNull(practicalMakeup))).outcome);
  return { passed: "通过", failed: "取消资格", pending: "待补考", missing: "缺成绩" }[outcome];
}

const makeupOrNull = (v: Cell): Cell => (blank(v) ? null : v);

/** KZ.IDCHECK: "" when valid, else the reason. */
export function idCheck(id: Cell, sex?: Cell, assessmentYear?: Cell): string {
  if (typeof id === "number") return messageFor("ID_STORED_AS_NUMBER", { value: String(id) });
  const text = normalizeKey(String(id ?? ""));
  if (text === "") return messageFor("ID_MISSING");
  const year = blank(assessmentYear) ? DEFAULT_YEAR : Number(assessmentYear);
  const check = checkIdNumber(text, year);
  const problem = check.problems[0];
  if (problem) return messageFor(problem, { value: check.id, expected: problem === "ID_CHECKSUM" ? idCheckChar(check.id) : check.id.slice(6, 10) });
  const sexText = normalizeKey(String(sex ?? ""));
  if ((sexText === "男" || sexText === "女") && sexFromId(check.id) !== sexText) return messageFor("ID_SEX_MISMATCH", { value: sexText, expected: sexFromId(check.id) });
  return "";
}

/** KZ.MASKID: first 6 + ******** + last 4 by default. */
export function maskIdNumber(id: Cell, lead?: Cell, trail?: Cell): string {
  const text = normalizeKey(String(id ?? "")).toUpperCase();
  return maskId(text, blank(lead) ? 6 : Number(lead), blank(trail) ? 4 : Number(trail));
}

/** KZ.CERTNO: prefix (13) + year (2) + level (1) + serial (6). */
export function certNo(prefix: Cell, year: Cell, levelValue: Cell, serial: Cell): string {
  const l = Number(levelValue);
  if (l !== 3 && l !== 4) throw new KzError("级别应为 3 或 4");
  try {
    return formatCertNo(normalizeKey(String(prefix ?? "")).toUpperCase(), Number(year), l as Level, Number(serial));
  } catch (e) {
    throw new KzError((e as Error).message);
  }
}
