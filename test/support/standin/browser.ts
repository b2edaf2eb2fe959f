/* global window */
// The stand-in as the page's Office.js: the browser test answers the request for office.js with
// this bundle, after a script that sets window.__KZ_FIXTURE__ (the workbook's grids) and
// window.__KZ_LANG__. window.__kzStandIn lets the test read the workbook back.
import { makeExcel } from "./api";
import { bookFromGrids, type Value } from "./model";

interface Fixture {
  grids: { name: string; rows: (Value | null)[][] }[];
}

const w = window as unknown as Record<string, unknown>;
const fixture = w.__KZ_FIXTURE__ as Fixture;
const book = bookFromGrids(fixture.grids);
let syncs = 0;
let largest = 0;
// The test can hold round trips (to look at the pane mid-run) and make the next one fail.
let gate: Promise<void> | null = null;
let open: (() => void) | null = null;
let failNext: string | null = null;

w.Excel = makeExcel(book, (ctx) => {
  const sync = ctx.sync.bind(ctx);
  ctx.sync = async () => {
    if (gate) await gate;
    if (failNext) {
      const error = Object.assign(new Error(failNext), { code: failNext });
      failNext = null;
      throw error;
    }
    await sync();
    syncs++;
    largest = Math.max(largest, ctx.requests[ctx.requests.length - 1] ?? 0);
  };
});

class CustomFunctionsError extends Error {
  constructor(readonly code: string, message?: string) {
    super(message);
  }
}

w.CustomFunctions = { associate: () => undefined, Error: CustomFunctionsError, ErrorCode: { invalidValue: "#VALUE!" } };

function atMost(version: string, newest: string): boolean {
  const [a, b] = [version, newest].map((v) => v.split(".").map(Number));
  return a[0] < b[0] || (a[0] === b[0] && (a[1] ?? 0) <= (b[1] ?? 0));
}

const ready = Promise.resolve({ host: "Excel", platform: "OfficeOnline" });
w.Office = {
  onReady: (cb?: (info: unknown) => void) => ready.then((info) => { cb?.(info); return info; }),
  context: {
    displayLanguage: (w.__KZ_LANG__ as string) ?? "zh-CN",
    officeTheme: w.__KZ_THEME__ ?? undefined,
    // Versions compare part by part (1.10 is after 1.9); __KZ_API__ plays an older Excel.
    requirements: { isSetSupported: (name: string, version: string) => name === "ExcelApi" && atMost(version, (w.__KZ_API__ as string) ?? "1.18") },
  },
  addin: { showAsTaskpane: async () => undefined },
  actions: { associate: () => undefined },
};

w.__kzStandIn = {
  book,
  counts: () => ({ syncs, largest }),
  /** Cells as [sheet, address, value or formula, fill] rows, for the test to compare. */
  snapshot: () =>
    book.sheets.map((s) => ({
      name: s.name,
      visibility: s.visibility,
      cells: [...s.cells].map(([k, c]) => [k, c.formula ?? c.value, c.fill ?? null]),
    })),
  active: () => book.active ?? null,
  hold: () => {
    gate = new Promise((resolve) => (open = resolve));
  },
  release: () => {
    gate = null;
    open?.();
  },
  failNextSync: (code: string) => {
    failNext = code;
  },
};
