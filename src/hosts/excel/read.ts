// Reading the workbook in Excel: every sheet's used range as a grid, values only, in chunks.
import type { Progress } from "../../app/port";
import type { CellValue, Grid } from "../../forms/grid";
import { Batch, CELL_BUDGET, REQUEST_BUDGET } from "./batch";

/** Values come back as JSON: about 8 bytes a cell on grade registers, 21 on a roster of 18-digit
 * ID numbers and long names (measured at 50,000 applicants); 24 allowed. */
const BYTES_PER_CELL = 24;
/** Cells per read chunk: one chunk's response stays under the request limit on its own. */
const CHUNK_CELLS = Math.floor(REQUEST_BUDGET / BYTES_PER_CELL);

/** `alsoLoad` queues more loads into the request that reads the used ranges (the sheets' names). */
export async function readGrids(context: Excel.RequestContext, batch = new Batch(context), progress?: Progress, alsoLoad?: (sheetNames: string[]) => void): Promise<Grid[]> {
  const sheets = context.workbook.worksheets;
  sheets.load("items/name");
  await batch.flush();
  const used = sheets.items.map((ws) => {
    const r = ws.getUsedRangeOrNullObject(true);
    r.load("rowIndex,columnIndex,rowCount,columnCount");
    return { ws, r, name: ws.name };
  });
  alsoLoad?.(used.map((u) => u.name));
  await batch.flush();
  const chunks: { sheet: number; top: number; range: Excel.Range }[] = [];
  // Rows: a request goes to Excel whenever the queued chunks fill one, so rows queued ≈ rows read.
  const total = used.reduce((n, { r }) => n + (r.isNullObject ? 0 : r.rowIndex + r.rowCount), 0);
  let queued = 0;
  const grids: Grid[] = used.map(({ name }) => ({ name, rows: [] }));
  for (let s = 0; s < used.length; s++) {
    const { ws, r } = used[s];
    if (r.isNullObject) continue;
    const cols = r.columnIndex + r.columnCount;
    const step = Math.max(1, Math.floor(Math.min(CHUNK_CELLS, CELL_BUDGET) / cols));
    const last = r.rowIndex + r.rowCount;
    for (let top = 0; top < last; top += step) {
      const range = ws.getRangeByIndexes(top, 0, Math.min(step, last - top), cols);
      range.load("values");
      chunks.push({ sheet: s, top, range });
      await batch.queue(Math.min(step, last - top) * cols * BYTES_PER_CELL, Math.min(step, last - top) * cols);
      progress?.((queued += Math.min(step, last - top)), total);
    }
  }
  await batch.flush();
  for (const c of chunks) {
    const rows = grids[c.sheet].rows;
    c.range.values.forEach((row, i) => (rows[c.top + i] = trimRow(row)));
  }
  for (const g of grids) for (let i = 0; i < g.rows.length; i++) if (!g.rows[i]) g.rows[i] = [];
  return grids;
}

/** Office.js gives "" for blank cells; the grid has null, and no trailing blanks. */
function trimRow(row: unknown[]): CellValue[] {
  const out = row.map((v) => (v === "" || v === undefined ? null : (v as CellValue)));
  let end = out.length;
  while (end > 0 && out[end - 1] === null) end--;
  out.length = end;
  return out;
}
