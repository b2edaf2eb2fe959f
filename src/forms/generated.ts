// forms.md "What is written back" 3: the eight generated sheets, as SheetSpecs.
import { occupationKey, occupationLabel } from "../domain/catalogue";
import { STATUS_LABELS, STATUSES } from "../domain/eligibility";
import { maskId } from "../domain/idnumber";
import { levelName } from "../domain/levels";
import { a1, columnLetter, type CellValue } from "./grid";
import { columnBreaks, DEFAULT_CAP, fitWidth, neededWidth } from "./layout";
import { canBePutForward, type OutputApplicant, type OutputContext } from "./output";
import { boxColumnWidth, boxRowHeight, EMU_PER_MM, EMU_PER_PT, EMU_PER_PX, PHOTO_MM, photoKey } from "./photobox";
import { cell, deferred, formula, type SheetPicture, type SheetSpec, type SpecCell } from "./sheetspec";

export const GENERATED_SHEETS = ["备案表", "申报人员花名册", "认定计划", "上报数据", "成绩确认表", "获证人员汇总表", "公示名单", "认定统计", "督导汇总", "归档清单"] as const;

const level = (l: number | null) => (l === 3 || l === 4 ? levelName(l) : "");
const occName = (a: OutputApplicant) => (a.occupation ? a.occupation.name : a.occupationName);
const occType = (a: OutputApplicant) => (a.occupation ? a.occupation.workType : a.workType);

interface TableOptions {
  title: string;
  subtitle?: string;
  headers: string[];
  rows: CellValue[][];
  widths: number[];
  /** The widest a column grows to before its values wrap (forms/layout.ts). */
  caps?: number[];
  landscape?: boolean;
  /** The columns the title and subtitle are merged across (default: the whole table). */
  titleSpan?: [number, number];
  /** Repeat only the header row on every page, not the title and subtitle. */
  repeatHeaderOnly?: boolean;
}

/** A titled table: title and subtitle merged across, header row frozen and repeated on every page.
 * Its body is made when the sheet is written (a school's tables have tens of thousands of rows). */
function tableSheet(name: string, t: TableOptions): SheetSpec {
  const last = t.headers.length - 1;
  const [from, to] = t.titleSpan ?? [0, last];
  const lead = Array.from({ length: from }, () => null);
  const top: (SpecCell | null)[][] = [[...lead, cell(t.title, "title")]];
  const merges = [`${columnLetter(from)}1:${columnLetter(to)}1`];
  if (t.subtitle) {
    top.push([...lead, cell(t.subtitle, "subtitle")]);
    merges.push(`${columnLetter(from)}2:${columnLetter(to)}2`);
  }
  top.push(t.headers.map((h) => cell(h, "header")));
  const headerRow = top.length;
  const spec: SheetSpec = {
    name, rows: top, merges, widths: t.widths, caps: t.caps, freeze: { rows: headerRow, cols: 0 },
    print: { landscape: t.landscape ?? last > 8, titleRows: [t.repeatHeaderOnly ? headerRow : 1, headerRow], fitToWidth: true, gridLines: true, pageNumbers: true, lastCol: last },
  };
  // Bodies unstyled, gridlines printed: a table of 50,000 rows stays quick to write and open. A
  // value longer than its column may grow (its cap) wraps, and the layout makes its row taller.
  const caps = t.widths.map((w, c) => Math.max(w, t.caps?.[c] ?? DEFAULT_CAP));
  // (A string of n characters is at most 2n + 1.5 wide: most are not measured.)
  const body = (r: CellValue[]) => r.map((v, c) => (typeof v === "string" && v.length * 2 + 1.5 > (caps[c] ?? DEFAULT_CAP) && neededWidth({ value: v }) > (caps[c] ?? DEFAULT_CAP) ? cell(v, "wrap") : cell(v)));
  if (t.rows.length < 1000) {
    for (const r of t.rows) spec.rows.push(body(r));
    return spec;
  }
  return deferred(spec, top.length + t.rows.length, ["title", "subtitle", "header", "wrap"], () => [...top, ...t.rows.map(body)]);
}

export function rosterSheet(list: readonly OutputApplicant[], ctx: OutputContext, withSource = false): SheetSpec {
  const put = list.filter(canBePutForward);
  const headers = ["序号", "姓名", "性别", "身份证号", "学号", "年级", "二级学院", "专业", "班级", "职业编码", "职业名称", "工种/职业方向", "申报级别", "认定级别", "联系电话", ...(withSource ? ["来源"] : [])];
  return tableSheet("申报人员花名册", {
    title: `${ctx.schoolName}毕业生职业技能等级认定申报人员花名册`,
    subtitle: `认定年度：${ctx.assessmentYear}　　共 ${put.length} 人`,
    headers,
    rows: put.map((a, i) => [i + 1, a.name, a.sex, a.idNumber, a.studentId, a.cohort ? `${a.cohort}级` : "", a.department, a.major, a.className,
      a.occupationCode, occName(a), occType(a), level(a.requestedLevel), level(a.eligibleLevel), a.phone, ...(withSource ? [a.source ?? ""] : [])]),
    widths: [6, 10, 6, 21, 14, 8, 16, 18, 12, 12, 18, 18, 14, 14, 14, ...(withSource ? [24] : [])],
  });
}

export function publicNoticeSheet(list: readonly OutputApplicant[], ctx: OutputContext): SheetSpec {
  const put = list.filter(canBePutForward);
  return tableSheet("公示名单", {
    title: `${ctx.schoolName}职业技能等级认定拟认定人员公示名单`,
    subtitle: `认定年度：${ctx.assessmentYear}　　公示期内如有异议，请向学院职业技能等级认定中心反映`,
    headers: ["序号", "姓名", "性别", "身份证号", "二级学院", "专业", "职业名称", "工种/职业方向", "认定级别"],
    rows: put.map((a, i) => [i + 1, a.name, a.sex, maskId(a.idNumber, ctx.mask.lead, ctx.mask.trail), a.department, a.major, occName(a), occType(a), level(a.eligibleLevel)]),
    widths: [6, 10, 6, 21, 16, 18, 18, 18, 14],
  });
}

export function certifiedSheet(list: readonly OutputApplicant[], ctx: OutputContext, withSource = false): SheetSpec {
  const put = list.filter(canBePutForward);
  return tableSheet("获证人员汇总表", {
    title: `${ctx.schoolName}职业技能等级自主认定获证人员汇总表`,
    subtitle: `认定年度：${ctx.assessmentYear}　　共 ${put.length} 人`,
    headers: ["序号", "姓名", "性别", "身份证号", "二级学院", "职业编码", "职业名称", "工种/职业方向", "认定级别", "证书编号", ...(withSource ? ["来源"] : [])],
    rows: put.map((a, i) => [i + 1, a.name, a.sex, a.idNumber, a.department, a.occupationCode, occName(a), occType(a), level(a.eligibleLevel), a.certificateNo, ...(withSource ? [a.source ?? ""] : [])]),
    widths: [6, 10, 6, 21, 16, 12, 18, 18, 14, 26, ...(withSource ? [30] : [])],
  });
}

/** The header of the summary's 汇总情况: no department's sheet has it (how a summary saved without our mark is known). */
export const SUMMARY_HEADERS = ["文件", "二级学院", "是否汇总", "申报人数", "错误数", "说明"] as const;

/** The centre's summary: the school-wide sheets, with each applicant's source file and department. */
export function schoolSheets(list: readonly OutputApplicant[], ctx: OutputContext, files: { file: string; merged: boolean; reason?: string; applicants: number; errors: number; department: string }[]): SheetSpec[] {
  const status = tableSheet("汇总情况", {
    title: `${ctx.schoolName}职业技能等级认定汇总情况`, subtitle: `认定年度：${ctx.assessmentYear}　　${files.filter((f) => f.merged).length} 个文件已汇总，${files.filter((f) => !f.merged).length} 个未汇总`,
    headers: [...SUMMARY_HEADERS],
    rows: files.map((f) => [f.file, f.department, f.merged ? "已汇总" : "未汇总", f.applicants, f.errors, f.reason ?? (f.errors > 0 ? "有错误，请该学院按检查结果修改后重新报送" : "")]),
    widths: [30, 20, 10, 10, 8, 60],
  });
  return [status, rosterSheet(list, ctx, true), certifiedSheet(list, ctx, true), publicNoticeSheet(list, ctx), statisticsSheet(list, ctx), planSheet(list, ctx), ...(ctx.supervision ? [supervisionSheet(ctx.supervision, ctx)] : []), archiveSheet(list, ctx)];
}

interface Group {
  code: string;
  name: string;
  workType: string;
  level: number;
  count: number;
  key: string;
}

function groupsByOccupationAndLevel(list: readonly OutputApplicant[]): Group[] {
  const groups = new Map<string, Group>();
  for (const a of list.filter(canBePutForward)) {
    if (!a.occupation || a.eligibleLevel === null) continue;
    const key = `${occupationKey(a.occupation)}#${a.eligibleLevel}`;
    const g = groups.get(key) ?? { code: a.occupation.code, name: a.occupation.name, workType: a.occupation.workType, level: a.eligibleLevel, count: 0, key };
    g.count++;
    groups.set(key, g);
  }
  return [...groups.values()].sort((x, y) => x.code.localeCompare(y.code) || x.workType.localeCompare(y.workType) || x.level - y.level);
}

export function planSheet(list: readonly OutputApplicant[], ctx: OutputContext): SheetSpec {
  const groups = groupsByOccupationAndLevel(list);
  const spec = tableSheet("认定计划", {
    title: `${ctx.schoolName}职业技能等级认定计划`,
    subtitle: "计划须在认定日期前至少 10 天提交周口市职业技能鉴定中心（通知五（一））",
    headers: ["职业编码", "职业名称", "工种", "级别", "人数", "计划提交日期", "认定日期", "提前天数", "检查"],
    rows: [],
    widths: [12, 18, 16, 14, 8, 14, 14, 10, 22],
  });
  for (const g of groups) {
    const r = spec.rows.length;
    const dates = ctx.planDates?.get(g.key);
    const gap = dates?.submitted instanceof Date && dates.assessment instanceof Date ? Math.round((dates.assessment.getTime() - dates.submitted.getTime()) / 86400000) : null;
    const f = a1(r, 5), gCell = a1(r, 6), h = a1(r, 7);
    spec.rows.push([
      cell(g.code, "cell"), cell(g.name, "cell"), cell(g.workType, "cell"), cell(levelName(g.level as 3 | 4), "cell"), cell(g.count, "cell"),
      cell(dates?.submitted ?? null, "date"), cell(dates?.assessment ?? null, "date"),
      formula(`IF(AND(ISNUMBER(${gCell}),ISNUMBER(${f})),${gCell}-${f},"")`, gap ?? "", "cell"),
      formula(`IF(${h}="","请填写两个日期",IF(${h}>=10,"符合（提前 "&${h}&" 天）","不足 10 天，须调整"))`, gap === null ? "请填写两个日期" : gap >= 10 ? `符合（提前 ${gap} 天）` : "不足 10 天，须调整", "cell"),
    ]);
  }
  return spec;
}

/** The effective score of a part: the first score, or the makeup where the first failed and a makeup exists. */
function effective(first: CellValue, makeup: CellValue): CellValue {
  return typeof first === "number" && first < 60 && makeup !== null ? makeup : first;
}

/** 上报数据: what the exam certification system takes, one row per applicant put forward. */
export function uploadSheet(list: readonly OutputApplicant[], ctx: OutputContext): SheetSpec {
  const put = list.filter(canBePutForward);
  const most = Math.max(0, ...put.map((a) => a.courses.length));
  const headers = ["序号", "姓名", "身份证号", "职业编码", "职业名称", "工种", "认定级别", "合格课程数"];
  for (let k = 1; k <= most; k++) headers.push(`课程${k}`, `理论${k}`, `实操${k}`);
  const groups = groupsByOccupationAndLevel(list);
  const rows = put.map((a, i) => [
    i + 1, a.name, a.idNumber, a.occupationCode, occName(a), occType(a), level(a.eligibleLevel), a.passedCourses,
    ...a.courses.flatMap((c) => [c.name, effective(c.theory, c.theoryMakeup), effective(c.practical, c.practicalMakeup)]),
  ]);
  // Widths as the layout will make them (the longest value, capped), known now to place the page breaks.
  const least = [6, 8, 20, 11, 12, 10, 12, 8, ...Array.from({ length: most }, () => [16, 6, 6]).flat()];
  const caps = least.map((w, c) => (c < 8 ? Math.max(w, 24) : (c - 8) % 3 === 0 ? 26 : w));
  const widths = least.map((w, c) => {
    let need = 0;
    for (const r of rows) need = Math.max(need, neededWidth({ value: r[c] ?? null }));
    return fitWidth(w, caps[c], need);
  });
  // Too wide for a page at a legible size: A4 landscape at full size, a course's three columns kept
  // together, 序号、姓名、身份证号 repeated at the left of every page. The title stands over the first
  // page's other columns, so the repeated columns do not print pieces of it on the later pages.
  const breaks = columnBreaks(widths, 3, 8, 3, UPLOAD_PAGE_POINTS);
  const spec = tableSheet("上报数据", {
    title: `${ctx.schoolName}职业技能等级认定上报数据`,
    subtitle: `认定年度：${ctx.assessmentYear}　　${groups.map((g, i) => `${i + 1}. ${g.name}${g.workType ? `（${g.workType}）` : ""}${levelName(g.level as 3 | 4)} ${g.count} 人`).join("；")}　　成绩含补考`,
    headers, rows, widths, caps, landscape: true, titleSpan: [3, Math.max(3, (breaks[0] ?? widths.length) - 1)], repeatHeaderOnly: true,
  });
  spec.print = { ...(spec.print as NonNullable<SheetSpec["print"]>), fitToWidth: false, titleCols: [0, 2], colBreaks: breaks };
  return spec;
}

/** Points of an A4 landscape page's width between 0.5-inch margins, less a tenth for engines that draw wider. */
const UPLOAD_PAGE_POINTS = (11.69 - 1) * 72 * 0.9;

export function statisticsSheet(list: readonly OutputApplicant[], ctx: OutputContext): SheetSpec {
  const statuses = STATUSES.filter((s) => list.some((a) => a.status === s));
  const departments = [...new Set(list.map((a) => a.department || "（未填）"))].sort((x, y) => x.localeCompare(y, "zh-CN"));
  const rows: (SpecCell | null)[][] = [[cell(`${ctx.schoolName}职业技能等级认定统计`, "title")], [cell(`认定年度：${ctx.assessmentYear}　　申报共 ${list.length} 人`, "subtitle")]];
  rows.push([cell("一、按二级学院与认定状态", "label")]);
  rows.push([cell("二级学院", "header"), ...statuses.map((s) => cell(STATUS_LABELS[s], "header")), cell("合计", "header")]);
  for (const d of departments) {
    const mine = list.filter((a) => (a.department || "（未填）") === d);
    rows.push([cell(d, "cell"), ...statuses.map((s) => cell(mine.filter((a) => a.status === s).length, "cell")), cell(mine.length, "cell")]);
  }
  rows.push([]);
  rows.push([cell("二、按职业（工种）与可认定级别", "label")]);
  const occHeader = rows.length;
  rows.push(["职业（工种）", "三级/高级工", "四级/中级工", "暂不能认定", "合计"].map((h) => cell(h, "header")));
  const labels = [...new Set(list.map((a) => (a.occupation ? occupationLabel(a.occupation) : a.occupationCode || "（未填）")))].sort((x, y) => x.localeCompare(y, "zh-CN"));
  for (const l of labels) {
    const mine = list.filter((a) => (a.occupation ? occupationLabel(a.occupation) : a.occupationCode || "（未填）") === l);
    const l3 = mine.filter((a) => a.eligibleLevel === 3).length;
    const l4 = mine.filter((a) => a.eligibleLevel === 4).length;
    rows.push([cell(l, "cell"), cell(l3, "cell"), cell(l4, "cell"), cell(mine.length - l3 - l4, "cell"), cell(mine.length, "cell")]);
  }
  const first = occHeader + 2, lastRow = rows.length;
  rows.push([]);
  rows.push([cell("三、按二级学院、职业（工种）、可认定级别与状态", "label")]);
  rows.push(["二级学院", "职业（工种）", "可认定级别", "认定状态", "人数"].map((h) => cell(h, "header")));
  const combos = new Map<string, number>();
  for (const a of list) {
    const k = [a.department || "（未填）", a.occupation ? occupationLabel(a.occupation) : a.occupationCode || "（未填）", level(a.eligibleLevel) || "—", STATUS_LABELS[a.status]].join("\t");
    combos.set(k, (combos.get(k) ?? 0) + 1);
  }
  for (const [k, n] of [...combos].sort(([x], [y]) => x.localeCompare(y, "zh-CN"))) rows.push([...k.split("\t").map((v) => cell(v, "cell")), cell(n, "cell")]);
  const width = Math.max(statuses.length + 2, 5);
  return {
    name: "认定统计", rows, merges: [`A1:${columnLetter(width - 1)}1`, `A2:${columnLetter(width - 1)}2`],
    widths: [24, ...Array(width - 1).fill(12)], caps: [32, 30],
    // The chart on a page of its own: split by a page's foot, its labels would print under the footer.
    print: { landscape: true, fitToWidth: true, pageNumbers: true, rowBreaks: labels.length === 0 ? [] : [rows.length + 1], lastCol: width - 1 },
    chart: labels.length === 0 ? undefined : {
      title: "各职业（工种）可认定人数",
      categories: `A${first}:A${lastRow}`,
      series: [{ name: "三级/高级工", values: `B${first}:B${lastRow}` }, { name: "四级/中级工", values: `C${first}:C${lastRow}` }],
      // Below the tables, across their width, on a page of its own: a row below the page break, as
      // LibreOffice prints an object that touches a page's foot on that page too.
      anchor: { fromRow: rows.length + 2, toRow: rows.length + 21, fromCol: 0, toCol: width - 1 },
    },
  };
}

function filingNote(pages: number): string {
  const sheets = Math.max(1, Math.ceil(pages / FILING_PAGES_PER_SHEET));
  if (sheets === 1) return `工作表“备案表”，${pages} 份，每份打印两份`;
  return `工作表“备案表”至“${filingSheetName(sheets - 1)}”，共 ${pages} 份（Excel 每张工作表至多 1,023 个分页符，故每张至多 ${FILING_PAGES_PER_SHEET} 份），每份打印两份`;
}

export function archiveSheet(list: readonly OutputApplicant[], ctx: OutputContext): SheetSpec {
  const put = list.filter(canBePutForward);
  const withoutCert = put.filter((a) => a.certificateNo === "").length;
  const rows: CellValue[][] = [
    [1, "职业技能等级认定备案表（一式两份）", "已生成", filingNote(filingApplicants(list).length)],
    [2, "职业技能等级认定申报人员花名册", "已生成", "工作表“申报人员花名册”"],
    [3, "各职业（工种）相关课程考核成绩登记册复印件", ctx.archive.gradeRegister ? "有" : "缺", `${ctx.archive.gradeRegister ? `工作表“${ctx.archive.gradeRegister}”` : "本工作簿中没有成绩登记册"}；学生本人签字确认的成绩：工作表“成绩确认表”`],
    [4, "职业技能等级自主认定合格人员证书编号", withoutCert === 0 && put.length > 0 ? "有" : "缺", withoutCert === 0 ? "全部已填写" : `${withoutCert} 人尚无证书编号（由认定中心汇总时分配）`],
    [5, "职业技能等级自主认定获证人员汇总表", "已生成", "工作表“获证人员汇总表”"],
    [6, "内部质量督导报告", ctx.archive.supervisionReport ? "有" : "缺", ctx.supervision ? "督导组所需数据见工作表“督导汇总”；报告由内部质量督导组签字后提交" : ctx.archive.supervisionReport ? `工作表“${ctx.archive.supervisionReport}”` : "由学院内部质量督导组另行提交"],
  ];
  return tableSheet("归档清单", {
    title: `${ctx.schoolName}职业技能等级认定资料归档清单`, subtitle: "通知七：认定结束后应及时收集归档的六项材料",
    headers: ["序号", "材料", "状态", "说明"], rows, widths: [6, 40, 8, 44],
  });
}

/** Columns of a 备案表 page: three label/value pairs, then the photo box (G). */
const FILING_COLS = 7;
const PHOTO_COL = 6;
/** Rows of a page the photo box spans: the five identity rows, below its label 照片. */
const PHOTO_ROWS = 5;
const FILING_ROW_HEIGHT = 22;
/** The page prints at full size, so the photo box is 照片尺寸 on paper (a printed photo is pasted into
 * it): the columns stop growing where the page's width between 0.3-inch margins is used up (longer
 * values wrap; the labels fit), the box column is the photo's width. */
const FILING_SIDE_MARGINS = 0.3;
const FILING_CAPS = (box: number) => [10.5, 21.5, 12.5, 14, 15, Math.max(7, 13 - Math.max(0, box - 13.5)), box];

/** Excel keeps at most 1,023 manual page breaks on a sheet: the 备案表 is split into sheets of at
 * most this many pages (备案表, 备案表（2）, ...). */
export const FILING_PAGES_PER_SHEET = 1000;

/** The name of the k-th (0-based) 备案表 sheet. */
export const filingSheetName = (k: number) => (k === 0 ? "备案表" : `备案表（${k + 1}）`);

/** Who gets a 备案表 page: applicants who can be put forward, and competition-route ones for review. */
export const filingApplicants = <T extends Pick<OutputApplicant, "status">>(list: readonly T[]) => list.filter((x) => canBePutForward(x) || x.status === "review");

const FILING_STYLES = ["titleAcross", "subtitleAcross", "label", "box", "boxCenter", "header", "note"] as const;

/** 备案表: one A4 page per applicant, page breaks between, 一式两份 printed on it, at most
 * FILING_PAGES_PER_SHEET pages a sheet. Titles are centred across the page without merged cells:
 * thousands of merges make every host slow (the photo box is the one merge a page). At the top
 * right of every page a box of 照片尺寸 labelled 照片: the applicant's photo where there is one
 * (a picture the host places, sheet.pictures), else it reads 贴照片处. Pages are made when written. */
export function filingSheets(list: readonly OutputApplicant[], ctx: OutputContext): SheetSpec[] {
  const all = filingApplicants(list);
  const parts: OutputApplicant[][] = [];
  for (let i = 0; i < all.length; i += FILING_PAGES_PER_SHEET) parts.push(all.slice(i, i + FILING_PAGES_PER_SHEET));
  if (parts.length === 0) parts.push([]);
  const size = ctx.photos?.size ?? "一寸";
  const boxWidth = boxColumnWidth(size);
  const boxHeight = boxRowHeight(size, PHOTO_ROWS, FILING_ROW_HEIGHT);
  const photo = PHOTO_MM[size];
  const [cx, cy] = [photo.width * EMU_PER_MM, photo.height * EMU_PER_MM];
  // Centred in the box (column and rows at their least size: a row that grows only adds room below).
  const dx = Math.max(0, Math.round(((boxWidth * 7 + 5) * EMU_PER_PX - cx) / 2));
  const dy = Math.max(0, Math.round((boxHeight * PHOTO_ROWS * EMU_PER_PT - cy) / 2));
  return parts.map((part, k) => {
    const breaks: number[] = [];
    const merges: string[] = [];
    const pictures: SheetPicture[] = [];
    const leastHeights = new Map<number, number>();
    const placed: boolean[] = [];
    let at = 0;
    for (const a of part) {
      const top = at + 2;
      merges.push(`${columnLetter(PHOTO_COL)}${top + 1}:${columnLetter(PHOTO_COL)}${top + PHOTO_ROWS}`);
      if (boxHeight > FILING_ROW_HEIGHT) for (let r = top; r < top + PHOTO_ROWS; r++) leastHeights.set(r, boxHeight);
      const key = ctx.photos && a.idNumber ? photoKey(a.idNumber) : "";
      placed.push(!!key && !!ctx.photos?.keys.has(key));
      if (placed[placed.length - 1]) pictures.push({ key, row: top, col: PHOTO_COL, dx, dy, cx, cy });
      breaks.push((at += FILING_FIXED_ROWS + a.courses.length));
    }
    breaks.pop();
    const spec: SheetSpec = {
      name: filingSheetName(k), rows: [], merges, widths: [10, 20, 10, 12, 12, 10, boxWidth], caps: FILING_CAPS(boxWidth), rowHeight: FILING_ROW_HEIGHT,
      print: { landscape: false, fitToWidth: true, rowBreaks: breaks, lastCol: FILING_COLS - 1, sideMargins: FILING_SIDE_MARGINS },
      ...(leastHeights.size ? { leastHeights } : {}), ...(pictures.length ? { pictures } : {}),
    };
    return deferred(spec, at, [...FILING_STYLES], () => filingPages(part, ctx, placed));
  });
}

/** Rows of a page besides its courses: title, subtitle, 5 identity rows, course header, 4 signature rows. */
const FILING_FIXED_ROWS = 12;

function filingPages(part: readonly OutputApplicant[], ctx: OutputContext, placed: readonly boolean[]): (SpecCell | null)[][] {
  const rows: (SpecCell | null)[][] = [];
  const across = (text: string, style: "titleAcross" | "subtitleAcross", cols: number) => [cell(text, style), ...Array.from({ length: cols - 1 }, () => cell(null, style))];
  const pair = (...kv: CellValue[]) => kv.map((v, i) => cell(v, i % 2 === 0 ? "label" : "box"));
  // The box: its first cell reads 贴照片处 where no photo is placed; the rest of the merge is bordered.
  const box = (p: number, r: number) => (r === 0 ? cell(placed[p] ? null : "贴照片处", "boxCenter") : cell(null, "boxCenter"));
  part.forEach((a, p) => {
    rows.push(across("职业技能等级认定备案表", "titleAcross", FILING_COLS));
    rows.push([...across(`${ctx.schoolName}　　${ctx.assessmentYear} 年度　　（一式两份）`, "subtitleAcross", FILING_COLS - 1), cell("照片", "header")]);
    rows.push([...pair("姓名", a.name, "性别", a.sex, "学号", a.studentId), box(p, 0)]);
    rows.push([...pair("身份证号", a.idNumber, "出生日期", a.idNumber.length === 18 ? `${a.idNumber.slice(6, 10)}-${a.idNumber.slice(10, 12)}-${a.idNumber.slice(12, 14)}` : "", "年级", a.cohort ? `${a.cohort}级` : ""), box(p, 1)]);
    rows.push([...pair("二级学院", a.department, "专业", a.major, "班级", a.className), box(p, 2)]);
    rows.push([...pair("职业编码", a.occupationCode, "职业名称", occName(a), "工种", occType(a)), box(p, 3)]);
    rows.push([...pair("申报级别", level(a.requestedLevel), "可认定等级", level(a.eligibleLevel) || STATUS_LABELS[a.status], "合格相关课程", a.passedCourses), box(p, 4)]);
    rows.push(["序号", "课程名称", "理论成绩", "实操成绩", "补考（理论/实操）", "结果"].map((h) => cell(h, "header")));
    a.courses.forEach((c, i) => {
      const makeup = [c.theoryMakeup, c.practicalMakeup].map((v) => (v === null ? "" : String(v))).join(" / ").replace(/^ \/ $/, "");
      rows.push([i + 1, c.name, c.theory, c.practical, makeup, c.outcome].map((v, k) => cell(v, k === 1 ? "box" : "boxCenter")));
    });
    rows.push([]);
    rows.push([cell("辅导员签字：", "note"), null, cell("二级学院（盖章）：", "note"), null, cell("认定中心（盖章）：", "note"), null]);
    rows.push([]);
    rows.push([cell("年　　月　　日", "note"), null, cell("年　　月　　日", "note"), null, cell("年　　月　　日", "note"), null]);
  });
  return rows;
}

/** Blocks (classes) a 成绩确认表 sheet holds at most: one page break each, under Excel's 1,023. */
export const CONFIRM_CLASSES_PER_SHEET = 1000;

const CONFIRM_COLS = 8;
const CONFIRM_STYLES = ["title", "header", "label", "box", "boxCenter", "note"] as const;

/** A course's result as the student reads it: 电工基础 理论 61 / 实操 89（补考 …）合格. */
function courseLine(c: OutputApplicant["courses"][number]): string {
  const v = (x: CellValue) => (x === null || x === "" ? "—" : String(x));
  const makeup = c.theoryMakeup !== null || c.practicalMakeup !== null ? `（补考 理论 ${v(c.theoryMakeup)} / 实操 ${v(c.practicalMakeup)}）` : "";
  return `${c.name}：理论 ${v(c.theory)} / 实操 ${v(c.practical)}${makeup} ${c.outcome}`;
}

/**
 * 成绩确认表 (notice 五(六)4: results are published to the students for confirmation before filing):
 * a block per class (班级, else 专业), a row per applicant with the related courses' results, the
 * count, the level or why there is none, and a column to sign; no ID numbers (it goes round a
 * class). A4 landscape, title and header repeated on every page, a page break after each class.
 */
export function confirmationSheets(list: readonly OutputApplicant[], ctx: OutputContext): SheetSpec[] {
  const groupOf = (a: OutputApplicant) => a.className || a.major || "（未填班级）";
  const classes = [...new Set(list.map(groupOf))].sort((x, y) => x.localeCompare(y, "zh-CN"));
  const parts: string[][] = [];
  for (let i = 0; i < classes.length; i += CONFIRM_CLASSES_PER_SHEET) parts.push(classes.slice(i, i + CONFIRM_CLASSES_PER_SHEET));
  if (parts.length === 0) parts.push([]);
  const last = CONFIRM_COLS - 1;
  return parts.map((names, k) => {
    const members = names.map((n) => list.filter((a) => groupOf(a) === n).sort((x, y) => x.studentId.localeCompare(y.studentId)));
    const breaks: number[] = [];
    // Each class's line merged across the table, so it wraps within the page's width.
    const merges = [`A1:${columnLetter(last)}1`];
    let at = 2;
    for (const m of members) {
      merges.push(`A${at + 1}:${columnLetter(last)}${at + 1}`);
      breaks.push((at += m.length + 4));
    }
    breaks.pop();
    const make = () => {
      const rows: (SpecCell | null)[][] = [
        [cell(`${ctx.schoolName}职业技能等级认定成绩确认表`, "title")],
        ["序号", "姓名", "学号", "职业（工种）", "相关课程成绩（理论 / 实操）", "已合格相关课程数", "可认定等级", "本人签字"].map((h) => cell(h, "header")),
      ];
      names.forEach((name, g) => {
        rows.push([cell(`班级：${name}　　认定年度：${ctx.assessmentYear}　　共 ${members[g].length} 人　　请核对本人成绩，无误后签字；有误请在签字前告知辅导员`, "label")]);
        members[g].forEach((a, i) => rows.push([
          cell(i + 1, "boxCenter"), cell(a.name, "box"), cell(a.studentId, "box"), cell(`${occName(a)}${occType(a) ? `（${occType(a)}）` : ""}`, "box"),
          cell(a.courses.map(courseLine).join("\n") || "（无相关课程成绩）", "box"), cell(a.passedCourses, "boxCenter"),
          cell(level(a.eligibleLevel) || `暂不能认定：${STATUS_LABELS[a.status]}`, "box"), cell(null, "box"),
        ]));
        rows.push([]);
        rows.push([cell("辅导员签字：", "note"), null, null, cell("日期：　　　年　　月　　日", "note")]);
        rows.push([]);
      });
      return rows;
    };
    const spec: SheetSpec = {
      name: k === 0 ? "成绩确认表" : `成绩确认表（${k + 1}）`, rows: [], merges,
      widths: [6, 10, 14, 22, 60, 10, 18, 14], caps: [6, 12, 16, 30, 66, 10, 26, 14], freeze: { rows: 2, cols: 0 },
      print: { landscape: true, fitToWidth: true, titleRows: [1, 2], rowBreaks: breaks, pageNumbers: true, lastCol: last },
    };
    return deferred(spec, at, [...CONFIRM_STYLES], make);
  });
}

/**
 * 督导汇总 (§六 内部质量督导, archive material 6): per department (and, in the centre's merge, for
 * the school) one printed page: applicants by status with shares, why applicants are 信息有误 or
 * 取消资格, occupations and levels against the plan with the 10-day check, marked cells by kind,
 * and lines for the group leader's signature.
 */
export function supervisionSheet(blocks: NonNullable<OutputContext["supervision"]>, ctx: OutputContext): SheetSpec {
  const rows: (SpecCell | null)[][] = [];
  const merges: string[] = [];
  const breaks: number[] = [];
  const title = (text: string, style: "title" | "subtitle") => {
    merges.push(`A${rows.length + 1}:E${rows.length + 1}`);
    rows.push([cell(text, style)]);
  };
  const table = (headers: string[], body: CellValue[][]) => {
    rows.push(headers.map((h) => cell(h, "header")));
    for (const r of body) rows.push(r.map((v) => cell(v, "cell")));
  };
  for (const { title: who, data } of blocks) {
    title(`${ctx.schoolName}职业技能等级认定内部质量督导汇总`, "title");
    title(`认定年度：${ctx.assessmentYear}　　${who}`, "subtitle");
    const total = Object.values(data.byStatus).reduce((n, x) => n + x, 0);
    rows.push([cell("一、认定范围与资格审查：按认定状态", "label")]);
    table(["认定状态", "人数", "占比"], [
      ...STATUSES.map((s) => [STATUS_LABELS[s], data.byStatus[s], total ? `${((data.byStatus[s] / total) * 100).toFixed(1)}%` : "—"]),
      ["合计", total, total ? "100.0%" : "—"],
    ]);
    rows.push([]);
    rows.push([cell("二、信息有误、取消资格的原因", "label")]);
    table(["认定状态", "原因", "问题代码", "人数"], data.reasons.length ? data.reasons.map((r) => [STATUS_LABELS[r.status], r.reason, r.code, r.applicants]) : [["—", "没有", "", 0]]);
    rows.push([]);
    rows.push([cell("三、各职业（工种）与级别：对照认定计划", "label")]);
    table(["职业（工种）", "级别", "可上报人数", "计划人数", "计划提前天数（须 ≥ 10）"], data.plan.length ? data.plan.map((p) => [
      p.label, levelName(p.level), p.applicants, p.planned ?? "未列入计划",
      p.daysAhead === null ? "计划中未填日期" : p.daysAhead >= 10 ? `${p.daysAhead} 天，符合` : `${p.daysAhead} 天，不足 10 天`,
    ]) : [["—", "", 0, "", ""]]);
    rows.push([]);
    rows.push([cell("四、考务管理：工作簿中标出的单元格", "label")]);
    table(["类别", "个数"], [["错误（红色）", data.marks.error], ["警告（黄色）", data.marks.warning], ["未合格的成绩（橙色）", data.marks.missing], ["课程未修满的申报人（浅蓝，按单元格计）", data.marks.incomplete]]);
    rows.push([]);
    rows.push([cell("督导组组长（签字）：", "note"), null, cell("督导组成员（签字）：", "note"), null, cell("日期：　　年　　月　　日", "note")]);
    breaks.push(rows.length);
  }
  breaks.pop();
  return {
    name: "督导汇总", rows, merges, widths: [30, 36, 22, 16, 24],
    print: { landscape: false, fitToWidth: true, rowBreaks: breaks, pageNumbers: blocks.length > 1, lastCol: 4 },
  };
}

export function allGeneratedSheets(list: readonly OutputApplicant[], ctx: OutputContext): SheetSpec[] {
  return [...filingSheets(list, ctx), rosterSheet(list, ctx), planSheet(list, ctx), uploadSheet(list, ctx), ...confirmationSheets(list, ctx), certifiedSheet(list, ctx), publicNoticeSheet(list, ctx), statisticsSheet(list, ctx), ...(ctx.supervision ? [supervisionSheet(ctx.supervision, ctx)] : []), archiveSheet(list, ctx)];
}
