// Issue 13 item 3: 认定统计 carries a real chart in the .xlsx the product writes (a DrawingML
// clustered bar chart with cached values), LibreOffice draws it when printing, clear removes it.
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { syntheticDepartment } from "../../src/app/synthetic";
import { CATALOGUE } from "../../src/domain/catalogue";
import { kezheng } from "../support/cli";
import { tmpDir, writeFixture } from "../support/workbooks";
import { readParts } from "../support/writers";

const dir = tmpDir();
const TITLE = "各职业（工种）可认定人数";
let input: string, out: string;

beforeAll(async () => {
  input = await writeFixture(syntheticDepartment({ seed: 95, applicants: 24, passRate: 0.9, occupations: CATALOGUE.slice(0, 3) }).sheets, path.join(dir, "学院.xlsx"));
  out = path.join(dir, "学院-课证.xlsx");
  expect([0, 1]).toContain(kezheng(["run", input, "-o", out]).code);
});

const text = (parts: Record<string, Uint8Array>, name: string) => new TextDecoder().decode(parts[name]);

test("the chart part: a clustered column chart of the occupation table, both series with their values cached, anchored below the tables on 认定统计", () => {
  const parts = readParts(out);
  const charts = Object.keys(parts).filter((n) => /^xl\/charts\/chart\d+\.xml$/.test(n));
  expect(charts).toHaveLength(1);
  const chart = text(parts, charts[0]);
  expect(chart).toContain('<c:barDir val="col"/><c:grouping val="clustered"/>');
  expect(chart).toContain(TITLE);
  expect(chart.match(/<c:ser>/g)).toHaveLength(2);
  expect(chart).toMatch(/<c:f>'认定统计'!\$B\$\d+:\$B\$\d+<\/c:f><c:numCache>/);
  expect(chart.match(/<c:pt idx="\d+"><c:v>\d+<\/c:v><\/c:pt>/g)?.length).toBeGreaterThanOrEqual(6);
  const types = text(parts, "[Content_Types].xml");
  expect(types).toContain(`PartName="/${charts[0]}" ContentType="application/vnd.openxmlformats-officedocument.drawingml.chart+xml"`);
  const workbook = text(parts, "xl/workbook.xml");
  expect(workbook).toMatch(/<definedName name="_xlnm.Print_Area" localSheetId="\d+">'认定统计'!\$A\$1:\$E\$\d+<\/definedName>/);
});

test("LibreOffice draws it: the printed 认定统计 carries the chart's title, which no cell holds", () => {
  const pdfDir = fs.mkdtempSync(path.join(os.tmpdir(), "kz-pdf-"));
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), "kz-lo-"));
  execFileSync("soffice", [`-env:UserInstallation=file://${profile}`, "--headless", "--norestore", "--convert-to", "pdf", "--outdir", pdfDir, out], { stdio: "pipe", timeout: 180000 });
  const printed = execFileSync("pdftotext", [path.join(pdfDir, "学院-课证.pdf"), "-"], { encoding: "utf8", maxBuffer: 1 << 28 }).replace(/\s+/g, "");
  expect(printed).toContain("三、按二级学院");
  expect(printed).toContain(TITLE);
  // No cell of the workbook holds the title: it is the chart that printed it.
  const cells = Object.entries(readParts(out)).filter(([n]) => /worksheets\/sheet\d+\.xml$/.test(n)).map(([, b]) => new TextDecoder().decode(b)).join("");
  expect(cells).not.toContain(TITLE);
}, 180000);

test("clear removes the chart with its sheet", () => {
  const cleared = path.join(dir, "已清除.xlsx");
  expect(kezheng(["clear", out, "-o", cleared]).code).toBe(0);
  expect(Object.keys(readParts(cleared)).filter((n) => /charts|drawings/.test(n))).toEqual([]);
  expect(text(readParts(cleared), "[Content_Types].xml")).not.toContain("chart");
});
