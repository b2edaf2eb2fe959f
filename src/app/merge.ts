// The centre's merge: every department workbook checked with the same settings, one school-wide
// set of applicants, cross-department duplicates, and certificate numbers (§9) for everyone who
// qualifies, stable across re-runs.
import { formatCertNo, parseCertNo } from "../domain/certno";
import { messageFor, severityOf } from "../domain/messages";
import type { Settings } from "../domain/settings";
import type { Level } from "../domain/catalogue";
import type { Grid } from "../forms/grid";
import type { Issue } from "../forms/issue";
import { canBePutForward, type OutputApplicant, type SupervisionData } from "../forms/output";
import { schoolSheets } from "../forms/generated";
import type { SheetSpec } from "../forms/sheetspec";
import { checkGrids, type CheckResult } from "./check";
import { UnusableWorkbook } from "./port";
import type { Report } from "./report";
import { combineSupervision, supervisionOf } from "./supervision";
import { markCells, outputApplicant } from "./writeback";

/** A workbook-level defined name on the summary the product writes: a later merge knows it is not a department. */
export const SUMMARY_MARK = "_kz_summary";

/** A department's file read: its grids, why it cannot be used, or why it is not merged though it could be read (a note). */
export type DepartmentInput = { file: string; grids: Grid[] } | { file: string; error: string } | { file: string; skipped: string; summary?: boolean };

export interface MergeOptions {
  /** The centre's own settings: they win over the departments'. */
  settings?: Settings;
  /** First 13 characters of certificate numbers (overrides the settings). */
  certPrefix?: string;
  /** Certificate numbers already given (an earlier summary): ID number -> number. */
  previous?: Map<string, string>;
}

export interface MergeResult {
  report: Report;
  applicants: OutputApplicant[];
  settings: Settings;
  files: { file: string; merged: boolean; reason?: string; skipped?: boolean; applicants: number; errors: number; department: string }[];
  /** Numbers given in this run (not kept from before). */
  newCertificates: number;
  /** §六: the school's figures, then each department's. */
  supervision: { title: string; data: SupervisionData }[];
}

const SETTING_NAMES: Partial<Record<keyof Settings, string>> = {
  assessmentYear: "认定年度", failedMakeup: "补考不及格处理", creditThresholds: "学分要求", certPrefix: "证书编号前缀", certYear: "发证年份", mask: "公示身份证格式", gradeWords: "成绩等级折算",
};

/** Settings that disagree between the departments: one message naming the files, or null. */
function settingsConflict(checked: { file: string; result: CheckResult }[]): string | null {
  for (const key of Object.keys(SETTING_NAMES) as (keyof Settings)[]) {
    const seen = new Map<string, string>();
    for (const { file, result } of checked) {
      const v = JSON.stringify(result.settings[key]);
      if (!seen.has(v)) seen.set(v, file);
    }
    if (seen.size > 1) {
      const [[a, fa], [b, fb]] = [...seen];
      return `各学院的设置不一致：“${SETTING_NAMES[key]}”在 ${fa} 中为 ${a}，在 ${fb} 中为 ${b}。请统一各学院的“设置”工作表，或用 --settings 指定认定中心自己的设置文件（其“设置”工作表优先）。`;
    }
  }
  return null;
}

export function mergeDepartments(inputs: readonly DepartmentInput[], options: MergeOptions = {}): MergeResult {
  const files: MergeResult["files"] = [];
  const checked: { file: string; result: CheckResult }[] = [];
  for (const input of inputs) {
    if ("error" in input) {
      files.push({ file: input.file, merged: false, reason: input.error, applicants: 0, errors: 0, department: "" });
      continue;
    }
    if ("skipped" in input) {
      files.push({ file: input.file, merged: false, skipped: true, reason: input.skipped, applicants: 0, errors: 0, department: "" });
      continue;
    }
    try {
      checked.push({ file: input.file, result: checkGrids(input.grids, { settings: options.settings }) });
    } catch (e) {
      if (!(e instanceof UnusableWorkbook)) throw e;
      files.push({ file: input.file, merged: false, reason: e.message, applicants: 0, errors: 0, department: "" });
    }
  }
  if (checked.length === 0) throw new UnusableWorkbook("没有可以汇总的工作簿：" + files.map((f) => `${f.file}（${f.reason}）`).join("；"));
  if (!options.settings) {
    const conflict = settingsConflict(checked);
    if (conflict) throw new UnusableWorkbook(conflict);
  }
  const settings = options.settings ?? checked[0].result.settings;

  const issues: Issue[] = [];
  const applicants: OutputApplicant[] = [];
  const reportApplicants: Report["applicants"] = [];
  const firstSeen = new Map<string, { file: string; row: number }>();
  const supervision: MergeResult["supervision"] = [];
  for (const { file, result } of checked) {
    const t = result.roster.table;
    const own: Issue[] = result.report.issues.map((i) => ({ ...i, file }));
    const departments = new Set<string>();
    result.applicants.forEach((a) => {
      const out = { ...outputApplicant(result, a), source: `${file}` };
      const rep = { ...a.report, file };
      const id = a.identity.idNumber;
      const earlier = id ? firstSeen.get(id) : undefined;
      if (earlier && earlier.file !== file) {
        own.push({ sheet: t.sheet, cell: `${letter(t.columns.get("idNumber") ?? 0)}${a.identity.row + 1}`, severity: "error", code: "ID_IN_OTHER_FILE", message: messageFor("ID_IN_OTHER_FILE", { other: `${earlier.file} 第 ${earlier.row} 行` }), params: { other: `${earlier.file} 第 ${earlier.row} 行` }, file });
        out.status = rep.status = "invalid";
        out.eligibleLevel = rep.eligibleLevel = null;
        rep.missing = 0;
      } else if (id && !earlier) firstSeen.set(id, { file, row: a.identity.row + 1 });
      if (out.department) departments.add(out.department);
      out.source = `${file}${out.department ? `（${out.department}）` : ""}`;
      applicants.push(out);
      reportApplicants.push(rep);
    });
    for (const i of own) issues.push(i);
    const mine = applicants.slice(applicants.length - result.applicants.length);
    supervision.push({ title: `${[...departments].join("、") || file}（${file}）`, data: supervisionOf(result, markCells(result), mine) });
    files.push({ file, merged: true, applicants: result.applicants.length, errors: own.filter((i) => i.severity === "error").length, department: [...departments].join("、") });
  }
  for (const f of files) {
    if (f.merged) continue;
    const code = f.skipped ? "FILE_SKIPPED" : "FILE_NOT_MERGED";
    issues.push({ sheet: "", cell: "", severity: severityOf(code), code, message: messageFor(code, { value: f.reason }), params: { value: f.reason }, file: f.file });
  }

  const newCertificates = assignCertificates(applicants, options.certPrefix ?? settings.certPrefix, settings.certYear, options.previous ?? new Map());
  const school = { title: `全校（${supervision.length} 个学院文件）`, data: combineSupervision(supervision.map((s) => s.data)) };
  return {
    report: { applicants: reportApplicants, issues }, applicants, settings, newCertificates, supervision: [school, ...supervision],
    files: files.sort((a, b) => inputs.findIndex((i) => i.file === a.file) - inputs.findIndex((i) => i.file === b.file)),
  };
}

const letter = (c: number) => {
  let s = "";
  for (let n = c + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
};

/**
 * §9: a 6-digit serial per level and year of issue. A number given before (the previous summary,
 * or typed on a roster) stays with its holder while the level agrees, is never given to anyone
 * else, and the serials continue after the highest one in use.
 */
function assignCertificates(list: OutputApplicant[], prefix: string | null, year: number, previous: Map<string, string>): number {
  const used = new Set<string>([...previous.values(), ...list.map((a) => a.certificateNo).filter(Boolean)]);
  const next = new Map<string, number>();
  for (const n of used) {
    const c = parseCertNo(n);
    if (!c) continue;
    const k = `${c.prefix}${c.year2}${c.level}`;
    next.set(k, Math.max(next.get(k) ?? 0, c.serial));
  }
  let given = 0;
  for (const a of list) {
    if (!canBePutForward(a) || a.eligibleLevel === null) continue;
    if (a.certificateNo) continue;
    const before = previous.get(a.idNumber);
    if (before && parseCertNo(before)?.level === a.eligibleLevel) {
      a.certificateNo = before;
      continue;
    }
    if (!prefix) continue;
    const k = `${prefix}${String(year % 100).padStart(2, "0")}${a.eligibleLevel}`;
    const serial = (next.get(k) ?? 0) + 1;
    next.set(k, serial);
    a.certificateNo = formatCertNo(prefix, year, a.eligibleLevel as Level, serial);
    used.add(a.certificateNo);
    given++;
  }
  return given;
}

/** The summary's sheets: 汇总情况 and the school-wide forms. */
export function mergedSheets(result: MergeResult): SheetSpec[] {
  const s = result.settings;
  const ctx = { schoolName: s.schoolName, assessmentYear: s.assessmentYear, mask: s.mask, archive: { gradeRegister: "各学院工作簿", supervisionReport: null }, supervision: result.supervision };
  return schoolSheets(result.applicants, ctx, result.files);
}
