// Reading .xlsx files as grids with ExcelJS's streaming reader: about half the time and memory of
// loading the whole workbook model, for checks that only read. (A merged range's other cells hold
// no value in the file, so they read as blank, as in the full reader.)
import { Readable } from "stream";
import ExcelJS from "exceljs";
import { UnusableWorkbook } from "../../app/port";
import type { CellValue, Grid } from "../../forms/grid";
import { cellValueOf, finishRow } from "./grid";
import { basename, notAWorkbook, readWorkbookBytes } from "./open";

export async function readGridsStreaming(file: string): Promise<Grid[]> {
  const bytes = await readWorkbookBytes(file);
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([bytes]), {
    sharedStrings: "cache", styles: "cache", hyperlinks: "ignore", worksheets: "emit", entries: "emit",
  });
  const grids: Grid[] = [];
  try {
    for await (const ws of reader) {
      const rows: CellValue[][] = [];
      for await (const row of ws) {
        const cells: CellValue[] = [];
        const values = row.values as ExcelJS.CellValue[];
        for (let c = 1; c < values.length; c++) cells.push(values[c] === undefined ? null : cellValueOf(values[c]));
        rows[row.number - 1] = finishRow(cells);
      }
      for (let i = 0; i < rows.length; i++) if (rows[i] === undefined) rows[i] = [];
      grids.push({ name: (ws as unknown as { name: string }).name, rows });
    }
  } catch {
    throw new UnusableWorkbook(notAWorkbook(basename(file)));
  }
  if (grids.length === 0) throw new UnusableWorkbook(`${basename(file)} 中没有工作表：请打开填写好的申报人员花名册。`);
  return grids;
}
