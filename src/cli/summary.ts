// The readable Chinese summary of a report, for the terminal.
import { STATUS_LABELS, STATUSES } from "../domain/eligibility";
import { CATALOGUE, occupationLabel } from "../domain/catalogue";
import { levelName } from "../domain/levels";
import { countBySeverity, groupIssues, placeOf } from "../app/issues";
import type { Report } from "../app/report";
import type { Issue } from "../forms/issue";

const SEVERITY_LABEL = { error: "错误", warning: "警告", info: "提示" } as const;

export function formatSummary(file: string, report: Report, options: { firstCells?: number; all?: boolean } = {}): string {
  const lines: string[] = [];
  const { applicants, issues } = report;
  lines.push(`检查 ${file}：共 ${applicants.length} 名申报人`);
  const byStatus = STATUSES.map((s) => [s, applicants.filter((a) => a.status === s).length] as const).filter(([, n]) => n > 0);
  lines.push(`按状态：${byStatus.map(([s, n]) => `${STATUS_LABELS[s]} ${n}`).join("，") || "无"}`);
  const groups = new Map<string, { label: string; l3: number; l4: number; none: number }>();
  for (const a of applicants) {
    const o = CATALOGUE.find((c) => c.code === a.occupationCode && c.workType === a.workType);
    const label = o ? occupationLabel(o) : `${a.occupationCode || "（无职业编码）"}`;
    const g = groups.get(label) ?? { label, l3: 0, l4: 0, none: 0 };
    if (a.eligibleLevel === 3) g.l3++;
    else if (a.eligibleLevel === 4) g.l4++;
    else g.none++;
    groups.set(label, g);
  }
  lines.push("按职业与可认定级别：");
  for (const g of [...groups.values()].sort((a, b) => a.label.localeCompare(b.label, "zh-CN"))) {
    lines.push(`  ${g.label}：${levelName(3)} ${g.l3}，${levelName(4)} ${g.l4}，暂不能认定 ${g.none}`);
  }
  const count = countBySeverity(issues);
  lines.push(`问题：错误 ${count.error}，警告 ${count.warning}，提示 ${count.info}`);
  // One line per kind of problem (errors, then warnings, then notes): its count and first cells;
  // with all, every cell below it, in sheet and row order.
  const first = options.firstCells ?? 5;
  let severity = "";
  for (const g of groupIssues(issues)) {
    if (g.severity !== severity) {
      severity = g.severity;
      lines.push(`${SEVERITY_LABEL[g.severity]} ${count[g.severity]} 处：`);
    }
    const cells = options.all ? "" : `${cellList(g.issues.slice(0, first))}${g.issues.length > first ? " 等" : ""}　`;
    lines.push(`  ${g.issues.length} 处　${cells}${g.label}`);
    if (options.all) for (const i of g.issues) lines.push(`    ${cellList([i])}${g.varies ? `　${i.message}` : ""}`);
  }
  if (!options.all && issues.length > 0) lines.push("用 --all 列出每个单元格，或用 --json 导出。");
  const errors = count.error;
  lines.push(errors === 0 ? "结论：没有错误。" : `结论：发现 ${errors} 个错误，请按上面的提示逐格修改后重新检查。`);
  return lines.join("\n") + "\n";
}

/** 花名册 D5、D9；成绩登记册 C4: cells by sheet, in order. */
function cellList(issues: readonly Issue[]): string {
  const bySheet = new Map<string, string[]>();
  for (const i of issues) {
    const where = placeOf({ ...i, cell: "" });
    bySheet.set(where, [...(bySheet.get(where) ?? []), i.cell].filter(Boolean));
  }
  return [...bySheet].map(([where, cells]) => [where, cells.join("、")].filter(Boolean).join(" ")).join("；");
}
