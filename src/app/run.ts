// The write-back use cases over the Workbook port. Everything is read and planned before anything
// is written (so a run can be cancelled until then); writing clears the previous run first, so
// running twice equals running once.
import { Cancelled } from "./cancelled";
import { checkGrids, type CheckOptions, type CheckResult } from "./check";
import type { WorkbookPort } from "./port";
import { planWriteBack, type WritePlan } from "./writeback";

/** What a run writes: the task pane's steps each add one (标记, 计算等级, 生成表格). */
export interface Parts {
  marks: boolean;
  columns: boolean;
  sheets: boolean;
}

export const EVERYTHING: Parts = { marks: true, columns: true, sheets: true };

export type Phase = "read" | "check" | "plan" | "write";

export interface RunOptions extends CheckOptions {
  parts?: Parts;
  /** Called as each phase starts, then with done of total where the host counts the phase's work. */
  progress?: (phase: Phase, done?: number, total?: number) => void;
  /** Checked between phases, before anything is written: true stops the run, the workbook as it was. */
  cancelled?: () => boolean;
  /** The 备案表's photos (#19), chosen once the check is known (`run --photos`: the folder's, matched
   * to the applicants). Without it, the photos the last run placed are kept where the host can read them. */
  photos?: (result: CheckResult) => ReadonlyMap<string, () => Uint8Array>;
}

export { Cancelled };

export function selectParts(plan: WritePlan, parts: Parts): WritePlan {
  const dataSheet = plan.sheets[plan.sheets.length - 1];
  return {
    photos: plan.photos,
    marks: parts.marks ? plan.marks : [],
    blocks: parts.columns ? plan.blocks : [],
    // The hidden data sheet goes with the formulas that read it.
    sheets: [...(parts.sheets ? plan.sheets.slice(0, -1) : []), ...(parts.columns ? [dataSheet] : [])],
  };
}

/**
 * Reads, checks, plans, then writes. Returns what `keep` takes of the check (all of it by default):
 * the rest is let go before writing, which for 50,000 applicants is hundreds of MB.
 */
export async function runWriteBack<T = CheckResult>(port: WorkbookPort, options: RunOptions = {}, keep: (result: CheckResult) => T = (r) => r as T): Promise<T> {
  const step = (phase: Phase) => {
    if (options.cancelled?.()) throw new Cancelled();
    options.progress?.(phase);
  };
  step("read");
  const grids = await port.readSheets((done, total) => options.progress?.("read", done, total));
  step("check");
  let result: CheckResult | null = checkGrids(grids, options);
  step("plan");
  // The photos: the ones offered, else those the last run placed (read before it is cleared).
  const photos = options.photos ? options.photos(result) : port.placedPhotos ? await port.placedPhotos() : null;
  const extra = { photos: { size: result.settings.photos.size, keys: new Set(photos?.keys() ?? []) } };
  const plan = selectParts({ ...planWriteBack(result, extra), photos: photos ?? undefined }, options.parts ?? EVERYTHING);
  const kept = keep(result);
  result = null;
  step("write");
  await port.clearWriteBack();
  await port.applyPlan(plan, (done, total) => options.progress?.("write", done, total));
  return kept;
}
