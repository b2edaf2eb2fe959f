// Synthetic department workbooks: made-up people with valid ID numbers, laid out in any way
// forms.md allows, optionally with every kind of defect the checker finds. Used by
// `kezheng demo`, the benchmarks and the tests. Deterministic for a seed.
import { CATALOGUE, type Level, type Occupation } from "../domain/catalogue";
import { idCheckChar } from "../domain/idnumber";
import { GRADE_FIELDS, MAP_FIELDS, ROSTER_FIELDS, type FieldSpec, type RosterField } from "../forms/fields";
import type { CellValue } from "../forms/grid";

export interface SheetData {
  name: string;
  rows: CellValue[][];
  /** A1 ranges, e.g. "A1:N1". */
  merges: string[];
  /** 0-based columns to store as text (ID numbers, student numbers). */
  textColumns?: number[];
}

export interface Layout {
  /** Title rows above the roster's header (merged across it). */
  titleRows: number;
  /** Which spelling of each header: 0 = the first in forms.md, 1 = the second where there is one, … */
  spelling: number;
  shuffle: boolean;
  grades: "long" | "wide" | "tall";
  footer: boolean;
  blankRows: boolean;
  /** Full-width digits in some numeric text cells, grade words in some scores. */
  messyValues: boolean;
}

export const PLAIN_LAYOUT: Layout = { titleRows: 0, spelling: 0, shuffle: false, grades: "long", footer: false, blankRows: false, messyValues: false };

export interface SyntheticOptions {
  seed?: number;
  applicants: number;
  assessmentYear?: number;
  occupations?: readonly Occupation[];
  layout?: Partial<Layout>;
  /** Plant one of each defect kind on the first rows (see DEFECTS). */
  defects?: boolean;
  /** Probability that a score part passes at the first attempt. */
  passRate?: number;
  department?: string;
}

export const COURSE_SUFFIXES = ["基础", "原理", "实务", "技术", "实训", "安全规范", "综合实践", "职业素养", "法律法规", "案例分析"];

/** A small deterministic PRNG (mulberry32). */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤";
const GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华玉萍红娥玲芬燕彬鹏辉斌宇浩凯健俊帆帅旭宁琳晨欣怡佳悦瑶梦雪婷倩露颖";
const DEPARTMENTS = ["信息工程学院", "机电工程学院", "汽车工程学院", "医学院", "教育学院", "经济管理学院", "艺术设计学院", "农牧学院", "建筑工程学院"];
const AREAS = ["410102", "410105", "411602", "411621", "411622", "411623", "411625", "411627", "411628", "411681"];

export function courseNames(o: Occupation): string[] {
  return COURSE_SUFFIXES.map((s) => (o.workType || o.name) + s);
}

export function makeIdNumber(rand: () => number, birthYear: number, male: boolean): string {
  const area = AREAS[Math.floor(rand() * AREAS.length)];
  const month = String(1 + Math.floor(rand() * 12)).padStart(2, "0");
  const day = String(1 + Math.floor(rand() * 28)).padStart(2, "0");
  const order = String(Math.floor(rand() * 100)).padStart(2, "0");
  const sexDigit = 2 * Math.floor(rand() * 5) + (male ? 1 : 0);
  const first17 = `${area}${birthYear}${month}${day}${order}${sexDigit}`;
  return first17 + idCheckChar(first17);
}

export interface Person {
  name: string;
  sex: "男" | "女";
  idNumber: CellValue;
  studentId: string;
  cohort: CellValue;
  department: string;
  major: string;
  className: string;
  occupation: Occupation;
  occupationCode: CellValue;
  occupationName: CellValue;
  workType: CellValue;
  requestedLevel: CellValue;
  route: CellValue;
  phone: CellValue;
  /** Course -> [theory, practical, theoryMakeup, practicalMakeup]. */
  scores: Map<string, CellValue[]>;
}

function score(rand: () => number, passRate: number): { first: number; makeup: number | null } {
  const pass = () => 60 + Math.floor(rand() * 41);
  const fail = () => 30 + Math.floor(rand() * 30);
  if (rand() < passRate) return { first: pass(), makeup: null };
  const r = rand();
  if (r < 0.5) return { first: fail(), makeup: null };
  if (r < 0.97) return { first: fail(), makeup: pass() };
  return { first: fail(), makeup: fail() };
}

export function syntheticPeople(opts: SyntheticOptions): Person[] {
  const rand = prng(opts.seed ?? 1);
  const year = opts.assessmentYear ?? 2023;
  const occupations = opts.occupations ?? CATALOGUE;
  const passRate = opts.passRate ?? 0.85;
  const people: Person[] = [];
  for (let i = 0; i < opts.applicants; i++) {
    const occupation = occupations[i % occupations.length];
    const graduating = occupation.levels.includes(4) ? rand() < 0.5 : true;
    const cohort = graduating ? year - 2 : year - 1;
    const male = rand() < 0.5;
    const allowed: Level[] = graduating ? occupation.levels.slice() : [4];
    const requested = allowed[Math.floor(rand() * allowed.length)];
    const scores = new Map<string, CellValue[]>();
    for (const course of courseNames(occupation)) {
      const t = score(rand, passRate);
      const p = score(rand, passRate);
      scores.set(course, [t.first, p.first, t.makeup, p.makeup]);
    }
    people.push({
      name: SURNAMES[Math.floor(rand() * SURNAMES.length)] + GIVEN[Math.floor(rand() * GIVEN.length)] + (rand() < 0.5 ? GIVEN[Math.floor(rand() * GIVEN.length)] : ""),
      sex: male ? "男" : "女",
      idNumber: makeIdNumber(rand, cohort - 18 - Math.floor(rand() * 3), male),
      studentId: `${cohort}${String(i + 1).padStart(6, "0")}`,
      cohort,
      department: opts.department ?? DEPARTMENTS[i % DEPARTMENTS.length],
      major: `${occupation.name}专业`,
      className: `${String(cohort).slice(2)}级${1 + (i % 4)}班`,
      occupation,
      occupationCode: occupation.code,
      occupationName: occupation.name,
      workType: occupation.workType || null,
      requestedLevel: requested,
      route: null,
      phone: `1${3 + Math.floor(rand() * 6)}${String(Math.floor(rand() * 1e9)).padStart(9, "0")}`,
      scores,
    });
  }
  return people;
}

/**
 * One of each defect the checker finds, planted on the first rows of a roster (needs at least 24
 * applicants). Each entry says what it does; the tests and the demo rely on these.
 */
export const DEFECTS: { code: string; plant: (p: Person[], i: number, year: number) => void }[] = [
  { code: "ID_CHECKSUM", plant: (p, i) => { const id = String(p[i].idNumber); p[i].idNumber = id.slice(0, 17) + (id[17] === "0" ? "1" : "0"); } },
  { code: "ID_STORED_AS_NUMBER", plant: (p, i) => { p[i].idNumber = Number(String(p[i].idNumber).slice(0, 17)) * 10; } },
  { code: "ID_15_DIGIT", plant: (p, i) => { const id = String(p[i].idNumber); p[i].idNumber = id.slice(0, 6) + id.slice(8, 17); } },
  { code: "ID_SEX_MISMATCH", plant: (p, i) => { p[i].sex = p[i].sex === "男" ? "女" : "男"; } },
  { code: "OCCUPATION_CODE_UNKNOWN", plant: (p, i) => { p[i].occupationCode = "4-04-05-09"; } },
  { code: "OCCUPATION_NAME_MISMATCH", plant: (p, i) => { p[i].occupationName = p[i].occupation.name === "电工" ? "保育师" : "电工"; } },
  { code: "WORK_TYPE_REQUIRED", plant: (p, i) => { const o = CATALOGUE.find((c) => c.workType === "足部按摩师") as Occupation; p[i].occupation = o; p[i].occupationCode = o.code; p[i].occupationName = o.name; p[i].workType = null; } },
  { code: "COHORT_OUT_OF_SCOPE", plant: (p, i, y) => { p[i].cohort = y - 3; } },
  { code: "LEVEL_NOT_FOR_COHORT", plant: (p, i, y) => { const o = CATALOGUE.find((c) => c.name === "计算机程序设计员") as Occupation; Object.assign(p[i], { occupation: o, occupationCode: o.code, occupationName: o.name, workType: null, cohort: y - 1, requestedLevel: 3 }); } },
  { code: "LEVEL_INVALID", plant: (p, i) => { p[i].requestedLevel = "五级"; } },
  { code: "ID_DUPLICATE", plant: (p, i) => { Object.assign(p[i], { ...p[i - 1], scores: p[i - 1].scores, studentId: p[i - 1].studentId }); } },
  { code: "NAME_MISSING", plant: (p, i) => { p[i].name = ""; } },
  { code: "ROUTE_COMPETITION", plant: (p, i) => { p[i].route = "竞赛取证"; } },
  { code: "PHONE_INVALID", plant: (p, i) => { p[i].phone = "0394-8888888"; } },
  { code: "SCORE_INVALID", plant: (p, i) => { const [c, s] = [...p[i].scores][0]; p[i].scores.set(c, ["良加", s[1], null, null]); } },
  { code: "SCORE_ABSENT", plant: (p, i) => { const [c, s] = [...p[i].scores][1]; p[i].scores.set(c, [s[0], "缺考", null, null]); } },
  { code: "SCORE_MAKEUP_IGNORED", plant: (p, i) => { const [c] = [...p[i].scores][2]; p[i].scores.set(c, [75, 80, 90, null]); } },
  { code: "SCORE_FAILED_AFTER_MAKEUP", plant: (p, i) => { const [c] = [...p[i].scores][3]; p[i].scores.set(c, [40, 80, 50, null]); } },
  { code: "WORK_TYPE_ASSUMED", plant: (p, i) => { const o = CATALOGUE.find((c) => c.workType === "网商") as Occupation; Object.assign(p[i], { occupation: o, occupationCode: o.code, occupationName: o.name, workType: null }); } },
  { code: "STUDENT_ID_DUPLICATE", plant: (p, i) => { p[i].studentId = p[i - 1].studentId; } },
  { code: "SCORE_PENDING_MAKEUP", plant: (p, i) => { const [c] = [...p[i].scores][4]; p[i].scores.set(c, [45, 70, null, null]); } },
  { code: "LEVEL_MISSING", plant: (p, i) => { p[i].requestedLevel = null; } },
];

function pick<F extends string>(fields: readonly FieldSpec<F>[], field: F, spelling: number): string {
  const s = (fields.find((f) => f.field === field) as FieldSpec<F>).spellings;
  return s[Math.min(spelling, s.length - 1)];
}

const FULL_WIDTH = (s: string) => s.replace(/[0-9]/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0));

function colName(c: number): string {
  let s = "";
  for (let n = c + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

export interface Department {
  people: Person[];
  sheets: SheetData[];
}

export function syntheticDepartment(opts: SyntheticOptions): Department {
  const layout: Layout = { ...PLAIN_LAYOUT, ...opts.layout };
  const rand = prng((opts.seed ?? 1) ^ 0x5bd1e995);
  const year = opts.assessmentYear ?? 2023;
  const people = syntheticPeople(opts);
  if (opts.defects && people.length <= DEFECTS.length) throw new RangeError(`planting every defect needs more than ${DEFECTS.length} applicants`);
  if (opts.defects) DEFECTS.forEach((d, k) => d.plant(people, k + 1, year));
  const occupations = [...new Set(people.map((p) => p.occupation))];
  return { people, sheets: [rosterSheet(people, layout, rand), gradeSheet(people, occupations, layout, rand), mapSheet(occupations, layout)] };
}

const ROSTER_COLUMNS: RosterField[] = [
  "seq", "name", "sex", "idNumber", "studentId", "cohort", "department", "major", "className",
  "occupationCode", "occupationName", "workType", "requestedLevel", "route", "phone",
];

function rosterSheet(people: Person[], layout: Layout, rand: () => number): SheetData {
  const columns = layout.shuffle ? shuffled(ROSTER_COLUMNS, rand) : ROSTER_COLUMNS;
  const rows: CellValue[][] = [];
  const merges: string[] = [];
  const last = colName(columns.length - 1);
  for (let t = 0; t < layout.titleRows; t++) {
    rows.push([t === 0 ? "周口职业技术学院毕业生职业技能等级认定申报人员花名册" : "二级学院（盖章）：            填表日期：2023年11月"]);
    merges.push(`A${t + 1}:${last}${t + 1}`);
  }
  rows.push(columns.map((f) => pick(ROSTER_FIELDS, f, layout.spelling)));
  people.forEach((p, i) => {
    if (layout.blankRows && i > 0 && i % 17 === 0) rows.push([]);
    const messy = layout.messyValues && i % 3 === 1;
    const values: Record<RosterField, CellValue> = {
      seq: i + 1, name: p.name, sex: p.sex, idNumber: p.idNumber, studentId: p.studentId,
      cohort: messy && typeof p.cohort === "number" ? `${String(p.cohort).slice(2)}级` : p.cohort,
      department: p.department, major: p.major, className: p.className,
      occupationCode: p.occupationCode, occupationName: p.occupationName, workType: p.workType,
      requestedLevel: messy && typeof p.requestedLevel === "number" ? (p.requestedLevel === 3 ? "三级/高级工" : FULL_WIDTH("4")) : p.requestedLevel,
      route: p.route, phone: p.phone, certificateNo: null, remarks: null,
    };
    rows.push(columns.map((f) => values[f]));
  });
  if (layout.footer) rows.push([], ["制表人：张老师", null, null, "审核人：李主任"]);
  const text = ["idNumber", "studentId", "phone"].map((f) => columns.indexOf(f as RosterField));
  return { name: "花名册", rows, merges, textColumns: text };
}

function gradeSheet(people: Person[], occupations: Occupation[], layout: Layout, rand: () => number): SheetData {
  const messy = (v: CellValue, k: number): CellValue => {
    if (!layout.messyValues || typeof v !== "number") return v;
    if (k % 11 === 3) return FULL_WIDTH(String(v));
    if (k % 13 === 5) return `${v}分`;
    if (k % 17 === 7 && v >= 95) return "优秀";
    return v;
  };
  if (layout.grades === "wide") {
    const courses = occupations.flatMap(courseNames);
    const top: CellValue[] = [pick(GRADE_FIELDS, "studentId", 0), "姓名"];
    const sub: CellValue[] = [null, null];
    const merges = ["A1:A2", "B1:B2"];
    courses.forEach((c, k) => {
      top.push(c, null, null, null);
      sub.push("理论", "实操", "理论补考", "实操补考");
      merges.push(`${colName(2 + 4 * k)}1:${colName(5 + 4 * k)}1`);
    });
    const rows: CellValue[][] = [top, sub];
    let k = 0;
    for (const p of people) {
      const row: CellValue[] = [p.studentId, p.name];
      for (const c of courses) row.push(...(p.scores.get(c) ?? [null, null, null, null]).map((v) => messy(v, k++)));
      rows.push(row);
    }
    return { name: "成绩登记册", rows, merges, textColumns: [0] };
  }
  if (layout.grades === "tall") return tallSheet(people, layout, rand, messy);
  const header = ["studentId", "name", "course", "theory", "practical", "theoryMakeup", "practicalMakeup", "credits"] as const;
  const order = layout.shuffle ? shuffled([...header], rand) : [...header];
  const rows: CellValue[][] = [];
  const merges: string[] = [];
  if (layout.titleRows > 0) {
    rows.push(["课程考核成绩登记册"]);
    merges.push(`A1:${colName(order.length - 1)}1`);
  }
  rows.push(order.map((f) => pick(GRADE_FIELDS, f, layout.spelling)));
  let k = 0;
  const seen = new Set<string>();
  for (const p of people) {
    if (seen.has(p.studentId + p.occupation.code + p.occupation.workType)) continue;
    seen.add(p.studentId + p.occupation.code + p.occupation.workType);
    for (const [course, s] of p.scores) {
      const v: Record<(typeof header)[number], CellValue> = {
        studentId: p.studentId, name: p.name, course, theory: messy(s[0], k++), practical: messy(s[1], k++),
        theoryMakeup: s[2], practicalMakeup: s[3], credits: 4,
      };
      rows.push(order.map((f) => v[f]));
    }
  }
  if (layout.footer) rows.push([], ["制表人：王老师"]);
  return { name: "成绩登记册", rows, merges, textColumns: [order.indexOf("studentId")] };
}

/** A 教务系统 export (forms.md B, tall): one score per row, with its item and sitting. */
function tallSheet(people: Person[], layout: Layout, rand: () => number, messy: (v: CellValue, k: number) => CellValue): SheetData {
  const spell = (choices: string[]) => choices[layout.spelling % choices.length];
  const header = ["学年", "学期", pick(GRADE_FIELDS, "studentId", layout.spelling), "姓名", spell(["课程代码", "课程编号"]), pick(GRADE_FIELDS, "course", layout.spelling), "学分",
    spell(["成绩分项", "考核项目", "成绩类型"]), spell(["考试性质", "考试类型", "成绩性质"]), spell(["成绩", "分数", "成绩值"])];
  const items = { theory: spell(["理论", "理论考试", "笔试"]), practical: spell(["实操", "技能操作", "实训"]) };
  const sittings = { first: spell(["正常考试", "正考", "初考"]), makeup: spell(["补考", "补考一"]) };
  const records: CellValue[][] = [];
  let k = 0;
  const seen = new Set<string>();
  for (const p of people) {
    if (seen.has(p.studentId + p.occupation.code + p.occupation.workType)) continue;
    seen.add(p.studentId + p.occupation.code + p.occupation.workType);
    let n = 0;
    for (const [course, s] of p.scores) {
      const code = `KC${String(1000 + (n++ % 90)).padStart(4, "0")}`;
      const parts: [CellValue, string, string][] = [[s[0], items.theory, sittings.first], [s[1], items.practical, sittings.first], [s[2], items.theory, sittings.makeup], [s[3], items.practical, sittings.makeup]];
      for (const [v, item, sitting] of parts) {
        if (v === null || v === undefined) continue;
        records.push(["2023-2024", n % 2 ? "1" : "2", p.studentId, p.name, code, course, 4, item, sitting, messy(v, k++)]);
      }
    }
  }
  const rows: CellValue[][] = [header, ...(layout.shuffle ? shuffled(records, rand) : records)];
  if (layout.footer) rows.push([], ["制表人：教务处"]);
  return { name: "成绩导出", rows, merges: [], textColumns: [2] };
}

function mapSheet(occupations: Occupation[], layout: Layout): SheetData {
  const header = ["occupationCode", "occupationName", "workType", "course", "credits"] as const;
  const rows: CellValue[][] = [header.map((f) => pick(MAP_FIELDS, f, layout.spelling))];
  for (const o of occupations) for (const c of courseNames(o)) rows.push([o.code, o.name, o.workType || null, c, 4]);
  return { name: "课程对照表", rows, merges: [] };
}

function shuffled<T>(items: T[], rand: () => number): T[] {
  const out = items.slice();
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}
