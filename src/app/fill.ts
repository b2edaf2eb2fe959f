// `kezheng fill` (填写上报模板): the applicants of a checked roster, ready for someone else's template,
// and the refusals that protect a template already filled in.
import { headerKey } from "../forms/fields";
import type { FillPlan, FillSource } from "../forms/fill";
import { cellText, isBlank } from "../forms/grid";
import type { CheckResult } from "./check";
import { UnusableWorkbook } from "./port";
import { outputApplicant } from "./writeback";

/** Every applicant in roster order, with their roster row (for columns the product has no field for). */
export function fillSourceOf(result: CheckResult): FillSource {
  const t = result.roster.table;
  const rosterHeader = new Map<string, number>();
  (t.grid.rows[t.headerRow] ?? []).forEach((v, col) => {
    const key = isBlank(v) ? "" : headerKey(cellText(v));
    if (key && !rosterHeader.has(key)) rosterHeader.set(key, col);
  });
  return {
    applicants: result.applicants.map((a) => ({ applicant: outputApplicant(result, a), rosterCells: t.grid.rows[a.identity.row] ?? [] })),
    rosterHeader,
  };
}

/** The filled template's name: TEMPLATE-已填写 with the template's own extension (the systems import that format). */
export function filledName(template: string): string {
  const dot = template.lastIndexOf(".");
  return dot > 0 ? `${template.slice(0, dot)}-已填写${template.slice(dot)}` : `${template}-已填写.xlsx`;
}

/** A template that already holds data is not written over: one line saying what to do. */
export function refuseFilled(plan: FillPlan, file: string, append: boolean): void {
  if (!plan.existing || append) return;
  throw new UnusableWorkbook(`${file} 的工作表“${plan.sheet}”第 ${plan.existing.row + 1} 行已有数据（${plan.existing.text}）：要接在已有数据后面继续填写，请加 --append；要重新填写，请使用空白模板。`);
}

/** The template has no sheet whose header names the people it wants. */
export function noTemplateHeader(file: string): UnusableWorkbook {
  return new UnusableWorkbook(`${file} 中没有找到可填写的表头：需要一张可见的工作表，其前 30 行中有一行写着“姓名”（或“证件号码”）和至少两个其他栏目（如性别、职业名称、申报级别）。`);
}
