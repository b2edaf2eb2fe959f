// The write-back use cases over the Workbook port: run (check, marks, computed columns,
// generated sheets) and clear. Run clears first, so running twice equals running once.
import { checkGrids, type CheckOptions, type CheckResult } from "./check";
import type { WorkbookPort } from "./port";
import { planWriteBack } from "./writeback";

export async function runWriteBack(port: WorkbookPort, options: CheckOptions = {}): Promise<CheckResult> {
  await port.clearWriteBack();
  const result = checkGrids(await port.readSheets(), options);
  await port.applyPlan(planWriteBack(result));
  return result;
}
