// The file host's reader against an independent one (ExcelJS's) on files ExcelJS wrote.
import ExcelJS from "exceljs";
import * as path from "path";
import { syntheticDepartment } from "../../src/app/synthetic";
import { readGridsFromFile } from "../../src/cli/files";
import { tmpDir, writeFixture } from "../support/workbooks";

/** ExcelJS's full reader, as values: the reference the file host is held to. */
async function excelJsGrids(file: string) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return wb.worksheets.map((ws) => {
    const rows: unknown[][] = [];
    ws.eachRow({ includeEmpty: false }, (row, r) => {
      const cells: unknown[] = [];
      row.eachCell({ includeEmpty: false }, (cell, c) => {
        if (cell.type === ExcelJS.ValueType.Merge) return;
        const v = cell.value as unknown;
        cells[c - 1] = v && typeof v === "object" && "richText" in (v as object) ? (v as ExcelJS.CellRichTextValue).richText.map((t) => t.text).join("") : v;
      });
      for (let i = 0; i < cells.length; i++) if (cells[i] === undefined || cells[i] === "") cells[i] = null;
      while (cells.length && cells[cells.length - 1] === null) cells.pop();
      rows[r - 1] = cells;
    });
    for (let i = 0; i < rows.length; i++) if (rows[i] === undefined) rows[i] = [];
    return { name: ws.name, rows };
  });
}

describe("the file host reads what ExcelJS reads", () => {
  test("synthetic department with title merges, wide register, messy values", async () => {
    const file = await writeFixture(syntheticDepartment({ seed: 5, applicants: 25, layout: { titleRows: 2, grades: "wide", messyValues: true, footer: true }, defects: true }).sheets);
    const ours = await readGridsFromFile(file);
    expect(ours.map((g) => ({ name: g.name, rows: g.rows }))).toEqual(await excelJsGrids(file));
  });

  test("every kind of cell value: text, numbers, dates, booleans, formulas, rich text, errors, merges", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("杂项");
    ws.getCell("A1").value = "标题";
    ws.mergeCells("A1:C1");
    ws.getCell("A2").value = 41162820030916;
    ws.getCell("B2").value = new Date(Date.UTC(2023, 10, 1));
    ws.getCell("B2").numFmt = "yyyy-mm-dd";
    ws.getCell("C2").value = true;
    ws.getCell("D2").value = { formula: "1+1", result: 2 };
    ws.getCell("E2").value = { richText: [{ text: "张" }, { text: "三", font: { bold: true } }] };
    ws.getCell("F2").value = { error: "#N/A" };
    ws.getCell("G2").value = { text: "链接", hyperlink: "https://example.invalid/" };
    ws.getCell("H2").value = "４１０１";
    ws.getCell("I2").value = { formula: "\"甲\"&\"乙\"", result: "甲乙" };
    const file = path.join(tmpDir(), "values.xlsx");
    await wb.xlsx.writeFile(file);
    const ours = await readGridsFromFile(file);
    expect(ours[0].rows).toEqual([["标题"], [41162820030916, new Date(Date.UTC(2023, 10, 1)), true, 2, "张三", "#N/A", "链接", "４１０１", "甲乙"]]);
  });
});
