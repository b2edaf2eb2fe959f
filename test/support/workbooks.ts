// Test fixtures: workbooks built by code, as files or as grids.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import type { SheetData } from "../../src/app/synthetic";
import { sheetsToWorkbook } from "../../src/hosts/xlsx/sheets";
import { XlsxWorkbook } from "../../src/hosts/xlsx/workbook";
import type { Grid } from "../../src/forms/grid";

export const tmpDir = (): string => fs.mkdtempSync(path.join(os.tmpdir(), "kz-test-"));

export async function writeFixture(sheets: readonly SheetData[], file = path.join(tmpDir(), "department.xlsx")): Promise<string> {
  await sheetsToWorkbook(sheets).xlsx.writeFile(file);
  return file;
}

/** Grids exactly as the xlsx host reads them back from a written file. */
export async function roundTrip(sheets: readonly SheetData[]): Promise<Grid[]> {
  const wb = sheetsToWorkbook(sheets);
  const buffer = await wb.xlsx.writeBuffer();
  const back = new (await import("exceljs")).default.Workbook();
  await back.xlsx.load(buffer);
  return new XlsxWorkbook(back).readSheets();
}

/** A one-sheet SheetData from rows. */
export const sheet = (name: string, rows: SheetData["rows"], extra: Partial<SheetData> = {}): SheetData => ({ name, rows, merges: [], ...extra });
