// Issue 18: the layout of the generated sheets, as numbers (the printed proof is test/print/paper.test.ts).
import { columnBreaks, columnPoints, fitWidth, layOut, LINE_ROW_HEIGHT, lineCount, textWidth } from "../../src/forms/layout";
import { cell, type SheetSpec } from "../../src/forms/sheetspec";

const sheet = (rows: SheetSpec["rows"], extra: Partial<SheetSpec> = {}): SheetSpec => ({ name: "表", rows, merges: [], widths: [], ...extra });

test("a CJK character counts two Latin widths", () => {
  expect(textWidth("电工")).toBe(4);
  expect(textWidth("4-04-05-01")).toBeCloseTo(11, 5);
  expect(textWidth("（）")).toBe(4);
});

test("lines: CJK text breaks anywhere, Latin words at spaces, each paragraph on its own line", () => {
  expect(lineCount("电工", 10)).toBe(1);
  // 20 CJK characters = 40 widths in a column 21.5 wide (20 of room): two lines.
  expect(lineCount("一二三四五六七八九十一二三四五六七八九十", 21.5)).toBe(2);
  expect(lineCount("一\n二\n三", 30)).toBe(3);
  expect(lineCount("alpha beta gamma", 8)).toBe(3);
});

test("a column is as wide as its longest value, at least its designed width, at most its cap; headers count as two lines", () => {
  const spec = sheet([
    [cell("序号", "header"), cell("职业名称", "header"), cell("说明", "header")],
    [cell(1), cell("机床装调维修工（数控机床装调维修工）"), cell("很长的说明".repeat(20), "wrap")],
  ], { widths: [6, 10, 10], caps: [6, 60, 30] });
  const { widths, heightOf } = layOut(spec, spec.rows);
  expect(widths[0]).toBe(6);
  expect(widths[1]).toBe(fitWidth(10, 60, textWidth("机床装调维修工（数控机床装调维修工）") + 1.5));
  expect(widths[2]).toBe(30);
  expect(heightOf(0)).toBe(LINE_ROW_HEIGHT);
  // 200 widths of text in 28.5 of room: 8 lines of 11 pt.
  expect(heightOf(1)).toBe(Math.ceil((8 * 11 * 1.5 + 4) * 4) / 4);
});

test("a merged title wraps across its merge's width; a 16 pt title row is taller than a line; a form's least height holds", () => {
  const spec = sheet([[cell("标题", "title")], [cell("长".repeat(40), "subtitle")], [cell("a"), cell("b"), cell("c")]], { widths: [10, 10, 10], merges: ["A1:C1", "A2:C2"] });
  const { widths, heightOf } = layOut(spec, spec.rows);
  expect(widths).toEqual([10, 10, 10]);
  expect(heightOf(0)).toBe(Math.ceil((16 * 1.5 + 4) * 4) / 4);
  // 80 widths in 30 - 1.5 of room: 3 lines.
  expect(heightOf(1)).toBe(Math.ceil((3 * 11 * 1.5 + 4) * 4) / 4);
  expect(heightOf(2)).toBe(LINE_ROW_HEIGHT);
  expect(layOut({ ...spec, rowHeight: 22 }, spec.rows).heightOf(2)).toBe(22);
});

test("column breaks keep groups together and leave room for the repeated columns", () => {
  const widths = [10, 10, 10, 20, ...Array(12).fill(10)];
  const page = 4 * columnPoints(10) + 6 * columnPoints(10) + 1;
  const breaks = columnBreaks(widths, 2, 4, 3, page);
  expect(breaks.length).toBeGreaterThan(0);
  for (const b of breaks) expect((b - 4) % 3).toBe(0);
});
