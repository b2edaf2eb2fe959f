// Requests to Excel in bounded batches: Excel on the web refuses a request over 5 MB, and
// Office.js payloads grow with every queued value. Work is queued until the estimate nears the
// limit, then synced once; the number of round trips grows only with the data's size.

/** Bytes we allow one request to reach (the limit is 5 MB; JSON and headers need room). */
export const REQUEST_BUDGET = 4 * 1024 * 1024;
/** Cells one request may read or write (Office.js refuses very large ranges). */
export const CELL_BUDGET = 1_000_000;

export class Batch {
  private bytes = 0;
  private cells = 0;
  syncs = 0;
  largest = 0;

  constructor(private readonly context: Excel.RequestContext) {}

  /** Counts queued work; syncs first when this would overrun the budget. */
  async queue(bytes: number, cells = 0): Promise<void> {
    if (this.bytes > 0 && (this.bytes + bytes > REQUEST_BUDGET || this.cells + cells > CELL_BUDGET)) await this.flush();
    this.bytes += bytes;
    this.cells += cells;
  }

  async flush(): Promise<void> {
    this.synced();
    await this.context.sync();
  }

  /** Records a sync the caller made itself (where it reads what the sync loaded). */
  synced(): void {
    this.largest = Math.max(this.largest, this.bytes);
    this.bytes = 0;
    this.cells = 0;
    this.syncs++;
  }
}

/** Rough JSON size of a 2D array of cell values. */
export function payloadBytes(rows: readonly (readonly unknown[])[]): number {
  let n = 2;
  for (const r of rows) for (const v of r) n += typeof v === "string" ? v.length * 3 + 3 : 8;
  return n;
}
