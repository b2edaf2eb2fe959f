// forms.md: the fields of each form and the header spellings that name them.
import { normalizeKey } from "../domain/normalize";

export interface FieldSpec<F extends string> {
  field: F;
  /** The official column title, used in messages and written forms. */
  label: string;
  spellings: readonly string[];
}

const ID_SPELLINGS = ["身份证号", "身份证号码", "公民身份号码", "证件号码"] as const;

export type RosterField =
  | "seq" | "name" | "sex" | "idNumber" | "studentId" | "cohort" | "department" | "major" | "className"
  | "occupationCode" | "occupationName" | "workType" | "requestedLevel" | "route" | "phone" | "certificateNo" | "remarks";

export const ROSTER_FIELDS: readonly FieldSpec<RosterField>[] = [
  { field: "seq", label: "序号", spellings: ["序号", "编号"] },
  { field: "name", label: "姓名", spellings: ["姓名"] },
  { field: "sex", label: "性别", spellings: ["性别"] },
  { field: "idNumber", label: "身份证号", spellings: ID_SPELLINGS },
  { field: "studentId", label: "学号", spellings: ["学号"] },
  { field: "cohort", label: "年级", spellings: ["年级", "入学年级", "入学年份"] },
  { field: "department", label: "二级学院", spellings: ["二级学院", "二级学院（部）", "院系", "学院"] },
  { field: "major", label: "专业", spellings: ["专业", "专业名称"] },
  { field: "className", label: "班级", spellings: ["班级"] },
  { field: "occupationCode", label: "职业编码", spellings: ["职业编码", "职业编号", "职业代码"] },
  { field: "occupationName", label: "职业名称", spellings: ["职业名称", "职业", "申报职业"] },
  { field: "workType", label: "工种/职业方向", spellings: ["工种", "职业方向", "工种/职业方向", "工种（职业方向）"] },
  { field: "requestedLevel", label: "申报级别", spellings: ["申报级别", "申报等级", "级别", "等级"] },
  { field: "route", label: "认定方式", spellings: ["认定方式"] },
  { field: "phone", label: "联系电话", spellings: ["联系电话", "手机号", "手机号码", "电话"] },
  { field: "certificateNo", label: "证书编号", spellings: ["证书编号"] },
  { field: "remarks", label: "备注", spellings: ["备注"] },
];

/** forms.md A: required columns (work type is checked by the rules of §3, level is a warning). */
export const ROSTER_REQUIRED: readonly RosterField[] = [
  "name", "sex", "idNumber", "studentId", "cohort", "department", "major", "occupationCode", "occupationName",
];

export type GradeField =
  | "studentId" | "idNumber" | "name" | "course" | "theory" | "practical" | "theoryMakeup" | "practicalMakeup" | "makeup" | "credits";

export const GRADE_FIELDS: readonly FieldSpec<GradeField>[] = [
  { field: "studentId", label: "学号", spellings: ["学号"] },
  { field: "idNumber", label: "身份证号", spellings: ID_SPELLINGS },
  { field: "name", label: "姓名", spellings: ["姓名"] },
  { field: "course", label: "课程名称", spellings: ["课程名称", "课程"] },
  { field: "theory", label: "理论成绩", spellings: ["理论成绩", "理论", "理论考试", "理论考试成绩"] },
  { field: "practical", label: "实操成绩", spellings: ["实操成绩", "实操", "技能操作", "技能操作考核", "实操考核", "实操考核成绩"] },
  { field: "theoryMakeup", label: "理论补考", spellings: ["理论补考", "补考理论", "理论补考成绩"] },
  { field: "practicalMakeup", label: "实操补考", spellings: ["实操补考", "补考实操", "实操补考成绩"] },
  { field: "makeup", label: "补考成绩", spellings: ["补考成绩", "补考"] },
  { field: "credits", label: "学分", spellings: ["学分"] },
];

export type TallField = GradeField | "code" | "term" | "item" | "sitting" | "score";

/** The tall layout (教务系统 exports): one score per row, with its item and sitting (forms.md B). */
export const TALL_FIELDS: readonly FieldSpec<TallField>[] = [
  ...GRADE_FIELDS.filter((f) => !["theory", "practical", "theoryMakeup", "practicalMakeup", "makeup"].includes(f.field)),
  { field: "code", label: "课程代码", spellings: ["课程代码", "课程编号", "课程号"] },
  { field: "term", label: "学期", spellings: ["学年", "学期", "开课学期", "学年学期"] },
  { field: "item", label: "成绩分项", spellings: ["成绩分项", "考核项目", "考核内容", "成绩类型", "考核方式"] },
  { field: "sitting", label: "考试性质", spellings: ["考试性质", "考试类型", "成绩性质", "修读方式"] },
  { field: "score", label: "成绩", spellings: ["成绩", "分数", "成绩值", "总成绩"] },
];

/** Values of the item column: which part a tall row's score is. */
export const TALL_ITEMS: Record<"theory" | "practical" | "total", readonly string[]> = {
  theory: ["理论", "理论考试", "理论知识", "笔试", "理论成绩"],
  practical: ["实操", "技能操作", "技能考核", "技能实操", "实践", "实训", "操作", "实操成绩"],
  total: ["总评", "总评成绩", "总成绩"],
};

/** Values of the sitting column. */
export const TALL_SITTINGS: Record<"first" | "makeup" | "retake" | "deferred", readonly string[]> = {
  first: ["正常考试", "正考", "初考", "首考", "正常"],
  makeup: ["补考", "补考一"],
  retake: ["重修"],
  deferred: ["缓考"],
};

export type MapField = "occupationCode" | "occupationName" | "workType" | "major" | "course" | "credits";

export const MAP_FIELDS: readonly FieldSpec<MapField>[] = [
  { field: "occupationCode", label: "职业编码", spellings: ["职业编码", "职业编号", "职业代码"] },
  { field: "occupationName", label: "职业名称", spellings: ["职业名称", "职业"] },
  { field: "workType", label: "工种", spellings: ["工种", "职业方向", "工种/职业方向", "工种（职业方向）"] },
  { field: "major", label: "专业", spellings: ["专业", "专业名称"] },
  { field: "course", label: "课程名称", spellings: ["课程名称", "课程"] },
  { field: "credits", label: "学分", spellings: ["学分"] },
];

export type SettingsField = "key" | "value";

export const SETTINGS_FIELDS: readonly FieldSpec<SettingsField>[] = [
  { field: "key", label: "项目", spellings: ["项目"] },
  { field: "value", label: "值", spellings: ["值"] },
];

export type PlanField = "occupationCode" | "occupationName" | "workType" | "level" | "count" | "submitted" | "assessment";

export const PLAN_FIELDS: readonly FieldSpec<PlanField>[] = [
  { field: "occupationCode", label: "职业编码", spellings: ["职业编码", "职业编号", "职业代码"] },
  { field: "occupationName", label: "职业名称", spellings: ["职业名称", "职业"] },
  { field: "workType", label: "工种", spellings: ["工种", "职业方向", "工种/职业方向", "工种（职业方向）"] },
  { field: "level", label: "级别", spellings: ["级别", "等级", "申报级别"] },
  { field: "count", label: "人数", spellings: ["人数", "认定人数", "计划人数"] },
  { field: "submitted", label: "计划提交日期", spellings: ["计划提交日期", "提交日期"] },
  { field: "assessment", label: "认定日期", spellings: ["认定日期", "考核日期"] },
];

/** forms.md: the header text with spaces and a trailing bracketed note removed, `*` marks dropped. */
export function headerKey(text: string): string {
  return normalizeKey(text).replace(/^\*+|\*+$/g, "");
}

function stripNote(key: string): string {
  return key.replace(/[（(][^（()）]*[)）]$/, "");
}

/** Which field a header cell names: exact spelling first, then the spelling before a bracketed note. */
export function matchField<F extends string>(fields: readonly FieldSpec<F>[], text: string): F | null {
  const key = headerKey(text);
  if (key === "") return null;
  for (const spec of fields) if (spec.spellings.includes(key)) return spec.field;
  const bare = stripNote(key);
  if (bare !== key) for (const spec of fields) if (spec.spellings.includes(bare)) return spec.field;
  return null;
}


