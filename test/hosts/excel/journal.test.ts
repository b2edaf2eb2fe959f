// Issue 17.7: the task pane follows the file host's rules. What a run wrote is found through the
// names Excel moves with the user's edits and verified before it is blanked; our sheets are known by
// their mark, not their name; an edited journal makes run and clear do less; a journal written on
// the command line is cleared in Excel as `kezheng clear` clears it, and the other way round.
import * as path from "path";
import { JOURNAL_HEADER } from "../../../src/app/journal";
import type { Report } from "../../../src/app/report";
import { runWriteBack, type Parts } from "../../../src/app/run";
import { syntheticDepartment } from "../../../src/app/synthetic";
import { clearFile, runFile } from "../../../src/cli/files";
import { CATALOGUE } from "../../../src/domain/catalogue";
import { ExcelWorkbook } from "../../../src/hosts/excel/workbook";
import { MARK_COLORS } from "../../../src/hosts/excel/writeback";
import { makeExcel, RequestContext } from "../../support/standin/api";
import { bookFromGrids, letters, type BookState } from "../../support/standin/model";
import { bookFromFile, bookToFile } from "../../support/standin/xlsx";
import { roundTrip, tmpDir, writeFixture } from "../../support/workbooks";

const CAPS = { notes: true, comments: true, pageLayout: true, charts: true, formulaCells: true };
(globalThis as unknown as { Excel: unknown }).Excel = makeExcel({ sheets: [], notes: new Map(), comments: new Map() });
const COMPUTE: Parts = { marks: true, columns: true, sheets: false };
const dir = tmpDir();
const dept = syntheticDepartment({ seed: 177, applicants: 40, defects: true, occupations: CATALOGUE.slice(10, 12), layout: { titleRows: 1 } });

/** Excel 2016 to 2019 (ExcelApi 1.7, 1.8) cannot list formula cells: the pane loads formulas' text instead. */
let caps = CAPS;
const excel = (book: BookState) => new ExcelWorkbook(new RequestContext(book) as unknown as Excel.RequestContext, caps);
const run = async (book: BookState, parts?: Parts) => (await runWriteBack(excel(book), parts ? { parts } : {})).report;
async function clear(book: BookState): Promise<{ cleared: boolean; host: ExcelWorkbook }> {
  const ctx = new RequestContext(book);
  const host = new ExcelWorkbook(ctx as unknown as Excel.RequestContext, caps);
  const cleared = await host.clearWriteBack();
  await ctx.sync();
  return { cleared, host };
}
/** The user's edit, through the stand-in's Office.js as a user makes it in Excel. */
async function edit(book: BookState, f: (ws: (name: string) => ReturnType<RequestContext["workbook"]["worksheets"]["getItem"]>) => void): Promise<void> {
  const ctx = new RequestContext(book);
  f((name) => ctx.workbook.worksheets.getItem(name));
  await ctx.sync();
}

/** Every cell's value (a formula's text) by sheet: what a user sees, to compare. */
function values(book: BookState, skip: (name: string) => boolean = () => false): Record<string, Record<string, unknown>> {
  return Object.fromEntries(book.sheets.filter((s) => !skip(s.name)).map((s) => [s.name, Object.fromEntries([...s.cells].filter(([, c]) => c.value !== "" || c.formula).map(([k, c]) => {
    const [r, col] = k.split(",").map(Number);
    return [`${letters(col)}${r + 1}`, c.formula ?? c.value];
  }))]));
}
const fills = (book: BookState) => book.sheets.flatMap((s) => [...s.cells].filter(([, c]) => c.fill && Object.values(MARK_COLORS).includes(c.fill)).map(([k]) => `${s.name}!${k}`));
const levels = (r: Report) => Object.fromEntries(r.applicants.map((a) => [`${a.idNumber}|${a.occupationCode}`, [a.eligibleLevel, a.status, a.passedCourses]]));
/** Every user value of `expected` is in `now`, at the same place. */
function keepsEveryValue(expected: Record<string, Record<string, unknown>>, now: Record<string, Record<string, unknown>>): void {
  for (const [sheet, cells] of Object.entries(expected)) for (const [ref, v] of Object.entries(cells)) expect({ sheet, ref, v: now[sheet]?.[ref] }).toEqual({ sheet, ref, v });
}
const fresh = async () => bookFromGrids(await roundTrip(dept.sheets) as never);

test("user sheets named 公示名单, _kz and _kz_data survive run, run again and clear; _kz_words names the data sheet we wrote", async () => {
  const own = (name: string) => ({ name, rows: [[`用户自己的${name}`], ["x", 1]], merges: [] });
  const book = bookFromGrids(await roundTrip([...dept.sheets, own("公示名单"), own("_kz"), own("_kz_data")]) as never);
  const before = values(book);
  await run(book);
  const ours = (name: string) => book.sheets.find((s) => s.name === name);
  for (const n of ["公示名单", "_kz", "_kz_data"]) expect(values(book)[n]).toEqual(before[n]);
  // Ours got free names and carry their marks; the score words are read from our data sheet.
  expect(ours("公示名单(2)")?.names.has("_kz_sheet")).toBe(true);
  expect(ours("_kz(2)")?.names.has("_kz_journal")).toBe(true);
  expect(book.names?.get("_kz_words")).toMatch(/^='_kz_data\(2\)'!\$A\$1:\$B\$\d+$/);
  expect(ours("_kz")?.names.size).toBe(0);
  await run(book);
  for (const n of ["公示名单", "_kz", "_kz_data"]) expect(values(book)[n]).toEqual(before[n]);
  expect((await clear(book)).cleared).toBe(true);
  expect(values(book)).toEqual(before);
  expect(book.sheets.map((s) => s.name)).toEqual(Object.keys(before));
  expect([...(book.names ?? [])]).toEqual([]);
}, 60000);

const EDITS: [string, (ws: (name: string) => ReturnType<RequestContext["workbook"]["worksheets"]["getItem"]>) => void][] = [
  ["a column inserted at B of 成绩登记册", (ws) => ws("成绩登记册").getRange("B:B").insert("Right")],
  ["a column inserted at B of 花名册", (ws) => ws("花名册").getRange("B:B").insert("Right")],
  ["two rows inserted above the roster's header", (ws) => ws("花名册").getRange("1:2").insert("Down")],
  ["a roster column deleted", (ws) => ws("花名册").getRange("C:C").delete("Left")],
  ["a row deleted inside the roster's data", (ws) => ws("花名册").getRange("7:7").delete("Up")],
];

describe.each([...EDITS, [`${EDITS[0][0]} (Excel 2016)`, EDITS[0][1]] as const])("%s after 计算等级, then 计算等级 again and 清除", (label, userEdit) => {
  beforeEach(() => (caps = label.endsWith("(Excel 2016)") ? { ...CAPS, formulaCells: false, pageLayout: false, comments: false, notes: false } : CAPS));
  afterAll(() => (caps = CAPS));
  test("every user value kept; levels as a fresh copy's; run twice = once; clear leaves the user's workbook", async () => {
    const expected = await fresh();
    await edit(expected, userEdit);
    const user = values(expected);
    const freshLevels = levels(await run(await copy(expected), COMPUTE));

    const book = await fresh();
    await run(book, COMPUTE);
    await edit(book, userEdit);
    const rerun = await run(book, COMPUTE);
    keepsEveryValue(user, values(book, (n) => n.startsWith("_kz")));
    expect(levels(rerun)).toEqual(freshLevels);
    // Inserting moves everything of ours along; deleting takes some marks with it (said once, on the journal).
    if (label.includes("inserted")) expect(rerun.issues.filter((i) => i.code === "JOURNAL_SKIPPED" || i.code === "JOURNAL_CELL_KEPT")).toEqual([]);
    const once = values(book, (n) => n.startsWith("_kz"));
    await run(book, COMPUTE);
    expect(values(book, (n) => n.startsWith("_kz"))).toEqual(once);
    expect((await clear(book)).cleared).toBe(true);
    expect(values(book)).toEqual(user);
    // A row deleted inside a column of marks leaves the offsets below it uncertain: fills there are
    // taken off only where the offset still lands on one of ours (as in the file host).
    if (label.includes("inserted")) expect(fills(book)).toEqual([]);
    expect(book.notes.size).toBe(0);
    expect(book.sheets.flatMap((s) => [...s.names.keys()])).toEqual([]);
  }, 60000);
});

/** An independent copy of a stand-in book. */
async function copy(book: BookState): Promise<BookState> {
  return bookFromFile(await bookToFile(book, path.join(dir, `copy-${Math.random().toString(36).slice(2)}.xlsx`)));
}

describe("an edited or damaged journal sheet makes run and clear do less", () => {
  const journalOf = (book: BookState) => book.sheets.find((s) => s.names.has("_kz_journal")) as BookState["sheets"][number];
  const cases: [string, (j: BookState["sheets"][number]) => void][] = [
    ["a line naming the user's 课程对照表 as ours", (j) => {
      const last = Math.max(...[...j.cells.keys()].map((k) => Number(k.split(",")[0]))) + 1;
      j.cells.set(`${last},0`, { value: "sheet" });
      j.cells.set(`${last},1`, { value: "课程对照表" });
    }],
    ["a damaged JSON value", (j) => {
      for (const c of j.cells.values()) if (typeof c.value === "string" && c.value.startsWith('{"ref"')) c.value = `{broken${c.value}`;
    }],
    ["every range widened to the whole roster", (j) => {
      for (const c of j.cells.values()) if (typeof c.value === "string") c.value = c.value.replace(/"ref":"[A-Z]+(\d+):[A-Z]+(\d+)"/, '"ref":"A$1:Z$2"');
    }],
  ];
  test.each(cases)("%s: run and clear complete and keep every user value", async (label, damage) => {
    const user = values(await fresh());
    const book = await fresh();
    await run(book);
    damage(journalOf(book));
    const report = await run(book);
    keepsEveryValue(user, values(book));
    if (!label.startsWith("every")) expect(report.issues.filter((i) => i.code === "JOURNAL_SKIPPED")).toHaveLength(1);
    damage(journalOf(book));
    const { cleared, host } = await clear(book);
    expect(cleared).toBe(true);
    keepsEveryValue(user, values(book));
    expect(book.sheets.map((s) => s.name)).toEqual(Object.keys(user));
    if (!label.startsWith("every")) expect(host.skips.entries).toBeGreaterThan(0);
  }, 60000);

  test("a journal without its mark and its header is a sheet of the user's: kept, and nothing is blanked through it", async () => {
    const book = await fresh();
    await run(book, COMPUTE);
    const journal = journalOf(book);
    expect([0, 1, 2, 3].map((c) => journal.cells.get(`0,${c}`)?.value)).toEqual([...JOURNAL_HEADER]);
    journal.names.clear();
    for (let c = 0; c < 4; c++) journal.cells.delete(`0,${c}`);
    // Only the data sheet, which carries our mark, goes; the computed columns stay with the rest.
    const before = values(book, (n) => n === "_kz_data");
    await clear(book);
    expect(values(book)).toEqual(before);
    expect(book.sheets.flatMap((s) => [...s.names.keys()])).toEqual([]);
  }, 60000);
});

describe("one journal for the command line and the pane", () => {
  test("a run written by `kezheng run`, opened in Excel and cleared in the pane, ends as `kezheng clear` ends", async () => {
    const input = await writeFixture(dept.sheets, path.join(dir, "cli-in.xlsx"));
    const once = path.join(dir, "cli-once.xlsx");
    await runFile(input, once);
    await clearFile(once, path.join(dir, "cli-cleared.xlsx"));
    const byCli = await bookFromFile(path.join(dir, "cli-cleared.xlsx"));
    const book = await bookFromFile(once);
    expect(fills(book).length).toBeGreaterThan(10);
    expect(book.notes.size).toBeGreaterThan(10);
    expect((await clear(book)).cleared).toBe(true);
    expect(values(book)).toEqual(values(byCli));
    expect(values(book)).toEqual(values(await bookFromFile(input)));
    expect(fills(book)).toEqual([]);
    expect(book.notes.size).toBe(0);
    expect(book.sheets.map((s) => [s.name, s.visibility])).toEqual(byCli.sheets.map((s) => [s.name, s.visibility]));
    expect([...(book.names ?? []), ...book.sheets.flatMap((s) => [...s.names])]).toEqual([]);
  }, 60000);

  test("a run made in the pane, saved, edited and cleared by `kezheng clear`, ends as the pane's clear ends", async () => {
    const book = await fresh();
    await run(book);
    await edit(book, (ws) => ws("成绩登记册").getRange("B:B").insert("Right"));
    const saved = await bookToFile(book, path.join(dir, "pane-once.xlsx"));
    await clearFile(saved, path.join(dir, "pane-cleared.xlsx"));
    const byCli = await bookFromFile(path.join(dir, "pane-cleared.xlsx"));
    expect((await clear(book)).cleared).toBe(true);
    const expected = await fresh();
    await edit(expected, (ws) => ws("成绩登记册").getRange("B:B").insert("Right"));
    expect(values(book)).toEqual(values(expected));
    expect(values(byCli)).toEqual(values(book));
    expect(fills(byCli)).toEqual([]);
    expect(byCli.sheets.map((s) => s.name)).toEqual(book.sheets.map((s) => s.name));
  }, 60000);
});
