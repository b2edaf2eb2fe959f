// The Office.js host through the strict stand-in: Office.js's rules hold, and the workbook it
// ends with equals what the file host writes from the same input.
import ExcelJS from "exceljs";
import * as path from "path";
import { runWriteBack } from "../../../src/app/run";
import { syntheticDepartment } from "../../../src/app/synthetic";
import { runFile } from "../../../src/cli/files";
import { CATALOGUE } from "../../../src/domain/catalogue";
import { ExcelWorkbook } from "../../../src/hosts/excel/workbook";
import { MARK_COLORS } from "../../../src/hosts/excel/writeback";
import { MARK_FILLS } from "../../../src/hosts/xlsx/writeback";
import { makeExcel, MAX_PAGE_BREAKS, OfficeError, RequestContext, REQUEST_LIMIT } from "../../support/standin/api";
import { bookFromGrids, letters, type BookState } from "../../support/standin/model";
import { roundTrip, tmpDir, writeFixture } from "../../support/workbooks";

const CAPS = { notes: true, comments: true, pageLayout: true, charts: true, formulaCells: true };
(globalThis as unknown as { Excel: unknown }).Excel = makeExcel({ sheets: [], notes: new Map(), comments: new Map() });

describe("the stand-in is as strict as Office.js", () => {
  const book = (): BookState => bookFromGrids([{ name: "花名册", rows: [["姓名"], ["张三"]] }]);

  test("reading before load() and sync() throws PropertyNotLoaded", async () => {
    const ctx = new RequestContext(book());
    const r = ctx.workbook.worksheets.getItem("花名册").getRange("A1:A2");
    expect(() => r.values).toThrow(/PropertyNotLoaded/);
    r.load("values");
    expect(() => r.values).toThrow(/PropertyNotLoaded/);
    await ctx.sync();
    expect(r.values).toEqual([["姓名"], ["张三"]]);
    expect(() => r.rowCount).toThrow(/PropertyNotLoaded/);
    expect(() => ctx.workbook.worksheets.items).toThrow(/PropertyNotLoaded/);
  });

  test("writes wait for sync; each sync is counted; numeric text becomes a number as in Excel", async () => {
    const b = book();
    const ctx = new RequestContext(b);
    ctx.workbook.worksheets.getItem("花名册").getRange("B1:B2").values = [["41162820030916252"], ["'41162820030916252"]];
    expect(b.sheets[0].cells.get("0,1")).toBeUndefined();
    await ctx.sync();
    expect(ctx.syncs).toBe(1);
    expect(b.sheets[0].cells.get("0,1")?.value).toBe(41162820030916252);
    expect(b.sheets[0].cells.get("1,1")?.value).toBe("41162820030916252");
  });

  test("a request over 5 MB is refused", async () => {
    const ctx = new RequestContext(book());
    const big = Array.from({ length: 60000 }, () => ["x".repeat(100)]);
    ctx.workbook.worksheets.getItem("花名册").getRange(`A1:A${big.length}`).values = big;
    await expect(ctx.sync()).rejects.toThrow(OfficeError);
    expect(JSON.stringify(big).length).toBeGreaterThan(REQUEST_LIMIT);
  });
});

/** Cells of a workbook file as {value or formula}, by sheet. */
async function fileCells(file: string): Promise<Map<string, Map<string, unknown>>> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const out = new Map<string, Map<string, unknown>>();
  for (const ws of wb.worksheets) {
    const cells = new Map<string, unknown>();
    ws.eachRow((row) => row.eachCell((c) => {
      if (c.type === ExcelJS.ValueType.Merge) return;
      const v = c.value as ExcelJS.CellValue;
      if (v && typeof v === "object" && ("formula" in v || "sharedFormula" in v)) cells.set(c.address, `=${c.formula}`);
      else if (v !== null && v !== undefined && v !== "") cells.set(c.address, v);
    }));
    out.set(ws.name, cells);
  }
  return out;
}

function bookCells(book: BookState): Map<string, Map<string, unknown>> {
  const out = new Map<string, Map<string, unknown>>();
  for (const s of book.sheets) {
    const cells = new Map<string, unknown>();
    for (const [k, c] of s.cells) {
      const [r, col] = k.split(",").map(Number);
      const address = `${letters(col)}${r + 1}`;
      if (c.formula) cells.set(address, c.formula);
      else if (c.value !== "") cells.set(address, c.value);
    }
    out.set(s.name, cells);
  }
  return out;
}

describe.each([
  ["long register with every defect", { seed: 71, applicants: 60, defects: true, layout: { titleRows: 2, shuffle: true, footer: true, messyValues: true } }],
  ["wide register", { seed: 72, applicants: 30, occupations: CATALOGUE.slice(2, 4), layout: { grades: "wide" as const } }],
])("%s: the Office.js host ends where the file host does", (_name, options) => {
  test("same sheets, same values and formulas, same marks; clear restores; a bounded number of syncs", async () => {
    const dept = syntheticDepartment(options);
    const dir = tmpDir();
    const input = await writeFixture(dept.sheets, path.join(dir, "in.xlsx"));
    const out = path.join(dir, "out.xlsx");
    await runFile(input, out);

    const book = bookFromGrids(await roundTrip(dept.sheets) as never);
    const ctx = new RequestContext(book);
    const host = new ExcelWorkbook(ctx as unknown as Excel.RequestContext, CAPS);
    await runWriteBack(host);

    const expected = await fileCells(out);
    const actual = bookCells(book);
    // The hidden journal may stand anywhere; every other sheet in the same order.
    const visible = (m: Map<string, unknown>) => [...m.keys()].filter((k) => k !== "_kz");
    expect(visible(actual)).toEqual(visible(expected));
    expect(actual.has("_kz") && expected.has("_kz")).toBe(true);
    for (const [name, cells] of expected) {
      if (name === "_kz") continue;
      expect(Object.fromEntries(actual.get(name) as Map<string, unknown>)).toEqual(Object.fromEntries(cells));
    }
    expect(book.sheets.find((s) => s.name === "_kz")?.visibility).toBe("Hidden");

    // Marks: the same cells, the same kinds (colours) as the file host.
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const kindOfArgb = new Map(Object.entries(MARK_FILLS).map(([k, v]) => [v, k]));
    const kindOfHex = new Map(Object.entries(MARK_COLORS).map(([k, v]) => [v, k]));
    for (const sheet of dept.sheets) {
      const fileMarks: string[] = [];
      wb.getWorksheet(sheet.name)?.eachRow({ includeEmpty: true }, (row) => row.eachCell({ includeEmpty: true }, (c) => {
        const kind = kindOfArgb.get((c.fill as ExcelJS.FillPattern | undefined)?.fgColor?.argb ?? "");
        if (kind) fileMarks.push(`${c.address}:${kind}`);
      }));
      const s = book.sheets.find((x) => x.name === sheet.name);
      const bookMarks = [...(s?.cells ?? new Map())].filter(([, c]) => c.fill && kindOfHex.has(c.fill)).map(([k, c]) => {
        const [r, col] = k.split(",").map(Number);
        return `${letters(col)}${r + 1}:${kindOfHex.get(c.fill)}`;
      });
      expect(bookMarks.sort()).toEqual(fileMarks.sort());
    }
    expect(book.notes.size).toBeGreaterThan(0);

    // Issue 18: the generated sheets' column widths and row heights are the file host's (one layout).
    const ours = (name: string) => !dept.sheets.some((d) => d.name === name) && !name.startsWith("_kz");
    const generated = book.sheets.filter((s) => ours(s.name));
    expect(generated.length).toBeGreaterThanOrEqual(9);
    let tall = 0;
    for (const s of generated) {
      const ws = wb.getWorksheet(s.name);
      if (!ws) throw new Error(`file host wrote no ${s.name}`);
      const fileWidths = Array.from({ length: ws.columnCount }, (_, c) => ws.getColumn(c + 1).width ?? null);
      expect({ sheet: s.name, widths: Array.from({ length: fileWidths.length }, (_, c) => (s.columnWidths.has(c) ? (s.columnWidths.get(c) as number) / 6.5 : null)) }).toEqual({ sheet: s.name, widths: fileWidths });
      const fileHeights: Record<number, number> = {};
      ws.eachRow({ includeEmpty: true }, (row, r) => { if (row.height && row.height !== 15) fileHeights[r - 1] = row.height; });
      expect({ sheet: s.name, heights: Object.fromEntries(s.rowHeights) }).toEqual({ sheet: s.name, heights: fileHeights });
      tall += Object.values(fileHeights).filter((h) => h > 40).length;
    }
    // Several lines of course results in a cell make some rows tall.
    expect(tall).toBeGreaterThan(0);
    const stats = book.sheets.find((s) => s.name === "认定统计");
    expect(stats?.charts[0]).toMatchObject({ colours: ["#4472C4", "#ED7D31"], dataLabels: true, lines: { grid: "#D9D9D9", valueAxis: "#595959", categoryAxis: "#595959" } });
    const upload = book.sheets.find((s) => s.name === "上报数据");
    expect(upload?.print).toMatchObject({ centerHorizontally: true, centerFooter: "第 &P 页，共 &N 页", titleColumns: "$A:$C", leftMargin: 36 });
    expect(upload?.colBreaks.length).toBeGreaterThan(0);
    expect(ctx.syncs).toBeLessThanOrEqual(8);
    expect(Math.max(...ctx.requests)).toBeLessThanOrEqual(REQUEST_LIMIT);

    // Clear: back to the user's own sheets and cells.
    const ctx2 = new RequestContext(book);
    expect(await new ExcelWorkbook(ctx2 as unknown as Excel.RequestContext, CAPS).clearWriteBack()).toBe(true);
    await ctx2.sync();
    const original = bookCells(bookFromGrids(await roundTrip(dept.sheets) as never));
    expect(Object.fromEntries([...bookCells(book)].map(([k, v]) => [k, Object.fromEntries(v)]))).toEqual(Object.fromEntries([...original].map(([k, v]) => [k, Object.fromEntries(v)])));
    expect(book.sheets.flatMap((s) => [...s.cells.values()].filter((c) => c.fill))).toEqual([]);
    expect(book.notes.size).toBe(0);
  }, 60000);
});

test("a protected sheet: a clear message, nothing written", async () => {
  const dept = syntheticDepartment({ seed: 73, applicants: 25, defects: true });
  const book = bookFromGrids(await roundTrip(dept.sheets) as never);
  book.sheets[0].protected = true;
  const before = JSON.stringify(bookCells(book).get("花名册") ? [...(bookCells(book).get("花名册") as Map<string, unknown>)] : []);
  const ctx = new RequestContext(book);
  await expect(runWriteBack(new ExcelWorkbook(ctx as unknown as Excel.RequestContext, CAPS))).rejects.toThrow(/工作表“花名册”受保护.*工作簿未作改动/);
  expect(book.sheets.map((s) => s.name)).toEqual(dept.sheets.map((s) => s.name));
  expect(JSON.stringify([...(bookCells(book).get("花名册") as Map<string, unknown>)])).toBe(before);
});

test("计算等级 twice leaves one set of computed columns, in the same place (a roster named with full-width brackets too)", async () => {
  const dept = syntheticDepartment({ seed: 74, applicants: 30, defects: true, layout: { titleRows: 2, footer: true } });
  const roster = dept.sheets.find((s) => s.name === "花名册");
  if (roster) roster.name = "申报人员花名册（二级学院）";
  const book = bookFromGrids(await roundTrip(dept.sheets) as never);
  const compute = { marks: true, columns: true, sheets: false };
  await runWriteBack(new ExcelWorkbook(new RequestContext(book) as unknown as Excel.RequestContext, CAPS), { parts: compute });
  const once = bookCells(book);
  const header = [...(once.get("申报人员花名册（二级学院）") as Map<string, unknown>)].filter(([, v]) => v === "已合格相关课程数");
  expect(header).toHaveLength(1);
  await runWriteBack(new ExcelWorkbook(new RequestContext(book) as unknown as Excel.RequestContext, CAPS), { parts: compute });
  const twice = bookCells(book);
  const plain = (m: Map<string, Map<string, unknown>>) => Object.fromEntries([...m].filter(([k]) => k !== "_kz").map(([k, v]) => [k, Object.fromEntries(v)]));
  expect(plain(twice)).toEqual(plain(once));
});

test("the stand-in refuses a 1,027th page break, as Excel does", async () => {
  const book = bookFromGrids([{ name: "备案表", rows: [["x"]] }]);
  const ctx = new RequestContext(book);
  const ws = ctx.workbook.worksheets.getItem("备案表");
  for (let r = 1; r <= MAX_PAGE_BREAKS; r++) ws.horizontalPageBreaks.add(`A${r * 2}`);
  await ctx.sync();
  expect(book.sheets[0].pageBreaks).toHaveLength(MAX_PAGE_BREAKS);
  ws.horizontalPageBreaks.add("A9999");
  await expect(ctx.sync()).rejects.toThrow(/at most 1026 page breaks/);
});

test("生成表格 for 1,500 applicants through the stand-in: the 备案表 is split, no sheet over Excel's page-break limit", async () => {
  const dept = syntheticDepartment({ seed: 75, applicants: 1500, passRate: 0.95, occupations: CATALOGUE.slice(11, 12) });
  const book = bookFromGrids(await roundTrip(dept.sheets) as never);
  await runWriteBack(new ExcelWorkbook(new RequestContext(book) as unknown as Excel.RequestContext, CAPS));
  const filing = book.sheets.filter((s) => s.name.startsWith("备案表"));
  expect(filing.map((s) => s.name)).toEqual(["备案表", "备案表（2）"]);
  for (const s of book.sheets) expect(s.pageBreaks.length).toBeLessThanOrEqual(1023);
  expect(filing[0].pageBreaks).toHaveLength(999);
}, 120000);

test("Excel 2021 (no notes API): a marked cell explains itself in a comment, a user's own comment stays, clear removes ours", async () => {
  const dept = syntheticDepartment({ seed: 76, applicants: 30, defects: true });
  const book = bookFromGrids(await roundTrip(dept.sheets) as never);
  const excel2021 = { ...CAPS, notes: false };
  const ctx = new RequestContext(book);
  const host = new ExcelWorkbook(ctx as unknown as Excel.RequestContext, excel2021);
  // The user's own comment on a cell the check will mark (D3: the ID number with a wrong check digit).
  const report = (await runWriteBack(new ExcelWorkbook(new RequestContext(bookFromGrids(await roundTrip(dept.sheets) as never)) as unknown as Excel.RequestContext, excel2021))).report;
  const marked = report.issues.find((i) => i.severity === "error" && i.sheet === "花名册") as { sheet: string; cell: string };
  book.comments.set(`${marked.sheet}!${marked.cell}`, "家长确认过");
  await runWriteBack(host);
  expect(book.notes.size).toBe(0);
  expect(book.comments.get(`${marked.sheet}!${marked.cell}`)).toBe("家长确认过");
  const ours = [...book.comments].filter(([, text]) => text.startsWith("课证："));
  expect(ours.length).toBeGreaterThan(10);
  expect(ours.some(([cell, text]) => cell !== `${marked.sheet}!${marked.cell}` && /身份证号|性别|学号/.test(text))).toBe(true);
  const ctx2 = new RequestContext(book);
  expect(await new ExcelWorkbook(ctx2 as unknown as Excel.RequestContext, excel2021).clearWriteBack()).toBe(true);
  await ctx2.sync();
  expect([...book.comments]).toEqual([[`${marked.sheet}!${marked.cell}`, "家长确认过"]]);
}, 60000);
