import ExcelJS from "exceljs";
import * as path from "path";
import { syntheticDepartment } from "../../src/app/synthetic";
import { openWorkbookFile } from "../../src/hosts/xlsx/open";
import { readGridsStreaming } from "../../src/hosts/xlsx/stream";
import { XlsxWorkbook } from "../../src/hosts/xlsx/workbook";
import { tmpDir, writeFixture } from "../support/workbooks";

describe("the streaming reader (check) and the full reader (run) read the same grids", () => {
  test("synthetic department with title merges, wide register, messy values", async () => {
    const file = await writeFixture(syntheticDepartment({ seed: 5, applicants: 25, layout: { titleRows: 2, grades: "wide", messyValues: true, footer: true }, defects: true }).sheets);
    const full = await new XlsxWorkbook(await openWorkbookFile(file)).readSheets();
    const streamed = await readGridsStreaming(file);
    expect(streamed.map((g) => ({ name: g.name, rows: g.rows }))).toEqual(full.map((g) => ({ name: g.name, rows: g.rows })));
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
    const file = path.join(tmpDir(), "values.xlsx");
    await wb.xlsx.writeFile(file);
    const full = await new XlsxWorkbook(await openWorkbookFile(file)).readSheets();
    const streamed = await readGridsStreaming(file);
    const expected = [["标题"], [41162820030916, new Date(Date.UTC(2023, 10, 1)), true, 2, "张三", "#N/A", "链接", "４１０１"]];
    expect(full[0].rows).toEqual(expected);
    expect(streamed[0].rows).toEqual(expected);
  });
});
