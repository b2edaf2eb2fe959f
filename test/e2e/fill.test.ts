// 填写上报模板 in the page and in the pane, in Debian's Chromium: a department's workbook, then the
// city's template; the download is the file `kezheng fill` writes, part for part, and no request
// leaves the page.
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import type { Browser } from "playwright-core";
import { TID } from "../../src/ui/testids";
import { axeViolations } from "../support/axe";
import { readAnyGrids } from "../../src/hosts/formats/read";
import { buildAddin, buildStandIn, launch, serve } from "../support/browser";
import { kezheng } from "../support/cli";
import { tmpDir } from "../support/workbooks";
import { readParts } from "../support/writers";

const PYTHON = fs.existsSync("/usr/bin/python3") ? "/usr/bin/python3" : "python3";
let browser: Browser;
let standIn: string;
let server: { url: string; close: () => Promise<void> };
const dir = tmpDir();
const roster = path.join(dir, "信息工程学院.xlsx");
const template = path.join(dir, "考生信息导入模板.xlsx");

beforeAll(async () => {
  expect(kezheng(["demo", "-o", roster]).code).toBe(0);
  execFileSync(PYTHON, [path.join(__dirname, "..", "support", "filltemplate.py"), "make", template]);
  standIn = buildStandIn();
  server = await serve(buildAddin());
  browser = await launch();
}, 240000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

function expectSameParts(x: string, y: string) {
  const a = readParts(y);
  const b = readParts(x);
  expect(Object.keys(b)).toEqual(Object.keys(a));
  for (const name of Object.keys(a)) expect(Buffer.from(b[name]).equals(Buffer.from(a[name]))).toBe(true);
}

test("the page fills the template from the current workbook: the same file as kezheng fill, and what it read is shown", async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "zh-CN", acceptDownloads: true, bypassCSP: true });
  const page = await context.newPage();
  const foreign: string[] = [];
  await context.route("**/*", (route) => {
    if (route.request().url().startsWith(server.url)) return route.continue();
    foreign.push(route.request().url());
    return route.abort();
  });
  await page.goto(`${server.url}/web.html`);
  await page.getByTestId(`${TID.webPick}-input`).setInputFiles([roster]);
  await page.getByTestId(TID.message).filter({ hasText: /检查完成/ }).waitFor({ timeout: 120000 });
  const [d] = await Promise.all([page.waitForEvent("download", { timeout: 120000 }), page.getByTestId(`${TID.fillPick}-input`).setInputFiles([template])]);
  expect(d.suggestedFilename()).toBe("考生信息导入模板-已填写.xlsx");
  const fromPage = path.join(dir, "page.xlsx");
  await d.saveAs(fromPage);
  const summary = await page.getByTestId(TID.fillSummary).innerText();
  expect(summary).toContain("模板工作表“考生信息”，表头在第 3 行。");
  expect(summary).toMatch(/K 级别 ← 申报级别/);
  expect(summary).toMatch(/已填写 \d+ 行（自第 4 行起）/);
  expect(summary).toContain("留空的列：民族、备注。");
  const fromCli = path.join(dir, "cli.xlsx");
  expect(kezheng(["fill", template, "--from", roster, "-o", fromCli]).code).toBe(1);
  expectSameParts(fromPage, fromCli);
  expect(await axeViolations(page, "填写上报模板")).toEqual([]);
  expect(foreign).toEqual([]);
  await context.close();
}, 240000);

test("the pane fills the template from the open workbook (Office.js stand-in): the same file as kezheng fill", async () => {
  const grids = await readAnyGrids(roster, new Uint8Array(fs.readFileSync(roster)));
  const page = await browser.newPage({ viewport: { width: 400, height: 900 }, acceptDownloads: true });
  const fixture = `window.__KZ_FIXTURE__ = ${JSON.stringify({ grids })}; window.__KZ_LANG__ = "zh-CN"; window.__KZ_THEME__ = null;\n`;
  const foreign: string[] = [];
  await page.route("**/*", (route) => {
    const url = route.request().url();
    if (url.startsWith("https://appsforoffice.microsoft.com/")) return route.fulfill({ contentType: "application/javascript", body: fixture + standIn });
    if (url.startsWith(server.url)) return route.continue();
    foreign.push(url);
    return route.abort();
  });
  await page.goto(`${server.url}/taskpane.html`);
  await page.getByTestId(TID.pane).waitFor();
  await page.getByTestId(TID.fillToggle).click();
  const [d] = await Promise.all([page.waitForEvent("download", { timeout: 120000 }), page.getByTestId(`${TID.fillPick}-input`).setInputFiles([template])]);
  expect(d.suggestedFilename()).toBe("考生信息导入模板-已填写.xlsx");
  const fromPane = path.join(dir, "pane.xlsx");
  await d.saveAs(fromPane);
  await page.getByTestId(TID.fillMessage).filter({ hasText: /已生成 考生信息导入模板-已填写\.xlsx/ }).waitFor({ timeout: 60000 });
  await expect(page.getByTestId(TID.fillSummary).innerText()).resolves.toContain("留空的列：民族、备注。");
  const fromCli = path.join(dir, "cli-pane.xlsx");
  kezheng(["fill", template, "--from", roster, "-o", fromCli]);
  expectSameParts(fromPane, fromCli);
  expect(await axeViolations(page, "填写上报模板（加载项）")).toEqual([]);
  expect(foreign).toEqual([]);
  await page.close();
}, 240000);
