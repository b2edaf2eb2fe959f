// `kezheng template`: blank official forms to fill (roster, grade register, course map, settings),
// with drop-down lists, text-formatted ID and student-number columns, and header notes.
import { CATALOGUE } from "../domain/catalogue";
import { defaultSettings } from "../domain/settings";
import { GRADE_FIELDS, MAP_FIELDS, ROSTER_FIELDS, ROSTER_REQUIRED } from "./fields";
import { columnLetter } from "./grid";
import { cell, type SheetSpec } from "./sheetspec";

const LISTS = "选项";
const ROWS = 1000;

const HEADER_NOTES: Record<string, string> = {
  身份证号: "18 位公民身份号码，末位可为 X。本列已设为文本格式，请勿改为数字，否则 Excel 会丢失后几位。",
  学号: "成绩登记册按学号对应到本表；本列为文本格式。",
  年级: "入学年级，如 2021 或 2021级。认定年度 2023：2022级（二年级）只能认定四级，2021级（应届）可认定三级或四级。",
  职业编码: "通知第四部分所列编码，如 4-04-05-01；可从下拉列表选择。",
  工种: "保健按摩师（4-10-04-02）必须填写工种；其他职业按目录，无工种的留空。",
  申报级别: "三级/高级工 或 四级/中级工；留空则按可认定的最高级别判断。",
  认定方式: "过程化考核（默认）或 竞赛取证（由认定中心人工审核）。",
};

export function templateSheets(assessmentYear = defaultSettings().assessmentYear): SheetSpec[] {
  const s = defaultSettings(assessmentYear);
  const codes = [...new Set(CATALOGUE.map((o) => o.code))];
  const names = [...new Set(CATALOGUE.map((o) => o.name))];
  const types = CATALOGUE.map((o) => o.workType).filter(Boolean);
  const longest = Math.max(codes.length, names.length, types.length);
  const lists: SheetSpec = {
    name: LISTS, hidden: true, merges: [], widths: [12, 20, 20, 14, 10, 14],
    rows: [
      ["职业编码", "职业名称", "工种", "申报级别", "性别", "认定方式"].map((h) => cell(h, "header")),
      ...Array.from({ length: longest }, (_, i) => [
        cell(codes[i] ?? null), cell(names[i] ?? null), cell(types[i] ?? null),
        cell(["三级/高级工", "四级/中级工"][i] ?? null), cell(["男", "女"][i] ?? null), cell(["过程化考核", "竞赛取证"][i] ?? null),
      ]),
    ],
  };
  const list = (col: number, n: number) => `'${LISTS}'!$${columnLetter(col)}$2:$${columnLetter(col)}$${n + 1}`;
  const rosterFields = ROSTER_FIELDS.filter((f) => f.field !== "certificateNo" && f.field !== "remarks");
  const header = rosterFields.map((f) => f.label === "工种/职业方向" ? "工种" : f.label);
  const colOf = (label: string) => header.indexOf(label);
  const range = (label: string) => `${columnLetter(colOf(label))}2:${columnLetter(colOf(label))}${ROWS}`;
  const roster: SheetSpec = {
    name: "花名册", merges: [], widths: header.map((h) => (h === "身份证号" ? 21 : h.length > 3 ? 14 : 10)),
    rows: [header.map((h) => cell(h, "header"))],
    freeze: { rows: 1, cols: 0 },
    textColumns: ["身份证号", "学号", "联系电话"].map(colOf),
    validations: [
      { range: range("性别"), source: list(4, 2) },
      { range: range("职业编码"), source: list(0, codes.length) },
      { range: range("职业名称"), source: list(1, names.length) },
      { range: range("工种"), source: list(2, types.length) },
      { range: range("申报级别"), source: list(3, 2) },
      { range: range("认定方式"), source: list(5, 2) },
      { range: range("年级"), source: `"${assessmentYear - 1}级,${assessmentYear - 2}级"` },
    ],
    notes: header.filter((h) => HEADER_NOTES[h]).map((h) => ({ cell: `${columnLetter(colOf(h))}1`, text: HEADER_NOTES[h] })),
  };
  const required = new Set(ROSTER_REQUIRED.map((f) => ROSTER_FIELDS.find((x) => x.field === f)?.label));
  roster.notes?.push({ cell: "B1", text: `必填列：${[...required].join("、")}。` });
  const grades: SheetSpec = {
    name: "成绩登记册", merges: [], widths: [14, 10, 24, 10, 10, 10, 10, 8], freeze: { rows: 1, cols: 0 }, textColumns: [0],
    rows: [["studentId", "name", "course", "theory", "practical", "theoryMakeup", "practicalMakeup", "credits"].map((f) => cell(GRADE_FIELDS.find((x) => x.field === f)?.label ?? f, "header"))],
    notes: [{ cell: "D1", text: "0-100 的分数，或 优秀/良好/中等/及格/不及格、缺考、缓考。初次不及格的，补考成绩填在“补考”列。" }],
  };
  const map: SheetSpec = {
    name: "课程对照表", merges: [], widths: [12, 18, 16, 18, 24, 8], freeze: { rows: 1, cols: 0 },
    rows: [["occupationCode", "occupationName", "workType", "major", "course", "credits"].map((f) => cell(MAP_FIELDS.find((x) => x.field === f)?.label ?? f, "header"))],
    validations: [{ range: `A2:A${ROWS}`, source: list(0, codes.length) }, { range: `B2:B${ROWS}`, source: list(1, names.length) }, { range: `C2:C${ROWS}`, source: list(2, types.length) }],
    notes: [{ cell: "E1", text: "每个职业（工种）的相关课程各占一行；专业列可留空（对所有专业适用）。" }],
  };
  const settings: SheetSpec = {
    name: "设置", merges: [], widths: [16, 24],
    rows: [
      [cell("项目", "header"), cell("值", "header")],
      ...([["认定年度", assessmentYear], ["学校名称", s.schoolName], ["补考不及格处理", "取消资格"], ["四级学分要求", null], ["三级学分要求", null],
        ["证书编号前缀", null], ["发证年份", assessmentYear], ["公示身份证格式", "6+4"],
        ["照片命名", "身份证号"], ["照片大小", "10-200"], ["照片尺寸", "一寸"]] as const).map(([k, v]) => [cell(k), cell(v)]),
    ],
    validations: [{ range: "B4", source: `"取消资格,该课程不计"` }, { range: "B10", source: `"身份证号,姓名_身份证号,学号"` }, { range: "B12", source: `"一寸,二寸"` }],
    notes: [
      { cell: "B4", text: "取消资格：补考仍不及格即取消认定资格（通知五（六）2）；该课程不计：只该课程不计入合格课程。" },
      { cell: "B10", text: "kezheng photos -o 输出照片的文件名：身份证号（41010120020101022X.jpg）、姓名_身份证号 或 学号。" },
      { cell: "B11", text: "照片文件大小的范围（KB），如 10-200；只写一个数如 40 即“40 KB 以内”。超过上限的照片输出时自动压缩。" },
      { cell: "B12", text: "一寸 295×413 像素，二寸 413×579 像素；较大的照片输出时按比例缩小，不放大、不裁剪。" },
    ],
  };
  return [roster, grades, map, settings, lists];
}
