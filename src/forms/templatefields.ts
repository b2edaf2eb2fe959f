// The fields of an upload template (考生信息导入模板, 合格人员名册) and the header spellings the
// evaluation systems and city centres use for them. Data, like the roster's table in fields.ts.
import type { FieldSpec } from "./fields";

export type TemplateField =
  | "seq" | "name" | "sex" | "idType" | "idNumber" | "birthDate" | "ethnicity" | "education" | "phone" | "studentId"
  | "department" | "major" | "className" | "cohort" | "occupationCode" | "occupationName" | "workType" | "level"
  | "route" | "source" | "certificateNo" | "issueDate" | "result";

export const TEMPLATE_FIELDS: readonly FieldSpec<TemplateField>[] = [
  { field: "seq", label: "序号", spellings: ["序号", "编号"] },
  { field: "name", label: "姓名", spellings: ["姓名", "考生姓名", "学员姓名", "学生姓名"] },
  { field: "sex", label: "性别", spellings: ["性别"] },
  { field: "idType", label: "证件类型", spellings: ["证件类型", "证件类别", "证件种类"] },
  { field: "idNumber", label: "证件号码", spellings: ["证件号码", "证件号", "身份证号", "身份证号码", "公民身份号码", "身份证件号码"] },
  { field: "birthDate", label: "出生日期", spellings: ["出生日期", "出生年月", "出生年月日"] },
  { field: "ethnicity", label: "民族", spellings: ["民族"] },
  { field: "education", label: "文化程度", spellings: ["文化程度", "学历"] },
  { field: "phone", label: "联系电话", spellings: ["联系电话", "手机号码", "手机号", "电话", "联系方式"] },
  { field: "studentId", label: "学号", spellings: ["学号"] },
  { field: "department", label: "院系", spellings: ["院系", "二级学院", "二级学院（部）", "学院", "系部", "所在院系"] },
  { field: "major", label: "专业", spellings: ["专业", "专业名称", "所学专业"] },
  { field: "className", label: "班级", spellings: ["班级"] },
  { field: "cohort", label: "年级", spellings: ["年级", "入学年份", "入学年级", "入学年度"] },
  { field: "occupationCode", label: "职业编码", spellings: ["职业编码", "职业代码", "职业编号"] },
  { field: "occupationName", label: "职业名称", spellings: ["职业名称", "申报职业", "职业"] },
  { field: "workType", label: "工种", spellings: ["工种", "职业方向", "工种/职业方向", "工种（职业方向）", "申报工种"] },
  { field: "level", label: "申报级别", spellings: ["申报级别", "申报等级", "认定级别", "认定等级", "等级", "级别", "技能等级"] },
  { field: "route", label: "认定方式", spellings: ["认定方式", "评价方式", "鉴定方式"] },
  { field: "source", label: "考生来源", spellings: ["考生来源", "人员类别", "考生类别", "考生类型", "人员类型"] },
  { field: "certificateNo", label: "证书编号", spellings: ["证书编号", "证书号", "证书号码"] },
  { field: "issueDate", label: "发证日期", spellings: ["发证日期", "发证时间"] },
  { field: "result", label: "认定结果", spellings: ["认定结果", "鉴定结果", "评价结果"] },
];

/** Fields written as text whatever the column's format: long digit strings Excel would spoil as numbers. */
export const TEXT_FIELDS: ReadonlySet<TemplateField> = new Set(["idNumber", "phone", "studentId", "occupationCode", "certificateNo"]);

/** Fields that hold a date. */
export const DATE_FIELDS: ReadonlySet<TemplateField> = new Set(["birthDate", "issueDate"]);
