// The task pane in a real browser (Debian's Chromium via playwright-core), Office.js answered by
// the strict stand-in, on a generated workbook full of problems: every action, what the workbook
// holds afterwards, what the pane shows, screenshots at 320 and 500 px (test-artifacts/).
import ExcelJS from "exceljs";
import * as fs from "fs";
import * as path from "path";
import type { Browser, Page } from "playwright-core";
import { checkGrids } from "../../src/app/check";
import { syntheticDepartment } from "../../src/app/synthetic";
import { runFile } from "../../src/cli/files";
import { importGrades } from "../../src/app/import";
import { readAnyGrids } from "../../src/hosts/formats/read";
import { STATUSES } from "../../src/domain/eligibility";
import { countBySeverity, errorsInOrder, groupIssues, PAGE, SEVERITIES, sheetRanks } from "../../src/app/issues";
import { TID } from "../../src/ui/testids";
import { axeViolations } from "../support/axe";
import { buildAddin, buildStandIn, launch, openPane as openPaneWith, serve } from "../support/browser";
import { letters } from "../support/standin/model";
import { roundTrip, tmpDir, writeFixture } from "../support/workbooks";
import { libreofficeResave, openpyxlWorkbook, readParts } from "../support/writers";

const ARTIFACTS = path.join(__dirname, "..", "..", "test-artifacts");
const dept = syntheticDepartment({ seed: 81, applicants: 60, defects: true, layout: { titleRows: 2, shuffle: true, footer: true } });

let browser: Browser;
let server: { url: string; close: () => Promise<void> };
let standIn: string;
let grids: Awaited<ReturnType<typeof roundTrip>>;

beforeAll(async () => {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  grids = await roundTrip(dept.sheets);
  standIn = buildStandIn();
  server = await serve(buildAddin());
  browser = await launch();
}, 240000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

// Excel desktop's dark theme as Office.context.officeTheme reports it.
const DARK = { bodyBackgroundColor: "#292929", bodyForegroundColor: "#FFFFFF" };

const openPane = (width: number, lang = "zh-CN", dark = false): Promise<Page> =>
  openPaneWith({ browser, serverUrl: server.url, standIn, fixture: { grids }, width, lang, theme: dark ? DARK : null });

type Snapshot = { name: string; visibility: string; cells: [string, unknown, string | null][] }[];
const snapshot = (page: Page) => page.evaluate(() => (window as unknown as { __kzStandIn: { snapshot: () => unknown } }).__kzStandIn.snapshot()) as Promise<Snapshot>;

function cellsOf(s: Snapshot, sheet: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of s.find((x) => x.name === sheet)?.cells ?? []) {
    const [r, c] = k.split(",").map(Number);
    if (v !== "") out[`${letters(c)}${r + 1}`] = v;
  }
  return out;
}

async function act(page: Page, id: string, done: RegExp) {
  await page.getByTestId(id).click();
  await page.getByTestId(TID.message).filter({ hasText: done }).waitFor({ timeout: 60000 });
}

test("every action, in Chinese, at 320 px and 500 px", async () => {
  const expected = checkGrids(grids).report;
  const page = await openPane(320);
  await act(page, TID.check, /检查完成/);
  for (const s of STATUSES) {
    const n = expected.applicants.filter((a) => a.status === s).length;
    if (n > 0) await expect(page.getByTestId(TID.statusCount(s)).innerText()).resolves.toMatch(new RegExp(`${n}$`));
  }
  await expect(page.getByTestId(TID.summary).innerText()).resolves.toContain(`共 ${expected.applicants.length} 名申报人`);
  await expect(page.getByTestId(TID.chart).innerText()).resolves.toMatch(/三级 \d+ · 四级 \d+/);
  await page.screenshot({ path: path.join(ARTIFACTS, "taskpane-zh-320.png") });

  // An issue selects its cell.
  const checksum = expected.issues.find((i) => i.code === "ID_CHECKSUM");
  expect(checksum).toBeDefined();
  await page.getByTestId(TID.issue(checksum!.sheet, checksum!.cell)).click();
  await page.waitForFunction(() => (window as unknown as { __kzStandIn: { active: () => unknown } }).__kzStandIn.active() !== null);
  await expect(page.evaluate(() => (window as unknown as { __kzStandIn: { active: () => unknown } }).__kzStandIn.active())).resolves.toEqual({ sheet: checksum!.sheet, cell: checksum!.cell });
  // Checking writes nothing.
  const original = await snapshot(page);
  expect(original.map((s) => s.name)).toEqual(dept.sheets.map((s) => s.name));

  await act(page, TID.mark, /已标记问题单元格/);
  let now = await snapshot(page);
  expect(now.find((s) => s.name === "花名册")?.cells.some(([, , fill]) => fill === "#FFC7CE")).toBe(true);
  expect(now.some((s) => s.name === "备案表")).toBe(false);

  await act(page, TID.compute, /实时公式/);
  now = await snapshot(page);
  expect(Object.values(cellsOf(now, "花名册"))).toContain("已合格相关课程数");
  expect(now.some((s) => s.name === "备案表")).toBe(false);

  await act(page, TID.generate, /已生成全部表格/);
  now = await snapshot(page);
  const counts = await page.evaluate(() => (window as unknown as { __kzStandIn: { counts: () => { syncs: number; largest: number } } }).__kzStandIn.counts());
  expect(counts.largest).toBeLessThan(5 * 1024 * 1024);

  // The same workbook the command line writes from the same input.
  const dir = tmpDir();
  const out = path.join(dir, "out.xlsx");
  await runFile(await writeFixture(dept.sheets, path.join(dir, "in.xlsx")), out);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(out);
  expect(now.map((s) => s.name).filter((n) => n !== "_kz")).toEqual(wb.worksheets.map((w) => w.name).filter((n) => n !== "_kz"));
  for (const ws of wb.worksheets) {
    if (ws.name === "_kz") continue;
    const fileCells: Record<string, unknown> = {};
    ws.eachRow((row) => row.eachCell((c) => {
      if (c.type === ExcelJS.ValueType.Merge) return;
      const v = c.value as ExcelJS.CellValue;
      if (v && typeof v === "object" && ("formula" in v || "sharedFormula" in v)) fileCells[c.address] = `=${c.formula}`;
      else if (v !== null && v !== undefined && v !== "") fileCells[c.address] = v;
    }));
    expect(cellsOf(now, ws.name)).toEqual(fileCells);
  }

  await page.setViewportSize({ width: 500, height: 900 });
  await page.screenshot({ path: path.join(ARTIFACTS, "taskpane-zh-500.png") });

  await act(page, TID.clear, /已清除/);
  now = await snapshot(page);
  expect(now.map((s) => s.name)).toEqual(original.map((s) => s.name));
  for (const s of original) expect(cellsOf(now, s.name)).toEqual(cellsOf(original, s.name));
  expect(now.flatMap((s) => s.cells.filter(([, , fill]) => fill))).toEqual([]);

  // Settings: edit the 设置 sheet.
  await page.getByTestId(TID.settingsToggle).click();
  await page.getByTestId(TID.setting("学校名称")).fill("示例职业技术学院");
  await page.getByTestId(TID.settingsSave).click();
  await page.getByTestId(TID.message).filter({ hasText: /设置已保存/ }).waitFor();
  now = await snapshot(page);
  expect(Object.values(cellsOf(now, "设置"))).toEqual(expect.arrayContaining(["学校名称", "示例职业技术学院"]));
  await page.close();
}, 180000);

test("keyboard: the actions are reachable with Tab and run with Enter", async () => {
  const page = await openPane(320);
  await page.keyboard.press("Tab");
  await expect(page.evaluate(() => document.activeElement?.getAttribute("data-testid"))).resolves.toBe(TID.check);
  await page.keyboard.press("Enter");
  await page.getByTestId(TID.message).filter({ hasText: /检查完成/ }).waitFor();
  await page.close();
}, 60000);

test("in English by Office's display language", async () => {
  const page = await openPane(500, "en-US");
  await act(page, TID.check, /Checked/);
  await expect(page.getByTestId(TID.summary).innerText()).resolves.toContain("60 applicants");
  await page.screenshot({ path: path.join(ARTIFACTS, "taskpane-en-500.png") });
  await page.close();
  // A workbook that cannot be checked is explained in the pane's language too (the message table's en-US).
  const noRoster = await openPaneWith({ browser, serverUrl: server.url, standIn, fixture: { grids: grids.filter((g) => g.name !== dept.sheets[0].name) }, width: 500, lang: "en-US" });
  await noRoster.getByTestId(TID.check).click();
  const said = noRoster.getByTestId(TID.message).filter({ hasText: /No roster found/ });
  await said.waitFor();
  await expect(said.innerText()).resolves.toContain("No roster found: a sheet whose header row has 姓名, 身份证号 and 职业编码");
  await noRoster.close();
}, 60000);

test("汇总: department files picked in the pane are merged and the summary sheets written into the workbook", async () => {
  const dir = tmpDir();
  const files: string[] = [];
  for (const k of [0, 1, 2]) {
    const d = syntheticDepartment({ seed: 900 + k, applicants: 25, department: `第${k + 1}学院` });
    for (const row of d.sheets[0].rows.slice(1)) row[4] = `${k}-${row[4]}`;
    for (const row of d.sheets[1].rows.slice(1)) row[0] = `${k}-${row[0]}`;
    const file = path.join(dir, `第${k + 1}学院.xlsx`);
    // The third department's file comes from openpyxl and LibreOffice, with a chart and a picture.
    if (k === 2) libreofficeResave(openpyxlWorkbook(d.sheets, path.join(dir, "openpyxl.xlsx")), file);
    else await writeFixture(d.sheets, file);
    files.push(file);
  }
  expect(Object.keys(readParts(files[2])).some((n) => /^xl\/charts\/chart\d+\.xml$/.test(n))).toBe(true);
  const broken = path.join(dir, "损坏.xlsx");
  fs.writeFileSync(broken, "not a workbook");
  const page = await openPane(500);
  await page.getByTestId(TID.mergeToggle).click();
  await page.getByTestId(`${TID.mergeFiles}-input`).setInputFiles([...files, broken]);
  const list = page.getByTestId(TID.mergeFilesList);
  await list.waitFor({ timeout: 60000 });
  await expect(list.innerText()).resolves.toMatch(/已汇总　第1学院\.xlsx（第1学院）：25 人/);
  await expect(list.innerText()).resolves.toMatch(/已汇总　第3学院\.xlsx（第3学院）：25 人/);
  await expect(list.innerText()).resolves.toMatch(/未汇总　损坏\.xlsx：.*不是 Excel 工作簿/);
  await page.getByTestId(TID.mergeWrite).click();
  await page.getByTestId(TID.mergeMessage).filter({ hasText: /已写入汇总表格/ }).waitFor({ timeout: 60000 });
  const now = await snapshot(page);
  for (const name of ["汇总情况", "申报人员花名册", "获证人员汇总表", "公示名单", "认定统计", "认定计划", "归档清单"]) expect(now.some((s) => s.name === name)).toBe(true);
  expect(Object.values(cellsOf(now, "申报人员花名册"))).toContain("来源");
  await page.screenshot({ path: path.join(ARTIFACTS, "taskpane-merge-500.png") });
  await page.close();
}, 120000);

type StandInControl = { hold: () => void; release: () => void; failNextSync: (code: string) => void };
const standInDo = (page: Page, what: keyof StandInControl, arg?: string) =>
  page.evaluate(([w, a]) => (window as unknown as { __kzStandIn: Record<string, (x?: string) => void> }).__kzStandIn[w as string](a), [what, arg]);

test("accessibility: no WCAG 2.1 AA violation in any state, zh-CN and en-US, light and dark", async () => {
  const dir = tmpDir();
  const file = path.join(dir, "第1学院.xlsx");
  await writeFixture(syntheticDepartment({ seed: 905, applicants: 12 }).sheets, file);
  const violations: string[] = [];
  for (const [lang, dark] of [["zh-CN", false], ["zh-CN", true], ["en-US", false], ["en-US", true]] as const) {
    const page = await openPane(360, lang, dark);
    const at = (state: string) => `${lang} ${dark ? "dark" : "light"} ${state}`;
    violations.push(...(await axeViolations(page, at("first view"))));
    // Mid-run: round trips held, the progress bar and cancel showing.
    await standInDo(page, "hold");
    await page.getByTestId(TID.generate).click();
    await page.getByTestId(TID.progress).waitFor();
    violations.push(...(await axeViolations(page, at("progress"))));
    await standInDo(page, "release");
    await page.getByTestId(TID.message).filter({ hasText: lang === "zh-CN" ? /已生成全部表格/ : /All sheets generated/ }).waitFor({ timeout: 60000 });
    await page.getByTestId(TID.chart).waitFor();
    violations.push(...(await axeViolations(page, at("summary, chart and issues"))));
    // An error: Excel refuses the next round trip (a cell is being edited).
    await standInDo(page, "failNextSync", "InvalidOperationInCellEditMode");
    await page.getByTestId(TID.check).click();
    await page.getByTestId(TID.message).filter({ hasText: /Enter/ }).waitFor();
    violations.push(...(await axeViolations(page, at("error message"))));
    await page.getByTestId(TID.settingsToggle).click();
    await page.getByTestId(TID.settings).waitFor();
    violations.push(...(await axeViolations(page, at("settings"))));
    await page.getByTestId(TID.mergeToggle).click();
    await page.getByTestId(`${TID.mergeFiles}-input`).setInputFiles([file]);
    await page.getByTestId(TID.mergeFilesList).waitFor({ timeout: 60000 });
    violations.push(...(await axeViolations(page, at("汇总"))));
    if (dark) await page.screenshot({ path: path.join(ARTIFACTS, `taskpane-${lang}-dark-360.png`) });
    await page.close();
  }
  expect(violations).toEqual([]);
}, 240000);

test("progress: a determinate bar counts rows read and sheets written", async () => {
  const page = await openPane(360);
  const seen: string[] = [];
  await page.exposeFunction("__kzSeen", (s: string) => seen.push(s));
  await page.evaluate(() => {
    new MutationObserver(() => {
      const bar = document.querySelector("[role=progressbar]");
      const now = bar?.getAttribute("aria-valuenow");
      if (now) (window as unknown as { __kzSeen: (s: string) => void }).__kzSeen(now);
    }).observe(document.body, { subtree: true, childList: true, attributes: true });
  });
  await act(page, TID.generate, /已生成全部表格/);
  const values = seen.map(Number);
  expect(values.length).toBeGreaterThan(2);
  expect(values.every((v) => v >= 0 && v <= 1)).toBe(true);
  expect(values).toContain(1);
  await page.close();
}, 120000);

test("导入成绩: exports picked in the pane are shown first, then written as the register sheet; a second import replaces it", async () => {
  const dir = tmpDir();
  const d = syntheticDepartment({ seed: 85, applicants: 20, layout: { grades: "tall" } });
  const exportSheet = d.sheets.find((s) => s.name === "成绩导出");
  const file = await writeFixture([exportSheet as (typeof d.sheets)[number]], path.join(dir, "成绩导出.xlsx"));
  const expected = importGrades([{ file: "成绩导出.xlsx", grids: await readAnyGrids(file, new Uint8Array(fs.readFileSync(file))) }], grids);
  const page = await openPane(500);
  await page.getByTestId(TID.importToggle).click();
  await page.getByTestId(`${TID.importPick}-input`).setInputFiles([file]);
  const summary = page.getByTestId(TID.importSummary);
  await summary.waitFor({ timeout: 60000 });
  await expect(summary.innerText()).resolves.toContain(`共 ${expected.students} 名学生、${expected.courses} 门课程、${expected.records} 条课程成绩`);
  // Nothing written before 写入.
  expect((await snapshot(page)).some((s) => s.name === "成绩登记册（导入）")).toBe(false);
  await page.getByTestId(TID.importWrite).click();
  await page.getByTestId(TID.importMessage).filter({ hasText: /已写入工作表“成绩登记册（导入）”/ }).waitFor({ timeout: 60000 });
  const written = cellsOf(await snapshot(page), "成绩登记册（导入）");
  const want: Record<string, unknown> = {};
  expected.sheet.rows.forEach((row, r) => row.forEach((c, k) => {
    if (c?.value !== null && c?.value !== undefined && c.value !== "") want[`${letters(k)}${r + 1}`] = c.value;
  }));
  expect(written).toEqual(want);
  violationsOf.push(...(await axeViolations(page, "导入成绩")));
  await page.getByTestId(`${TID.importPick}-input`).setInputFiles([file]);
  await summary.waitFor();
  await page.getByTestId(TID.importWrite).click();
  await page.getByTestId(TID.importMessage).filter({ hasText: /已写入工作表/ }).waitFor({ timeout: 60000 });
  expect((await snapshot(page)).filter((s) => s.name.startsWith("成绩登记册（导入）")).map((s) => s.name)).toEqual(["成绩登记册（导入）"]);
  await page.close();
  expect(violationsOf).toEqual([]);
}, 120000);
const violationsOf: string[] = [];

// The issue list (issue 22): grouped by kind, filtered, every cell reachable, 下一个错误.
const active = (page: Page) => page.evaluate(() => (window as unknown as { __kzStandIn: { active: () => unknown } }).__kzStandIn.active()) as Promise<{ sheet: string; cell: string } | null>;
const textOf = (page: Page, id: string) => page.getByTestId(id).innerText();

test("the issue list: groups and counts as the report's, filters, a group's cells select theirs, Next/Previous by keyboard, position kept across 检查", async () => {
  const expected = checkGrids(grids).report;
  const groups = groupIssues(expected.issues);
  const n = countBySeverity(expected.issues);
  expect(n.error).toBeGreaterThan(3);
  const page = await openPane(500);
  await act(page, TID.check, /检查完成/);
  // Severity toggles with counts; notes hidden while there are errors.
  for (const s of SEVERITIES) await expect(textOf(page, TID.issueFilter(s))).resolves.toMatch(new RegExp(`^(✓\\s*)?${{ error: "错误", warning: "警告", info: "提示" }[s]} ${n[s]}$`));
  await expect(page.getByTestId(TID.issueFilter("info")).getAttribute("aria-pressed")).resolves.toBe("false");
  await expect(textOf(page, TID.issuesShown)).resolves.toBe(`显示 ${n.error + n.warning} 个问题，共 ${expected.issues.length} 个（其余已被筛选隐藏）`);
  const shownGroups = () => page.locator(`[data-testid^="kz-group-"]:not([data-testid^="kz-group-toggle-"])`).evaluateAll((els) => els.map((e) => e.getAttribute("data-testid")));
  await expect(shownGroups()).resolves.toEqual(groups.filter((g) => g.severity !== "info").map((g) => TID.issueGroup(g.key)));
  for (const g of groups.filter((x) => x.severity !== "info")) {
    const text = await textOf(page, TID.issueGroup(g.key));
    expect(text).toContain(g.label);
    if (g.issues.length > 1) expect(text).toContain(`${g.issues.length} 个单元格 · ${g.sheets.join("、")}`);
    else expect(text).toContain(`${g.issues[0].sheet}!${g.issues[0].cell}`);
    expect(text).not.toContain(g.code);
  }
  // Notes shown: every group; a sheet chosen: that sheet's counts.
  await page.getByTestId(TID.issueFilter("info")).click();
  await expect(shownGroups()).resolves.toEqual(groups.map((g) => TID.issueGroup(g.key)));
  await expect(textOf(page, TID.issuesShown)).resolves.toBe(`共 ${expected.issues.length} 个问题`);
  const register = expected.issues.filter((i) => i.sheet === "成绩登记册");
  await page.getByTestId(TID.issueSheet).selectOption("成绩登记册");
  const m = countBySeverity(register);
  for (const s of SEVERITIES) await expect(textOf(page, TID.issueFilter(s))).resolves.toMatch(new RegExp(` ${m[s]}$`));
  await expect(shownGroups()).resolves.toEqual(groupIssues(register).map((g) => TID.issueGroup(g.key)));
  await page.screenshot({ path: path.join(ARTIFACTS, "issues-zh-500.png"), fullPage: true });
  await page.getByTestId(TID.issueSheet).selectOption("");

  // The largest group opens to its cells; a cell selects it in Excel.
  const largest = [...groups].sort((a, b) => b.issues.length - a.issues.length)[0];
  await page.getByTestId(TID.issueGroupToggle(largest.key)).click();
  await expect(page.getByTestId(TID.issueGroupToggle(largest.key)).getAttribute("aria-expanded")).resolves.toBe("true");
  const target = largest.issues[Math.min(largest.issues.length, PAGE) - 1];
  await page.getByTestId(TID.issueGroup(largest.key)).getByTestId(TID.issue(target.sheet, target.cell)).click();
  await expect(active(page)).resolves.toEqual({ sheet: target.sheet, cell: target.cell });
  await page.setViewportSize({ width: 320, height: 900 });
  await page.screenshot({ path: path.join(ARTIFACTS, "issues-zh-320.png"), fullPage: true });
  await page.setViewportSize({ width: 500, height: 900 });
  await page.getByTestId(TID.issueGroupToggle(largest.key)).click();

  // 下一个错误 by keyboard (F8), from nowhere: every error in sheet and row order, then round again.
  const errors = errorsInOrder(expected.issues, sheetRanks(expected.issues));
  await page.reload();
  await page.getByTestId(TID.pane).waitFor();
  await page.keyboard.press("Tab");
  await page.keyboard.press("Enter");
  await page.getByTestId(TID.message).filter({ hasText: /检查完成/ }).waitFor();
  const walked: string[] = [];
  for (let k = 0; k <= errors.length; k++) {
    await page.keyboard.press("F8");
    await expect(textOf(page, TID.currentError)).resolves.toContain(`错误 ${(k % errors.length) + 1}/${errors.length}`);
    const a = await active(page);
    walked.push(`${a?.sheet}!${a?.cell}`);
  }
  expect(walked).toEqual([...errors, errors[0]].map((i) => `${i.sheet}!${i.cell}`));
  await expect(textOf(page, TID.currentError)).resolves.toContain(errors[0].message);
  await page.keyboard.press("Shift+F8");
  await expect(active(page)).resolves.toEqual({ sheet: errors[errors.length - 1].sheet, cell: errors[errors.length - 1].cell });
  await page.getByTestId(TID.prevError).click();
  await expect(active(page)).resolves.toEqual({ sheet: errors[errors.length - 2].sheet, cell: errors[errors.length - 2].cell });

  // The user fixes the current error's cell (a blank name) and checks again: Next goes on after it.
  const k = errors.findIndex((i) => i.code === "NAME_MISSING");
  expect(k).toBeGreaterThanOrEqual(0);
  expect(k).toBeLessThan(errors.length - 1);
  for (let step = 0; (await textOf(page, TID.currentError)).indexOf(`错误 ${k + 1}/`) < 0 && step < errors.length; step++) await page.getByTestId(TID.nextError).click();
  await expect(active(page)).resolves.toEqual({ sheet: errors[k].sheet, cell: errors[k].cell });
  await page.evaluate(([sheet, cell]) => {
    const book = (window as unknown as { __kzStandIn: { book: { sheets: { name: string; cells: Map<string, { value: unknown }> }[] } } }).__kzStandIn.book;
    const m = /^([A-Z]+)(\d+)$/.exec(cell) as RegExpExecArray;
    const col = [...m[1]].reduce((x, ch) => x * 26 + ch.charCodeAt(0) - 64, 0) - 1;
    book.sheets.find((s) => s.name === sheet)?.cells.set(`${Number(m[2]) - 1},${col}`, { value: "补填姓名" });
  }, [errors[k].sheet, errors[k].cell]);
  await act(page, TID.check, /检查完成/);
  await expect(textOf(page, TID.currentError)).resolves.toContain(`${errors[k].sheet}!${errors[k].cell} 的错误已不在`);
  await page.keyboard.press("F8");
  await expect(active(page)).resolves.toEqual({ sheet: errors[k + 1].sheet, cell: errors[k + 1].cell });
  await expect(textOf(page, TID.currentError)).resolves.toContain(`错误 ${k + 1}/${errors.length - 1}`);
  await page.close();
}, 180000);

test("the issue list in English: messages from the message table, no codes; axe clean in every state, zh/en, light/dark", async () => {
  const expected = checkGrids(grids).report;
  const groups = groupIssues(expected.issues, "en-US");
  const largest = [...groups].sort((a, b) => b.issues.length - a.issues.length)[0];
  const violations: string[] = [];
  for (const [lang, dark] of [["zh-CN", false], ["zh-CN", true], ["en-US", false], ["en-US", true]] as const) {
    const page = await openPane(360, lang, dark);
    const at = (state: string) => `${lang} ${dark ? "dark" : "light"} issue list ${state}`;
    await act(page, TID.check, lang === "zh-CN" ? /检查完成/ : /Checked/);
    if (lang === "en-US") {
      const text = await textOf(page, TID.issues);
      for (const g of groups.filter((x) => x.severity !== "info")) expect(text).toContain(g.label);
      expect(text).not.toMatch(/[A-Z]{2,}_[A-Z_]+/);
      expect(text).not.toContain("请");
    }
    violations.push(...(await axeViolations(page, at("grouped"))));
    await page.getByTestId(TID.issueFilter("info")).click();
    await page.getByTestId(TID.issueFilter("warning")).click();
    await page.getByTestId(TID.issueGroupToggle(largest.key)).click();
    violations.push(...(await axeViolations(page, at("filtered, a group open"))));
    await page.getByTestId(TID.nextError).click();
    await page.getByTestId(TID.currentError).filter({ hasText: /\d/ }).waitFor();
    violations.push(...(await axeViolations(page, at("next error"))));
    if (lang === "en-US" && !dark) await page.screenshot({ path: path.join(ARTIFACTS, "issues-en-360.png"), fullPage: true });
    await page.close();
  }
  expect(violations).toEqual([]);
}, 240000);
