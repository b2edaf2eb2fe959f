// Test fixtures: workbooks built by code, as files or as grids. Written by ExcelJS, so the product
// reads files another program wrote; openpyxl and LibreOffice fixtures live in their own helpers.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import type { SheetData } from "../../src/app/synthetic";
import type { Grid } from "../../src/forms/grid";
import { XlsxWorkbook } from "../../src/hosts/xlsx/workbook";
import { excelJsWorkbook } from "./exceljs";

export const tmpDir = (): string => fs.mkdtempSync(path.join(os.tmpdir(), "kz-test-"));

export async function writeFixture(sheets: readonly SheetData[], file = path.join(tmpDir(), "department.xlsx")): Promise<string> {
  await excelJsWorkbook(sheets).xlsx.writeFile(file);
  return file;
}

/** Grids exactly as the xlsx host reads them back from a written file. */
export async function roundTrip(sheets: readonly SheetData[]): Promise<Grid[]> {
  const buffer = await excelJsWorkbook(sheets).xlsx.writeBuffer();
  return XlsxWorkbook.fromBytes("fixture.xlsx", new Uint8Array(buffer as ArrayBuffer)).readSheets();
}

/** A one-sheet SheetData from rows. */
export const sheet = (name: string, rows: SheetData["rows"], extra: Partial<SheetData> = {}): SheetData => ({ name, rows, merges: [], ...extra });
