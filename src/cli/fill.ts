// `kezheng fill TEMPLATE --from WB.xlsx`: the applicants written into the template the evaluation
// system or the city centre hands out, in the template's own format, beside it (-o to choose).
import * as path from "path";
import { checkGrids } from "../app/check";
import { filledName, fillSourceOf } from "../app/fill";
import { UnusableWorkbook } from "../app/port";
import { countErrors } from "../app/report";
import type { FillPlan } from "../forms/fill";
import { columnLetter } from "../forms/grid";
import type { Issue } from "../forms/issue";
import { TEMPLATE_FIELDS } from "../forms/templatefields";
import { fillTemplate } from "../hosts/formats/fill";
import { readFileBytes, readGridsFromFile } from "./files";
import { OutputTarget } from "./output";

export interface FillCliOptions {
  from: string;
  output?: string;
  all?: boolean;
  append?: boolean;
}

/** Where the filled template goes: -o (same extension as the template), or TEMPLATE-已填写.ext beside it. */
export function fillOutputPath(template: string, output?: string): string {
  const ext = path.extname(template).toLowerCase();
  const out = output ?? path.join(path.dirname(template), filledName(path.basename(template)));
  if (path.extname(out).toLowerCase() !== ext) throw new UnusableWorkbook(`输出文件应与模板同为 ${ext || "Excel"} 格式（考试认证系统按模板格式导入）：${out}`);
  if (path.resolve(out) === path.resolve(template)) throw new UnusableWorkbook(`输出文件与模板相同（${template}）：模板不会被覆盖，请用 -o 指定另一个文件名。`);
  return out;
}

export interface FillOutcome {
  plan: FillPlan;
  rosterErrors: number;
  out: string;
}

export async function fillFile(template: string, options: FillCliOptions): Promise<FillOutcome> {
  const out = fillOutputPath(template, options.output);
  const target = await OutputTarget.claim(out, [template, options.from]);
  const result = checkGrids(await readGridsFromFile(options.from));
  const source = fillSourceOf(result);
  const filled = await fillTemplate(template, await readFileBytes(template), source, options);
  if (filled.kind === "xlsx") await target.write(filled.pkg);
  else await target.writeBytes(filled.bytes);
  return { plan: filled.plan, rosterErrors: countErrors(result.report), out };
}

const fieldLabel = (field: string | null) =>
  field === null ? "（留空）" : field.startsWith("花名册:") ? `花名册的“${field.slice(4)}”列` : (TEMPLATE_FIELDS.find((f) => f.field === field)?.label ?? field);

/** The JSON of --json: what was read from the template and what was written. */
export function fillJson(o: FillOutcome): object {
  const p = o.plan;
  return { sheet: p.sheet, headerRow: p.headerRow + 1, columns: p.columns.map((c) => ({ header: c.header, field: c.field })), rows: p.rows.length, issues: p.issues, rosterErrors: o.rosterErrors, output: o.out };
}

export function formatFill(template: string, o: FillOutcome): string {
  const p = o.plan;
  const lines = [`模板 ${path.basename(template)}：工作表“${p.sheet}”，表头在第 ${p.headerRow + 1} 行。`, "各列的填写内容："];
  for (const c of p.columns) lines.push(`  ${columnLetter(c.col)} 列 ${c.header} ← ${fieldLabel(c.field)}`);
  lines.push(p.rows.length ? `已填写 ${p.rows.length} 行（第 ${p.firstRow + 1} 行至第 ${p.firstRow + p.rows.length} 行）。` : "没有可填写的申报人（可认定或降级认定的）：模板未写入数据行。");
  if (p.emptyColumns.length) lines.push(`留空的列：${p.emptyColumns.join("、")}。`);
  if (o.rosterErrors) lines.push(`花名册检查发现 ${o.rosterErrors} 个错误，有错误的申报人未填入：用 kezheng check ${"<花名册>"} 查看并改正后重新填写。`);
  const shown: Issue[] = p.issues;
  if (shown.length) {
    lines.push(`需要核对 ${shown.length} 处：`);
    for (const i of shown.slice(0, 200)) lines.push(`  ${i.severity === "error" ? "错误" : "警告"} ${i.sheet}!${i.cell}　${i.message}`);
    if (shown.length > 200) lines.push(`  ……另有 ${shown.length - 200} 处未列出。`);
  }
  lines.push(`已写入 ${o.out}（模板的其余内容原样保留）。`);
  return lines.join("\n") + "\n";
}
