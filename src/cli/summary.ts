// The readable Chinese summary of a report, for the terminal.
import { STATUS_LABELS, STATUSES } from "../domain/eligibility";
import { CATALOGUE, occupationLabel } from "../domain/catalogue";
import { levelName } from "../domain/levels";
import type { Report } from "../app/report";

const SEVERITY_LABEL = { error: "错误", warning: "警告", info: "提示" } as const;

export function formatSummary(file: string, report: Report, options: { maxIssues?: number; withInfo?: boolean } = {}): string {
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
  const count = (s: keyof typeof SEVERITY_LABEL) => issues.filter((i) => i.severity === s).length;
  lines.push(`问题：错误 ${count("error")}，警告 ${count("warning")}，提示 ${count("info")}`);
  // Errors first, then warnings; notes (info) only with --all. Shown grouped by sheet, in sheet order.
  const max = options.maxIssues ?? Infinity;
  const rank = { error: 0, warning: 1, info: 2 } as const;
  const eligible = issues.filter((i) => options.withInfo || i.severity !== "info");
  const shown = new Set([...eligible].sort((a, b) => rank[a.severity] - rank[b.severity]).slice(0, max));
  for (const sheet of [...new Set(issues.map((i) => i.sheet))]) {
    const mine = issues.filter((i) => i.sheet === sheet && shown.has(i)).sort((a, b) => rank[a.severity] - rank[b.severity]);
    if (mine.length === 0) continue;
    lines.push(`【${sheet}】`);
    for (const i of mine) lines.push(`  ${i.cell.padEnd(6)} ${SEVERITY_LABEL[i.severity]}  ${i.message}`);
  }
  const hidden = issues.length - shown.size;
  if (hidden > 0) lines.push(`……另有 ${hidden} 条未列出${options.withInfo ? "" : `（含提示 ${count("info")} 条）`}：用 --all 列出全部，或用 --json 导出。`);
  const errors = count("error");
  lines.push(errors === 0 ? "结论：没有错误。" : `结论：发现 ${errors} 个错误，请按上面的提示逐格修改后重新检查。`);
  return lines.join("\n") + "\n";
}
