// 填写上报模板 on any host: a template's bytes and the applicants in, the filled template out, in the
// template's own format (.xlsx/.xlsm patched; .xls through SheetJS, see sheetjsfill.ts).
import { noTemplateHeader, refuseFilled } from "../../app/fill";
import { UnusableWorkbook } from "../../app/port";
import { chooseTemplateSheet, planFill, type FillOptions, type FillPlan, type FillSource } from "../../forms/fill";
import { basename, readableKind } from "../xlsx/open";
import { assertWithinLimits } from "./limits";
import { withinPackage, XlsxPackage } from "../xlsx/package";
import { readTemplateBook, templateSheet, writeFill } from "../xlsx/template";

export type FilledTemplate = { plan: FillPlan } & ({ kind: "xlsx"; pkg: XlsxPackage } | { kind: "xls"; bytes: Uint8Array });

export async function fillTemplate(file: string, bytes: Uint8Array, source: FillSource, options: FillOptions = {}): Promise<FilledTemplate> {
  const name = basename(file);
  const kind = readableKind(file, bytes);
  if (kind === "xls") {
    assertWithinLimits(name, bytes, kind);
    const { fillXls } = await import("./sheetjsfill");
    return { kind, ...(await fillXls(name, bytes, source, options)) };
  }
  if (kind !== "xlsx") throw UnusableWorkbook.coded("TEMPLATE_NOT_EXCEL", { file: name });
  const pkg = XlsxPackage.open(name, bytes);
  return withinPackage(pkg, () => {
    const book = readTemplateBook(pkg);
    const chosen = chooseTemplateSheet(book.sheets);
    if (!chosen) throw noTemplateHeader(name);
    const { sheet, styles } = templateSheet(pkg, book, chosen.index, chosen.headerRow);
    const plan = planFill(sheet, source, options);
    refuseFilled(plan, name, !!options.append);
    writeFill(pkg, book.sheets[chosen.index].ref, plan, styles);
    return { kind, pkg, plan };
  });
}
