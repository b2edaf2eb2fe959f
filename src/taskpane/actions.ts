/* global Excel */
// What the pane's buttons do in Excel: the app's use cases on the Office.js host.
import type { CheckResult } from "../app/check";
import { Cancelled } from "../app/cancelled";
import type { Parts, Phase } from "../app/run";
import { SETTING_KEYS } from "../forms/settings";
import { UnusableWorkbook } from "../app/port";
import { messageFor } from "../domain/messages";
import type { Locale } from "../ui/i18n";
import type { PhotoCheck, PhotoSource } from "../app/photos";
import { picturesSupported } from "../hosts/excel/pictures";

/** The photo checks and JPEG code: loaded when photos are first picked, not with the pane. */
const photoEngine = async () => {
  const [{ checkPhotos }, { offeredPhotos }, { photoImages }] = await Promise.all([
    import(/* webpackChunkName: "photos" */ "../app/photos"),
    import(/* webpackChunkName: "photos" */ "../app/photorun"),
    import(/* webpackChunkName: "photos" */ "../hosts/images"),
  ]);
  return { checkPhotos, offeredPhotos, photoImages };
};

/**
 * The checks, the run and the Office.js host: not in the pane's first load. The pane starts loading
 * them once it has painted (so a click finds them ready, and the run's progress renders as it goes);
 * an action waits for them. A load that failed is tried again by the next action, which reports it.
 */
export const loadEngine = () => import(/* webpackChunkName: "engine" */ "./engine");

export type Action = "check" | "mark" | "compute" | "generate" | "clear";

const PARTS: Record<"mark" | "compute", Parts> = {
  mark: { marks: true, columns: false, sheets: false },
  compute: { marks: true, columns: true, sheets: false },
};

export interface Hooks {
  progress: (phase: Phase, done?: number, total?: number) => void;
  cancelled: () => boolean;
}

/**
 * `photos`: the photos picked in the 照片 section; 生成表格 places them on the 备案表 where this
 * Excel can add pictures (`placed` says how many), else the boxes stay empty.
 */
export async function perform(action: Action, hooks: Hooks, photos?: readonly PhotoSource[]): Promise<{ result: CheckResult | null; cleared?: boolean; photos?: PhotoCheck; placed?: number }> {
  const { checkGrids, EVERYTHING, ExcelWorkbook, runWriteBack } = await loadEngine();
  return Excel.run(async (context) => {
    const host = new ExcelWorkbook(context);
    if (action === "clear") return { result: null, cleared: await host.clearWriteBack() };
    if (action === "check") {
      hooks.progress("read");
      const grids = await host.readSheets((done, total) => hooks.progress("read", done, total));
      if (hooks.cancelled()) throw new Cancelled();
      hooks.progress("check");
      return { result: checkGrids(grids) };
    }
    const engine = action === "generate" && photos?.length && picturesSupported() ? await photoEngine() : null;
    const offered = engine && photos ? engine.offeredPhotos(photos, engine.photoImages) : null;
    const result = await runWriteBack(host, { parts: action === "generate" ? EVERYTHING : PARTS[action], progress: hooks.progress, cancelled: hooks.cancelled, photos: offered?.photos });
    const check = offered?.check();
    // The photo issues join the report, as `kezheng run --photos` reports them.
    if (!check) return { result };
    return { result: { ...result, report: { ...result.report, issues: [...result.report.issues, ...check.issues] } }, photos: check, placed: check.matched.length };
  });
}

/** 照片: the photos picked, checked against the workbook's roster as it is now (nothing is written). */
export async function checkPhotosInExcel(photos: readonly PhotoSource[]): Promise<PhotoCheck> {
  const [{ checkPhotos, photoImages }, { checkGrids, ExcelWorkbook }] = await Promise.all([photoEngine(), loadEngine()]);
  return Excel.run(async (context) => {
    const result = checkGrids(await new ExcelWorkbook(context).readSheets());
    return checkPhotos(photos, result, result.settings.photos, photoImages);
  });
}

/** Selects a cell the issue list points at. */
export async function selectCell(sheet: string, cell: string): Promise<void> {
  await Excel.run(async (context) => {
    const ws = context.workbook.worksheets.getItem(sheet);
    ws.activate();
    ws.getRange(cell).select();
    await context.sync();
  });
}

/** The 设置 sheet's values by key (items not present: absent). */
export async function readSettings(): Promise<Record<string, string>> {
  return Excel.run(async (context) => {
    const ws = context.workbook.worksheets.getItemOrNullObject("设置");
    await context.sync();
    if (ws.isNullObject) return {};
    const used = ws.getUsedRangeOrNullObject(true);
    used.load("values");
    await context.sync();
    if (used.isNullObject) return {};
    const out: Record<string, string> = {};
    for (const [k, v] of used.values) if (SETTING_KEYS.includes(String(k).trim())) out[String(k).trim()] = String(v ?? "");
    return out;
  });
}

/** Writes the settings as a 项目 | 值 table on the 设置 sheet (created where missing). */
export async function writeSettings(values: Record<string, string>): Promise<void> {
  await Excel.run(async (context) => {
    let ws = context.workbook.worksheets.getItemOrNullObject("设置");
    await context.sync();
    if (ws.isNullObject) ws = context.workbook.worksheets.add("设置");
    const rows = [["项目", "值"], ...SETTING_KEYS.map((k) => [k, values[k] ?? ""])];
    ws.getRangeByIndexes(0, 0, rows.length, 2).values = rows;
    await context.sync();
  });
}

/** A message for the user from whatever went wrong, in the pane's language where the message table has it; the workbook is as it was. */
export function explain(e: unknown, locale: Locale = "zh-CN"): string {
  if (e instanceof UnusableWorkbook && e.code) return messageFor(e.code, e.params, locale);
  // SheetProtected (hosts/excel/writeback) by its name: the engine's chunk need not be loaded to explain it.
  if (e instanceof Cancelled || (e instanceof Error && e.name === "SheetProtected")) return e.message;
  const code = (e as { code?: string }).code;
  if (code === "InvalidOperationInCellEditMode") return "Excel 正在编辑某个单元格：请先按 Enter 或 Esc 退出编辑，再试一次。";
  if (code === "AccessDenied") return "工作簿或工作表受保护，无法写入：请撤销保护后再试。";
  if (code === "ItemNotFound") return "运行期间工作簿被改动（某张工作表不见了）：请重新点“检查”。";
  return (e as Error)?.message ?? String(e);
}
