// Per roster row: the identity, cohort, occupation, level and route checks of §1-§4, §7.
import { CATALOGUE, matchOccupation, type Occupation, type Level } from "../domain/catalogue";
import { cohortKind, cohortLevels, parseCohort, type CohortKind } from "../domain/cohort";
import { checkIdNumber, idCheckChar, sexFromId } from "../domain/idnumber";
import { levelName, parseLevel } from "../domain/levels";
import { blocksDecision } from "../domain/messages";
import { isValidPhone } from "../domain/phone";
import type { Settings } from "../domain/settings";
import { normalizeKey } from "../domain/normalize";
import { cellText, isBlank } from "../forms/grid";
import type { Issue } from "../forms/issue";
import type { RosterField } from "../forms/fields";
import { fieldIssue, textOf, valueOf, type Table } from "../forms/table";

export interface RowIdentity {
  row: number;
  name: string;
  sex: string;
  idNumber: string;
  studentId: string;
  cohort: number | null;
  cohortKind: CohortKind | null;
  occupation: Occupation | null;
  occupationCodeText: string;
  workTypeText: string;
  major: string;
  requestedLevel: Level | null;
  competition: boolean;
  issues: Issue[];
}

const COMPETITION = new Set(["竞赛取证", "竞赛", "技能竞赛", "竞赛获证"]);
const COURSEWORK = new Set(["过程化考核", "过程化考核认定", "过程化", "课程考核"]);

export function identityBlocks(id: RowIdentity): boolean {
  return id.issues.some((i) => blocksDecision(i.code));
}

export function checkRow(t: Table<RosterField>, row: number, settings: Settings): RowIdentity {
  const issues: Issue[] = [];
  const at = (field: RosterField, code: Parameters<typeof fieldIssue>[3], params = {}) => issues.push(fieldIssue(t, row, field, code, params));
  const has = (field: RosterField) => t.columns.has(field);

  const name = textOf(t, row, "name");
  if (has("name") && name === "") at("name", "NAME_MISSING");

  const sexText = normalizeKey(textOf(t, row, "sex"));
  const sex = sexText === "男性" ? "男" : sexText === "女性" ? "女" : sexText;
  if (has("sex") && sex === "") at("sex", "SEX_MISSING");
  else if (has("sex") && sex !== "男" && sex !== "女") at("sex", "SEX_INVALID", { value: textOf(t, row, "sex") });

  const idNumber = checkIdentityNumber(t, row, settings, sex, at);

  const studentId = normalizeKey(textOf(t, row, "studentId"));
  if (has("studentId") && studentId === "") at("studentId", "STUDENT_ID_MISSING");

  for (const field of ["department", "major"] as const) {
    if (has(field) && textOf(t, row, field) === "") at(field, "FIELD_MISSING", { column: field === "department" ? "二级学院" : "专业" });
  }

  const { cohort, kind } = checkCohort(t, row, settings, at);
  const occupation = checkOccupation(t, row, at);
  const requestedLevel = checkLevel(t, row, occupation, kind, at);

  const routeText = normalizeKey(textOf(t, row, "route"));
  const competition = COMPETITION.has(routeText);
  if (competition) at("route", "ROUTE_COMPETITION");
  else if (routeText !== "" && !COURSEWORK.has(routeText)) at("route", "ROUTE_INVALID", { value: textOf(t, row, "route") });

  const phone = textOf(t, row, "phone");
  if (phone !== "" && !isValidPhone(normalizeKey(phone))) at("phone", "PHONE_INVALID", { value: phone });

  return {
    row, name, sex, idNumber, studentId, cohort, cohortKind: kind, occupation,
    occupationCodeText: normalizeKey(textOf(t, row, "occupationCode")), workTypeText: normalizeKey(textOf(t, row, "workType")),
    major: textOf(t, row, "major"), requestedLevel, competition, issues,
  };
}

type At = (field: RosterField, code: Parameters<typeof fieldIssue>[3], params?: Parameters<typeof fieldIssue>[4]) => void;

/** §7: returns the ID number as it should read (upper-case X), or the digits of a number cell. */
function checkIdentityNumber(t: Table<RosterField>, row: number, settings: Settings, sex: string, at: At): string {
  if (!t.columns.has("idNumber")) return "";
  const raw = valueOf(t, row, "idNumber");
  if (isBlank(raw)) {
    at("idNumber", "ID_MISSING");
    return "";
  }
  if (typeof raw === "number") {
    // What Excel shows for it: 15 significant digits, the rest already zeros.
    const shown = cellText(Number(raw.toPrecision(15)));
    at("idNumber", "ID_STORED_AS_NUMBER", { value: shown });
    return shown;
  }
  const text = normalizeKey(cellText(raw));
  const check = checkIdNumber(text, settings.assessmentYear);
  if (check.lowercaseX) at("idNumber", "ID_LOWERCASE_X");
  for (const problem of check.problems) {
    at("idNumber", problem, {
      value: check.id,
      expected: problem === "ID_CHECKSUM" ? idCheckChar(check.id) : problem === "ID_BIRTH_YEAR_RANGE" ? check.id.slice(6, 10) : undefined,
    });
  }
  if (check.problems.length === 0 && (sex === "男" || sex === "女") && sexFromId(check.id) !== sex) {
    at("sex", "ID_SEX_MISMATCH", { value: sex, expected: sexFromId(check.id) });
  }
  return check.id;
}

/** §1 */
function checkCohort(t: Table<RosterField>, row: number, settings: Settings, at: At): { cohort: number | null; kind: CohortKind | null } {
  if (!t.columns.has("cohort")) return { cohort: null, kind: null };
  const raw = valueOf(t, row, "cohort");
  if (isBlank(raw)) {
    at("cohort", "COHORT_MISSING");
    return { cohort: null, kind: null };
  }
  const cohort = parseCohort(raw);
  if (cohort === null) {
    at("cohort", "COHORT_INVALID", { value: cellText(raw) });
    return { cohort: null, kind: null };
  }
  const kind = cohortKind(cohort, settings.assessmentYear);
  if (kind === "outOfScope") {
    const y = settings.assessmentYear;
    at("cohort", "COHORT_OUT_OF_SCOPE", { value: cellText(raw), expected: `${y - 1}级（二年级）和 ${y - 2}级（应届毕业生）` });
  }
  return { cohort, kind };
}

/** §3 */
function checkOccupation(t: Table<RosterField>, row: number, at: At): Occupation | null {
  const code = textOf(t, row, "occupationCode");
  const name = textOf(t, row, "occupationName");
  const workType = textOf(t, row, "workType");
  if (t.columns.has("occupationCode") && code === "") {
    at("occupationCode", "OCCUPATION_CODE_MISSING");
    return null;
  }
  // No code column (one error on the header already): the occupation is found by its name.
  const byName = t.columns.has("occupationCode") ? code : CATALOGUE.find((o) => o.name === normalizeKey(name))?.code;
  if (byName === undefined) {
    if (name !== "") at("occupationName", "OCCUPATION_NAME_UNKNOWN", { value: name });
    return null;
  }
  const m = matchOccupation(byName, name, workType);
  switch (m.kind) {
    case "unknownCode":
      at("occupationCode", "OCCUPATION_CODE_UNKNOWN", { value: code });
      return null;
    case "nameMismatch":
      at("occupationName", "OCCUPATION_NAME_MISMATCH", { value: name, expected: m.expected });
      return null;
    case "workTypeRequired":
      at("workType", "WORK_TYPE_REQUIRED", { choices: m.choices.join("、") });
      return null;
    case "workTypeUnknown":
      at("workType", "WORK_TYPE_UNKNOWN", { value: workType, choices: m.choices.join("、") });
      return null;
    case "ok":
      if (t.columns.has("occupationName") && name === "") {
        at("occupationName", "OCCUPATION_NAME_MISSING", { expected: m.occupation.name });
        return null;
      }
      if (m.workTypeAssumed) at("workType", "WORK_TYPE_ASSUMED", { expected: m.occupation.workType });
      return m.occupation;
  }
}

/** §4 */
function checkLevel(t: Table<RosterField>, row: number, occupation: Occupation | null, kind: CohortKind | null, at: At): Level | null {
  const raw = valueOf(t, row, "requestedLevel");
  const parsed = parseLevel(typeof raw === "string" || typeof raw === "number" ? raw : raw === null ? null : cellText(raw));
  const offered = occupation ? occupation.levels.map(levelName).join("、") : "";
  const secondYearOnlyThree = kind === "secondYear" && occupation !== null && !occupation.levels.includes(4);
  if (secondYearOnlyThree) at("occupationCode", "OCCUPATION_NOT_FOR_COHORT", { expected: offered });
  if (parsed.kind === "blank") {
    if (t.columns.has("requestedLevel")) at("requestedLevel", "LEVEL_MISSING");
    return null;
  }
  if (parsed.kind === "invalid") {
    at("requestedLevel", "LEVEL_INVALID", { value: cellText(raw) });
    return null;
  }
  const level = parsed.level;
  if (occupation && !occupation.levels.includes(level)) at("requestedLevel", "LEVEL_NOT_OFFERED", { value: levelName(level), expected: offered });
  else if (kind === "secondYear" && level === 3 && !secondYearOnlyThree) at("requestedLevel", "LEVEL_NOT_FOR_COHORT");
  return level;
}

export function cohortAllows(kind: CohortKind | null): readonly Level[] {
  return kind === null ? [] : cohortLevels(kind);
}
