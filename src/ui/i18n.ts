// The pane's words: zh-CN first, en-US by Office's display language. Issue messages come from
// the engine's message table (zh-CN).
import type { Status } from "../domain/eligibility";
import { STATUS_LABELS } from "../domain/eligibility";

const zh = {
  title: "课证认定",
  subtitle: "职业技能等级认定（过程化考核认定）",
  check: "检查",
  mark: "标记",
  compute: "计算等级",
  generate: "生成表格",
  clear: "清除",
  checkHint: "只检查，不改动工作簿",
  markHint: "检查并标出有问题的单元格（附批注）",
  computeHint: "标记，并在花名册右侧加上实时公式计算的等级",
  generateHint: "标记、计算等级，并生成备案表、成绩确认表、公示名单等 10 张表格",
  clearHint: "移除课证写入的一切，恢复原样",
  cancel: "取消",
  phase: { read: "正在读取工作簿…", check: "正在检查…", plan: "正在准备写回…", write: "正在写入工作簿…" } as Record<string, string>,
  applicants: (n: number) => `共 ${n} 名申报人`,
  byOccupation: "按职业与可认定级别",
  level3: "三级",
  level4: "四级",
  none: "未达",
  issues: (e: number, w: number, i: number) => `错误 ${e}，警告 ${w}，提示 ${i}`,
  severity: { error: "错误", warning: "警告", info: "提示" } as Record<string, string>,
  noIssues: "没有发现问题。",
  done: { check: "检查完成。", mark: "已标记问题单元格。", compute: "已标记，并加上实时公式。", generate: "已生成全部表格。", clear: "已清除，工作簿恢复原样。" } as Record<string, string>,
  nothingToClear: "工作簿中没有课证写入的内容。",
  settings: "设置",
  merge: "汇总（认定中心）",
  save: "保存到“设置”工作表",
  saved: "设置已保存；重新检查后生效。",
  status: (s: Status) => STATUS_LABELS[s],
  error: (m: string) => `出错了：${m}`,
  mergeTitle: "汇总（认定中心）",
  mergePick: "选择各二级学院的工作簿…",
  mergePickHint: "可多选 .xlsx / .xlsm 文件；文件只在本机读取，不会上传。",
  mergeReading: "正在读取各学院的工作簿…",
  mergeFile: (merged: boolean, file: string, department: string | null, applicants: number, errors: number, reason: string | undefined) =>
    merged ? `已汇总　${file}${department ? `（${department}）` : ""}：${applicants} 人，错误 ${errors}` : `未汇总　${file}：${reason ?? ""}`,
  mergeTotal: (n: number, reportable: number) => `共 ${n} 名申报人，可上报 ${reportable} 人`,
  mergeWrite: "写入汇总表格",
  mergeWritten: "已写入汇总表格（汇总情况、申报人员花名册、获证人员汇总表、公示名单、认定统计、认定计划、归档清单）。",
};

const en: Strings = {
  ...zh,
  title: "Kezheng",
  subtitle: "Skill certification from coursework",
  check: "Check",
  mark: "Mark",
  compute: "Compute levels",
  generate: "Generate sheets",
  clear: "Clear",
  checkHint: "Check only; the workbook is not changed",
  markHint: "Check and mark the cells with problems (with notes)",
  computeHint: "Mark, and add live level formulas beside the roster",
  generateHint: "Mark, compute levels and generate the ten sheets",
  clearHint: "Remove everything Kezheng wrote",
  cancel: "Cancel",
  phase: { read: "Reading the workbook…", check: "Checking…", plan: "Preparing…", write: "Writing…" },
  applicants: (n) => `${n} applicants`,
  byOccupation: "By occupation and level",
  level3: "Level 3",
  level4: "Level 4",
  none: "None",
  issues: (e, w, i) => `${e} errors, ${w} warnings, ${i} notes`,
  severity: { error: "Error", warning: "Warning", info: "Note" },
  noIssues: "No problems found.",
  done: { check: "Checked.", mark: "Problem cells marked.", compute: "Marked, with live formulas.", generate: "All sheets generated.", clear: "Cleared; the workbook is as it was." },
  nothingToClear: "Nothing from Kezheng in this workbook.",
  settings: "Settings",
  merge: "Merge departments (centre)",
  save: "Save to the 设置 sheet",
  saved: "Settings saved; they apply from the next check.",
  status: (s) => ({ eligible: "Eligible", downgrade: "Lower level", incomplete: "Incomplete", disqualified: "Disqualified", review: "Review", ineligible: "Out of scope", invalid: "Invalid data" })[s],
  error: (m) => `Error: ${m}`,
  mergeTitle: "Merge departments (centre)",
  mergePick: "Choose the departments' workbooks…",
  mergePickHint: "Several .xlsx / .xlsm files; they are read on this computer and never uploaded.",
  mergeReading: "Reading the departments' workbooks…",
  mergeFile: (merged, file, department, applicants, errors, reason) =>
    merged ? `Merged: ${file}${department ? ` (${department})` : ""}: ${applicants} applicants, ${errors} errors` : `Not merged: ${file}: ${reason ?? ""}`,
  mergeTotal: (n, reportable) => `${n} applicants, ${reportable} to report`,
  mergeWrite: "Write the summary sheets",
  mergeWritten: "Summary sheets written (汇总情况, 申报人员花名册, 获证人员汇总表, 公示名单, 认定统计, 认定计划, 归档清单).",
};

export type Strings = typeof zh;
export type Locale = "zh-CN" | "en-US";

export function localeOf(displayLanguage: string | undefined): Locale {
  return displayLanguage && /^en/i.test(displayLanguage) ? "en-US" : "zh-CN";
}

export function strings(locale: Locale): Strings {
  return locale === "en-US" ? en : zh;
}
