// 网页版 in a real browser (Debian's Chromium via playwright-core): a secretary's workbook dropped
// or picked, every action, the downloads compared part for part with what `kezheng` writes for the
// same file, no request leaving the page, keyboard only, zh-CN and en-US, light and dark, axe-core,
// screenshots at 1280 and 390 px (test-artifacts/).
import * as fs from "fs";
import * as path from "path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { checkGrids } from "../../src/app/check";
import { syntheticDepartment } from "../../src/app/synthetic";
import { clearFile, importFiles, runFile } from "../../src/cli/files";
import { mergeFiles } from "../../src/cli/merge";
import { STATUSES } from "../../src/domain/eligibility";
import { countBySeverity, groupIssues, SEVERITIES } from "../../src/app/issues";
import { TID } from "../../src/ui/testids";
import { axeViolations } from "../support/axe";
import { buildAddin, launch, serve } from "../support/browser";
import { roundTrip, tmpDir, writeFixture } from "../support/workbooks";
import { libreofficeResave, openpyxlWorkbook, readParts } from "../support/writers";

const ARTIFACTS = path.join(__dirname, "..", "..", "test-artifacts");
const dept = syntheticDepartment({ seed: 82, applicants: 40, defects: true, layout: { titleRows: 1, shuffle: true } });

let browser: Browser;
let server: { url: string; close: () => Promise<void> };
let dist: string;
let dir: string;
let input: string;

beforeAll(async () => {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  dir = tmpDir();
  input = await writeFixture(dept.sheets, path.join(dir, "信息工程学院.xlsx"));
  dist = buildAddin();
  server = await serve(dist);
  browser = await launch();
}, 240000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

interface Opened {
  page: Page;
  context: BrowserContext;
  /** Every request the page made, and the ones that went anywhere but the page's own server. */
  requests: string[];
  foreign: string[];
}

/** bypassCSP: only for injecting axe-core (the page's own policy allows no inline script). */
async function openPage(width: number, locale = "zh-CN", colorScheme: "light" | "dark" = "light", bypassCSP = false): Promise<Opened> {
  const context = await browser.newContext({ viewport: { width, height: 900 }, locale, colorScheme, acceptDownloads: true, bypassCSP });
  const page = await context.newPage();
  const requests: string[] = [];
  const foreign: string[] = [];
  await context.route("**/*", (route) => {
    const url = route.request().url();
    requests.push(url);
    if (url.startsWith(server.url)) return route.continue();
    foreign.push(url);
    return route.abort();
  });
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await page.goto(`${server.url}/web.html`);
  await page.getByTestId(TID.web).waitFor();
  expect(errors).toEqual([]);
  return { page, context, requests, foreign };
}

async function pick(page: Page, testId: string, files: string[]) {
  await page.getByTestId(`${testId}-input`).setInputFiles(files);
}

const doneMessage = (page: Page, text: RegExp) => page.getByTestId(TID.message).filter({ hasText: text }).waitFor({ timeout: 120000 });

/** Clicks an action and saves the download it offers. */
async function download(page: Page, testId: string, to: string): Promise<string> {
  const [d] = await Promise.all([page.waitForEvent("download", { timeout: 120000 }), page.getByTestId(testId).click()]);
  await d.saveAs(to);
  return d.suggestedFilename();
}

/** Two workbooks hold the same parts with the same bytes (compression aside). */
function expectSameParts(a: string, b: string) {
  const pa = readParts(a);
  const pb = readParts(b);
  expect(Object.keys(pa).sort()).toEqual(Object.keys(pb).sort());
  for (const name of Object.keys(pa)) expect([name, Buffer.from(pa[name]).equals(Buffer.from(pb[name]))]).toEqual([name, true]);
}

test("every action in the page gives what kezheng gives for the same file, part for part; nothing leaves the page", async () => {
  const expected = checkGrids(await roundTrip(dept.sheets)).report;
  const { page, context, requests, foreign } = await openPage(1280);
  await pick(page, TID.webPick, [input]);
  await doneMessage(page, /检查完成/);
  await expect(page.getByTestId(TID.webFile).innerText()).resolves.toContain("信息工程学院.xlsx");
  await expect(page.getByTestId(TID.summary).innerText()).resolves.toContain(`共 ${expected.applicants.length} 名申报人`);
  for (const s of STATUSES) {
    const n = expected.applicants.filter((a) => a.status === s).length;
    if (n > 0) await expect(page.getByTestId(TID.statusCount(s)).innerText()).resolves.toMatch(new RegExp(`${n}$`));
  }
  const checksum = expected.issues.find((i) => i.code === "ID_CHECKSUM");
  await expect(page.getByTestId(TID.issue(checksum!.sheet, checksum!.cell)).innerText()).resolves.toContain(checksum!.cell);
  await page.screenshot({ path: path.join(ARTIFACTS, "web-zh-1280.png"), fullPage: true });

  // 生成表格 = kezheng run.
  const fromPage = path.join(dir, "page-run.xlsx");
  expect(await download(page, TID.generate, fromPage)).toBe("信息工程学院-课证.xlsx");
  await doneMessage(page, /已生成 信息工程学院-课证\.xlsx/);
  const fromCli = path.join(dir, "cli-run.xlsx");
  await runFile(input, fromCli);
  expectSameParts(fromPage, fromCli);

  // 标记 and 计算等级 write less: marks only; marks and the live columns, no generated sheets.
  const marked = path.join(dir, "page-mark.xlsx");
  await download(page, TID.mark, marked);
  const markedParts = Object.keys(readParts(marked));
  expect(markedParts.length).toBeLessThan(Object.keys(readParts(fromCli)).length);
  const computed = path.join(dir, "page-compute.xlsx");
  await download(page, TID.compute, computed);
  const rosterXml = (f: string) => Buffer.from(readParts(f)["xl/worksheets/sheet1.xml"]).toString("utf8");
  expect(rosterXml(computed)).toContain("可认定等级");
  expect(rosterXml(marked)).not.toContain("可认定等级");

  // 清除 on the run's output = kezheng clear on it.
  const page2 = await context.newPage();
  await page2.goto(`${server.url}/web.html`);
  await pick(page2, TID.webPick, [fromPage]);
  await doneMessage(page2, /检查完成/);
  const clearedPage = path.join(dir, "page-clear.xlsx");
  expect(await download(page2, TID.clear, clearedPage)).toBe("page-run-已清除.xlsx");
  const clearedCli = path.join(dir, "cli-clear.xlsx");
  await clearFile(fromPage, clearedCli);
  expectSameParts(clearedPage, clearedCli);

  // 汇总: several departments (one written by openpyxl and re-saved by LibreOffice) and a broken file.
  const files: string[] = [];
  for (const k of [0, 1]) {
    const d = syntheticDepartment({ seed: 700 + k, applicants: 15, department: `第${k + 1}学院` });
    for (const row of d.sheets[0].rows.slice(1)) row[4] = `${k}-${row[4]}`;
    for (const row of d.sheets[1].rows.slice(1)) row[0] = `${k}-${row[0]}`;
    const file = path.join(dir, `第${k + 1}学院.xlsx`);
    if (k === 1) libreofficeResave(openpyxlWorkbook(d.sheets, path.join(dir, "openpyxl.xlsx")), file);
    else await writeFixture(d.sheets, file);
    files.push(file);
  }
  const broken = path.join(dir, "损坏.xlsx");
  fs.writeFileSync(broken, "not a workbook");
  const mergedPage = path.join(dir, "page-merge.xlsx");
  const [d] = await Promise.all([page.waitForEvent("download", { timeout: 120000 }), pick(page, TID.webMergePick, [...files, broken])]);
  await d.saveAs(mergedPage);
  expect(d.suggestedFilename()).toBe("汇总.xlsx");
  await expect(page.getByTestId(TID.mergeFilesList).innerText()).resolves.toMatch(/已汇总　第2学院\.xlsx（第2学院）：15 人/);
  await expect(page.getByTestId(TID.mergeFilesList).innerText()).resolves.toMatch(/未汇总　损坏\.xlsx：/);
  const mergedCli = path.join(dir, "cli-merge.xlsx");
  await mergeFiles([...files, broken], { output: mergedCli });
  expectSameParts(mergedPage, mergedCli);

  // The work ran in a worker served from the page's folder; nothing else was asked for.
  expect(requests.some((u) => /\/worker\.[0-9a-f]+\.js$/.test(u))).toBe(true);
  expect(foreign).toEqual([]);
  expect(await page.evaluate(() => [window.localStorage.length, window.sessionStorage.length])).toEqual([0, 0]);
  await context.close();
}, 300000);

test("drop a workbook onto the page; at 390 px wide", async () => {
  const { page, context, foreign } = await openPage(390);
  const bytes = fs.readFileSync(input).toString("base64");
  await page.evaluate(({ b64, testId }) => {
    const data = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
    const dt = new DataTransfer();
    dt.items.add(new File([data], "拖进来的.xlsx"));
    const zone = document.querySelector(`[data-testid="${testId}"]`) as HTMLElement;
    zone.dispatchEvent(new DragEvent("drop", { dataTransfer: dt, bubbles: true, cancelable: true }));
  }, { b64: bytes, testId: TID.webDrop });
  await doneMessage(page, /检查完成/);
  await expect(page.getByTestId(TID.webFile).innerText()).resolves.toContain("拖进来的.xlsx");
  await page.screenshot({ path: path.join(ARTIFACTS, "web-zh-390.png"), fullPage: true });
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width).toBeLessThanOrEqual(390);
  expect(foreign).toEqual([]);
  await context.close();
}, 120000);

test("keyboard only: pick a file and generate with Tab and Enter", async () => {
  const { page, context } = await openPage(1280);
  // Listening first: Chromium intercepts the file dialog only once asked to, which takes a round trip.
  const chooser = page.waitForEvent("filechooser");
  let focused = "";
  for (let i = 0; i < 10 && focused !== TID.webPick; i++) {
    await page.keyboard.press("Tab");
    focused = (await page.evaluate(() => document.activeElement?.getAttribute("data-testid"))) ?? "";
  }
  expect(focused).toBe(TID.webPick);
  await page.keyboard.press("Enter");
  await (await chooser).setFiles([input]);
  await doneMessage(page, /检查完成/);
  // Focus went to the result (below the actions): the actions are a few Shift+Tabs back.
  await expect(page.evaluate(() => document.activeElement?.getAttribute("data-testid"))).resolves.toBe(TID.webOutcome);
  for (let i = 0; i < 12 && focused !== TID.generate; i++) {
    await page.keyboard.press("Shift+Tab");
    focused = (await page.evaluate(() => document.activeElement?.getAttribute("data-testid"))) ?? "";
  }
  expect(focused).toBe(TID.generate);
  const [d] = await Promise.all([page.waitForEvent("download", { timeout: 120000 }), page.keyboard.press("Enter")]);
  expect(d.suggestedFilename()).toBe("信息工程学院-课证.xlsx");
  await context.close();
}, 120000);

test("accessibility: no WCAG 2.1 AA violation in any state, zh-CN and en-US, light and dark; an unusable file is one clear line", async () => {
  const broken = path.join(dir, "坏文件.xlsx");
  fs.writeFileSync(broken, "PK not really");
  const t = syntheticDepartment({ seed: 87, applicants: 10, layout: { grades: "tall" } });
  const exported = await writeFixture(t.sheets.filter((s) => s.name === "成绩导出"), path.join(dir, "导出-a11y.xlsx"));
  const violations: string[] = [];
  for (const [locale, scheme] of [["zh-CN", "light"], ["zh-CN", "dark"], ["en-US", "light"], ["en-US", "dark"]] as const) {
    const { page, context } = await openPage(1280, locale, scheme, true);
    const at = (s: string) => `${locale} ${scheme} ${s}`;
    violations.push(...(await axeViolations(page, at("first view"))));
    await pick(page, TID.webPick, [input]);
    await doneMessage(page, locale === "zh-CN" ? /检查完成/ : /Checked/);
    violations.push(...(await axeViolations(page, at("report"))));
    const [d] = await Promise.all([page.waitForEvent("download", { timeout: 120000 }), page.getByTestId(TID.generate).click()]);
    await d.path();
    violations.push(...(await axeViolations(page, at("downloaded"))));
    const [imported] = await Promise.all([page.waitForEvent("download", { timeout: 120000 }), pick(page, TID.importPick, [exported])]);
    await imported.path();
    await page.getByTestId(TID.importSummary).waitFor();
    await page.getByTestId(TID.message).filter({ hasText: /成绩登记册（导入）|Sheet/ }).waitFor({ timeout: 60000 });
    violations.push(...(await axeViolations(page, at("导入成绩"))));
    await pick(page, TID.webPick, [broken]);
    await page.getByTestId(TID.message).filter({ hasText: /坏文件\.xlsx/ }).waitFor({ timeout: 60000 });
    const text = await page.getByTestId(TID.message).innerText();
    expect(text).toMatch(/坏文件\.xlsx 不是 Excel 工作簿，也不是 CSV 文本：请在 Excel 或 WPS 中打开后/);
    expect(text).not.toMatch(/at \w+ \(|内部出错|Internal error/);
    violations.push(...(await axeViolations(page, at("error"))));
    const [merged] = await Promise.all([page.waitForEvent("download", { timeout: 120000 }), pick(page, TID.webMergePick, [input])]);
    await merged.path();
    await page.getByTestId(TID.mergeFilesList).waitFor();
    violations.push(...(await axeViolations(page, at("汇总"))));
    if (locale === "en-US") await page.screenshot({ path: path.join(ARTIFACTS, `web-en-${scheme}-1280.png`) });
    await context.close();
  }
  expect(violations).toEqual([]);
}, 300000);

test("cancel: a running job stops at once and nothing is offered", async () => {
  // Large enough that 生成表格 is still running when cancel is pressed.
  const large = await writeFixture(syntheticDepartment({ seed: 83, applicants: 3000 }).sheets, path.join(dir, "大学院.xlsx"));
  const { page, context } = await openPage(1280);
  await pick(page, TID.webPick, [large]);
  await doneMessage(page, /检查完成/);
  let downloads = 0;
  page.on("download", () => downloads++);
  await page.getByTestId(TID.generate).click();
  await page.getByTestId(TID.cancel).click();
  await doneMessage(page, /已取消/);
  await page.waitForTimeout(500);
  expect(downloads).toBe(0);
  await context.close();
}, 120000);

test("opened from a local folder (file://), the page still works, in the page itself", async () => {
  const context = await browser.newContext({ acceptDownloads: true, locale: "zh-CN" });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await page.goto(`file://${path.join(dist, "web.html")}`);
  await page.getByTestId(TID.web).waitFor();
  await pick(page, TID.webPick, [input]);
  await doneMessage(page, /检查完成/);
  const [d] = await Promise.all([page.waitForEvent("download", { timeout: 120000 }), page.getByTestId(TID.generate).click()]);
  const saved = path.join(dir, "file-url.xlsx");
  await d.saveAs(saved);
  const cli = path.join(dir, "cli-run-2.xlsx");
  await runFile(input, cli);
  expectSameParts(saved, cli);
  expect(errors).toEqual([]);
  await context.close();
}, 120000);

test("导入成绩 in the page: the exports into the workbook as kezheng import writes it, then 生成表格 on the result", async () => {
  const d = syntheticDepartment({ seed: 86, applicants: 25, layout: { grades: "tall", shuffle: true } });
  const exportSheet = d.sheets.find((s) => s.name === "成绩导出") as (typeof d.sheets)[number];
  const own = await writeFixture(d.sheets.filter((s) => s !== exportSheet), path.join(dir, "机电学院.xlsx"));
  const exported = await writeFixture([exportSheet], path.join(dir, "成绩导出.xlsx"));
  const { page, context, foreign } = await openPage(1280);
  await pick(page, TID.webPick, [own]);
  await doneMessage(page, /检查完成/);
  const [d1] = await Promise.all([page.waitForEvent("download", { timeout: 120000 }), pick(page, TID.importPick, [exported])]);
  expect(d1.suggestedFilename()).toBe("机电学院-导入.xlsx");
  const fromPage = path.join(dir, "page-import.xlsx");
  await d1.saveAs(fromPage);
  await page.getByTestId(TID.message).filter({ hasText: /成绩登记册（导入）/ }).waitFor({ timeout: 60000 });
  await expect(page.getByTestId(TID.importSummary).innerText()).resolves.toMatch(/成绩导出\.xlsx：\d+ 行成绩/);
  const fromCli = path.join(dir, "cli-import.xlsx");
  await importFiles([exported], own, fromCli);
  expectSameParts(fromPage, fromCli);
  // The imported workbook is now the page's: 生成表格 gives what kezheng run gives for it.
  const runPage = path.join(dir, "page-import-run.xlsx");
  expect(await download(page, TID.generate, runPage)).toBe("机电学院-导入-课证.xlsx");
  const runCli = path.join(dir, "cli-import-run.xlsx");
  await runFile(fromCli, runCli);
  expectSameParts(runPage, runCli);
  expect(foreign).toEqual([]);
  await context.close();
}, 180000);

test("the issue list in the page: groups and counts as the report's, filters, a group opened names its cells; keyboard only; axe zh/en light/dark", async () => {
  const expected = checkGrids(await roundTrip(dept.sheets)).report;
  const n = countBySeverity(expected.issues);
  const violations: string[] = [];
  for (const [locale, scheme] of [["zh-CN", "light"], ["zh-CN", "dark"], ["en-US", "light"], ["en-US", "dark"]] as const) {
    const groups = groupIssues(expected.issues, locale);
    const largest = [...groups].sort((a, b) => b.issues.length - a.issues.length)[0];
    const { page, context } = await openPage(locale === "zh-CN" ? 1280 : 390, locale, scheme, true);
    const at = (s: string) => `${locale} ${scheme} issue list ${s}`;
    await pick(page, TID.webPick, [input]);
    await doneMessage(page, locale === "zh-CN" ? /检查完成/ : /Checked/);
    const shownGroups = () => page.locator(`[data-testid^="kz-group-"]:not([data-testid^="kz-group-toggle-"])`).evaluateAll((els) => els.map((e) => e.getAttribute("data-testid")));
    const label = { error: locale === "zh-CN" ? "错误" : "Error", warning: locale === "zh-CN" ? "警告" : "Warning", info: locale === "zh-CN" ? "提示" : "Note" };
    for (const s of SEVERITIES) await expect(page.getByTestId(TID.issueFilter(s)).innerText()).resolves.toMatch(new RegExp(`^(✓\\s*)?${label[s]} ${n[s]}$`));
    await expect(shownGroups()).resolves.toEqual(groups.filter((g) => g.severity !== "info").map((g) => TID.issueGroup(g.key)));
    const text = await page.getByTestId(TID.issues).innerText();
    for (const g of groups.filter((x) => x.severity !== "info")) expect(text).toContain(g.label);
    expect(text).not.toMatch(/[A-Z]{2,}_[A-Z_]+/);
    violations.push(...(await axeViolations(page, at("grouped"))));
    // Keyboard only: Tab to the notes' toggle, Space shows them; Tab to the largest group, Enter opens it.
    const tabTo = async (id: string) => {
      let focused = "";
      for (let i = 0; i < 80 && focused !== id; i++) {
        await page.keyboard.press("Tab");
        focused = (await page.evaluate(() => document.activeElement?.getAttribute("data-testid"))) ?? "";
      }
      expect(focused).toBe(id);
    };
    await tabTo(TID.issueFilter("info"));
    await page.keyboard.press("Space");
    await expect(page.getByTestId(TID.issueFilter("info")).getAttribute("aria-pressed")).resolves.toBe("true");
    await expect(shownGroups()).resolves.toEqual(groups.map((g) => TID.issueGroup(g.key)));
    await tabTo(TID.issueGroupToggle(largest.key));
    await page.keyboard.press("Enter");
    await expect(page.getByTestId(TID.issueGroupToggle(largest.key)).getAttribute("aria-expanded")).resolves.toBe("true");
    // The page names each cell (nothing to select in a downloaded file).
    for (const i of largest.issues.slice(0, 100)) await expect(page.getByTestId(TID.issueGroup(largest.key)).getByTestId(TID.issue(i.sheet, i.cell)).innerText()).resolves.toContain(i.cell);
    violations.push(...(await axeViolations(page, at("notes shown, a group open"))));
    // Errors only: the warnings' toggle off changes what is shown.
    await page.getByTestId(TID.issueFilter("warning")).click();
    await page.getByTestId(TID.issueFilter("info")).click();
    await expect(shownGroups()).resolves.toEqual(groups.filter((g) => g.severity === "error").map((g) => TID.issueGroup(g.key)));
    violations.push(...(await axeViolations(page, at("errors only"))));
    if (scheme === "light") await page.screenshot({ path: path.join(ARTIFACTS, `web-issues-${locale}-${locale === "zh-CN" ? 1280 : 390}.png`), fullPage: true });
    await context.close();
  }
  expect(violations).toEqual([]);
}, 300000);

describe("issue 24: one workbook, one job at a time, results that belong to their workbook", () => {
  /** Drops files onto the page's drop zone as a person would. */
  const dropFile = (page: Page, name: string, file: string) => page.evaluate(({ b64, name, testId }) => {
    const data = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
    const dt = new DataTransfer();
    dt.items.add(new File([data], name));
    const zone = document.querySelector(`[data-testid="${testId}"]`) as HTMLElement;
    zone.dispatchEvent(new DragEvent("drop", { dataTransfer: dt, bubbles: true, cancelable: true }));
  }, { b64: fs.readFileSync(file).toString("base64"), name, testId: TID.webDrop });

  test("after another workbook is opened, the first one's download is no longer offered; focus moves to the result, announced politely", async () => {
    const { page, context } = await openPage(1280);
    await pick(page, TID.webPick, [input]);
    await doneMessage(page, /检查完成/);
    await download(page, TID.generate, path.join(dir, "first.xlsx"));
    await doneMessage(page, /已下载|下载/);
    await expect(page.getByTestId(TID.download).count()).resolves.toBe(1);
    // Focus is on the outcome, which is a polite live region.
    const outcome = page.getByTestId(TID.webOutcome);
    await expect(outcome.getAttribute("aria-live")).resolves.toBe("polite");
    await expect(page.evaluate((id) => document.activeElement?.getAttribute("data-testid") === id, TID.webOutcome)).resolves.toBe(true);
    const other = await writeFixture(syntheticDepartment({ seed: 85, applicants: 12 }).sheets, path.join(dir, "机电工程学院.xlsx"));
    await pick(page, TID.webPick, [other]);
    await doneMessage(page, /检查完成/);
    await expect(page.getByTestId(TID.webFile).innerText()).resolves.toContain("机电工程学院.xlsx");
    await expect(page.getByTestId(TID.download).count()).resolves.toBe(0);
    await context.close();
  }, 180000);

  test("a second file dropped while the first is still being worked on is refused with a line; the first one's report stands", async () => {
    const large = await writeFixture(syntheticDepartment({ seed: 86, applicants: 3000 }).sheets, path.join(dir, "大学院二.xlsx"));
    const { page, context } = await openPage(1280);
    await dropFile(page, "大学院二.xlsx", large);
    await dropFile(page, "第二个.xlsx", input);
    await page.getByTestId(TID.webRefused).filter({ hasText: /正在处理“大学院二\.xlsx”.*这次没有打开新文件/ }).waitFor({ timeout: 30000 });
    await doneMessage(page, /检查完成/);
    // The refusal stays beside the outcome, so it is not missed; the next action takes it away.
    await expect(page.getByTestId(TID.webRefused).count()).resolves.toBe(1);
    await expect(page.getByTestId(TID.webFile).innerText()).resolves.toContain("大学院二.xlsx");
    const applicants = Number(await page.getByTestId(TID.statusCount("eligible")).innerText().then((s) => /\d+/.exec(s)?.[0] ?? "0"));
    expect(applicants).toBeGreaterThan(100);
    await context.close();
  }, 180000);

  test("an .xls or .csv workbook is checked, and the actions that would only fail are not offered, with the reason", async () => {
    const csv = path.join(dir, "花名册.csv");
    const sheet = dept.sheets[0];
    const headerAt = sheet.rows.findIndex((r) => r.includes("姓名"));
    fs.writeFileSync(csv, sheet.rows.slice(headerAt).map((r) => r.map((v) => (v === null ? "" : String(v))).join(",")).join("\n"));
    const { page, context } = await openPage(1280);
    await pick(page, TID.webPick, [csv]);
    await doneMessage(page, /检查完成/);
    for (const a of [TID.mark, TID.compute, TID.generate, TID.clear, TID.importPick]) await expect(page.getByTestId(a).count()).resolves.toBe(0);
    await expect(page.getByTestId(TID.webReadOnly).innerText()).resolves.toMatch(/另存为.*\.xlsx/);
    await context.close();
  }, 120000);

  test("opened from a local folder: a double click runs the job once; the page says it cannot work in the background; a hostile .ods gets one line", async () => {
    const context = await browser.newContext({ acceptDownloads: true, locale: "zh-CN" });
    const page = await context.newPage();
    await page.goto(`file://${path.join(dist, "web.html")}`);
    await page.getByTestId(TID.web).waitFor();
    const big = await writeFixture(syntheticDepartment({ seed: 87, applicants: 1500 }).sheets, path.join(dir, "双击.xlsx"));
    await pick(page, TID.webPick, [big]);
    await doneMessage(page, /检查完成/);
    let downloads = 0;
    page.on("download", () => downloads++);
    await page.getByTestId(TID.generate).dblclick();
    await page.getByTestId(TID.webInPage).waitFor({ timeout: 10000 });
    await doneMessage(page, /下载/);
    await page.waitForTimeout(1500);
    expect(downloads).toBe(1);
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const hostile = require("../../scripts/hostile.js");
    const bomb = hostile.odsRepeated(path.join(dir, "重复.ods"));
    await pick(page, TID.webPick, [bomb]);
    const line = page.getByTestId(TID.message).filter({ hasText: /重复\.ods 的单元格重复次数展开后超过/ });
    await line.waitFor({ timeout: 30000 });
    await expect(line.innerText()).resolves.not.toMatch(/[a-z]{6,}/);
    await context.close();
  }, 240000);
});
