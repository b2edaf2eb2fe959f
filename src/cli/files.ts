// Files in, reports out: the CLI's use of the xlsx host.
import { checkGrids } from "../app/check";
import type { Report } from "../app/report";
import { openWorkbookFile } from "../hosts/xlsx/open";
import { XlsxWorkbook } from "../hosts/xlsx/workbook";

export async function checkFile(file: string): Promise<Report> {
  const wb = new XlsxWorkbook(await openWorkbookFile(file));
  return checkGrids(await wb.readSheets()).report;
}
