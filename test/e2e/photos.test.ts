// 照片 (#19) in a real browser (Debian's Chromium via playwright-core): a folder of Pillow-made
// photos picked in the page (the same report as `kezheng photos`, the workbook equal to `kezheng run
// --photos` part for part, images included, the zip equal to `kezheng photos -o`'s files), and in
// the task pane on the Office.js stand-in (pictures over the 备案表's boxes, or none where the Excel
// cannot place pictures, said in Chinese).
import * as fs from "fs";
import * as path from "path";
import { unzipSync } from "fflate";
import type { Browser, Download, Page } from "playwright-core";
import { checkGrids } from "../../src/app/check";
import { countBySeverity, groupIssues } from "../../src/app/issues";
import { syntheticDepartment } from "../../src/app/synthetic";
import { runFile } from "../../src/cli/files";
import { photosCommand } from "../../src/cli/photos";
import { filingApplicants } from "../../src/forms/generated";
import { photoKey } from "../../src/forms/photobox";
import type { Issue } from "../../src/forms/issue";
import { TID } from "../../src/ui/testids";
import { axeViolations } from "../support/axe";
import { buildAddin, buildStandIn, launch, openPane as openPaneWith, serve } from "../support/browser";
import { makePhotos, type PhotoSpec } from "../support/photos";
import { roundTrip, sheet, tmpDir, writeFixture } from "../support/workbooks";
import { readParts } from "../support/writers";

const ARTIFACTS = path.join(__dirname, "..", "..", "test-artifacts");

// Named 姓名_身份证号: the zip's names are Chinese (UTF-8, flagged as such).
const dept = syntheticDepartment({ seed: 191, applicants: 30 });
dept.sheets.push(sheet("设置", [["项目", "值"], ["照片命名", "姓名_身份证号"]]));

let browser: Browser;
let server: { url: string; close: () => Promise<void> };
let standIn: string;
let dir: string;
let dist: string;
let input: string;
let photos: string;
let grids: Awaited<ReturnType<typeof roundTrip>>;

beforeAll(async () => {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  dir = tmpDir();
  input = await writeFixture(dept.sheets, path.join(dir, "信息工程学院.xlsx"));
  grids = await roundTrip(dept.sheets);
  const result = checkGrids(grids);
  const filing = filingApplicants(result.applicants.map((a) => ({ status: a.decision.status, a }))).map((x) => x.a.identity);
  expect(filing.length).toBeGreaterThan(10);
  const [a, b, c, d, e, f, g, ...rest] = filing;
  // A secretary's folder: every naming pattern, a subfolder, the usual faults, system files; the last
  // three applicants have no photo.
  const plan: PhotoSpec[] = [
    { path: `${a.idNumber}.jpg` },
    { path: `${b.studentId}.JPG` },
    { path: `初三/${c.name}_${c.idNumber}.jpeg`, orientation: 6 },
    { path: `${d.idNumber}.jpg`, format: "PNG" },
    { path: `${e.idNumber}.jpg`, background: [40, 90, 200] },
    { path: `${f.idNumber}.jpg`, width: 1200, height: 1600, target_kb: 600 },
    { path: `${g.idNumber}.jpg`, width: 100, height: 100 },
    { path: "不认识的人.jpg" },
    { path: ".DS_Store", bytes: "mac" },
    { path: "Thumbs.db", bytes: "windows" },
    ...rest.slice(0, -3).map((x) => ({ path: `${x.idNumber}.jpg` })),
  ];
  photos = path.join(dir, "照片");
  makePhotos(photos, plan);
  standIn = buildStandIn();
  dist = buildAddin();
  server = await serve(dist);
  browser = await launch();
}, 300000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** The issues as code, file and row: what both reports must agree on. */
const facts = (issues: readonly Issue[]) => issues.map((i) => `${i.code} ${i.photo ?? ""} ${i.row ?? ""}`).sort();

/** The page shows the photo issues as the shared issue list does: the same groups and counts. */
async function expectIssueList(page: Page, issues: readonly Issue[]) {
  const counts = countBySeverity(issues);
  const section = page.getByTestId(TID.photos);
  for (const s of ["error", "warning"] as const) await expect(section.getByTestId(TID.issueFilter(s)).innerText()).resolves.toMatch(new RegExp(`${counts[s]}$`));
  for (const g of groupIssues([...issues], "zh-CN")) await expect(section.getByTestId(TID.issueGroup(g.key)).count()).resolves.toBe(1);
}

/** Clicks 生成表格 and saves both downloads (the workbook and the zip) by their names. */
async function generateSaving(page: Page, prefix: string): Promise<Record<string, string>> {
  const downloads: Promise<[string, string]>[] = [];
  const listener = (d: Download) => downloads.push(d.saveAs(path.join(dir, `${prefix}-${d.suggestedFilename()}`)).then(() => [d.suggestedFilename(), path.join(dir, `${prefix}-${d.suggestedFilename()}`)]));
  page.on("download", listener);
  await page.getByTestId(TID.generate).click();
  await page.getByTestId(TID.message).filter({ hasText: /已生成 信息工程学院-课证\.xlsx/ }).waitFor({ timeout: 120000 });
  for (let i = 0; i < 300 && downloads.length < 2; i++) await page.waitForTimeout(100);
  page.off("download", listener);
  return Object.fromEntries(await Promise.all(downloads));
}

test("the page: a photo folder picked, the same report as kezheng photos; 生成表格 = kezheng run --photos, part for part; the zip = photos -o", async () => {
  const expected = await photosCommand(photos, input, path.join(dir, "cli-photos"));
  const codes = new Set(expected.issues.map((i) => i.code));
  for (const c of ["PHOTO_MISSING", "PHOTO_UNMATCHED", "PHOTO_NOT_JPEG", "PHOTO_SIZE", "PHOTO_DIMENSIONS", "PHOTO_BACKGROUND"] as const) expect([c, codes.has(c)]).toEqual([c, true]);

  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "zh-CN", acceptDownloads: true });
  const foreign: string[] = [];
  await context.route("**/*", (route) => {
    if (route.request().url().startsWith(server.url)) return route.continue();
    foreign.push(route.request().url());
    return route.abort();
  });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await page.goto(`${server.url}/web.html`);
  await page.getByTestId(`${TID.webPick}-input`).setInputFiles([input]);
  await page.getByTestId(TID.message).filter({ hasText: /检查完成/ }).waitFor({ timeout: 120000 });

  // The folder, as the browser gives it (webkitdirectory: every file, with its path below the folder).
  await page.getByTestId(`${TID.photosFolder}-input`).setInputFiles(photos);
  await page.getByTestId(TID.photosRead).waitFor({ timeout: 120000 });
  await expect(page.getByTestId(TID.photosRead).innerText()).resolves.toContain(`共 ${expected.photos.length} 个文件，${expected.matched.length} 名申报人有照片。`);
  await expectIssueList(page, expected.issues);
  await page.screenshot({ path: path.join(ARTIFACTS, "web-photos-zh-1280.png"), fullPage: true });

  // 生成表格: two downloads, the workbook and the renamed photos (in whichever order they arrive).
  const saved = await generateSaving(page, "page");
  expect(Object.keys(saved).sort()).toEqual(["信息工程学院-课证.xlsx", "照片（上报）.zip"]);
  const fromPage = saved["信息工程学院-课证.xlsx"];
  const zipFile = saved["照片（上报）.zip"];

  const fromCli = path.join(dir, "cli-run.xlsx");
  const cli = await runFile(input, fromCli, { photos });
  const pa = readParts(fromPage), pb = readParts(fromCli);
  expect(Object.keys(pa).sort()).toEqual(Object.keys(pb).sort());
  for (const name of Object.keys(pa)) expect([name, Buffer.from(pa[name]).equals(Buffer.from(pb[name]))]).toEqual([name, true]);
  const media = Object.keys(pa).filter((n) => n.startsWith("xl/media/"));
  expect(media).toHaveLength(expected.matched.length);
  // The run's report carries the photo issues, as the command line's does.
  expect(facts(cli.report.issues.filter((i) => i.code.startsWith("PHOTO_")))).toEqual(facts(expected.issues));

  // The zip: the files `photos -o` wrote, byte for byte, under the same (Chinese) names, flagged UTF-8.
  const zipBytes = new Uint8Array(fs.readFileSync(zipFile));
  const entries = unzipSync(zipBytes);
  const written = fs.readdirSync(path.join(dir, "cli-photos")).filter((n) => !n.startsWith("."));
  expect(Object.keys(entries).sort()).toEqual(written.sort());
  for (const n of written) expect([n, Buffer.from(entries[n]).equals(fs.readFileSync(path.join(dir, "cli-photos", n)))]).toEqual([n, true]);
  expect(written.every((n) => /^[^\x00-\x7f]+_[0-9X]{18}\.jpg$/.test(n))).toBe(true);
  const header = Buffer.from(zipBytes);
  for (let at = header.indexOf("PK\x01\x02", 0, "latin1"); at >= 0; at = header.indexOf("PK\x01\x02", at + 4, "latin1")) {
    expect(header.readUInt16LE(at + 8) & 0x800).toBe(0x800);
    // Stored: JPEG does not deflate.
    expect(header.readUInt16LE(at + 10)).toBe(0);
  }
  await expect(page.getByTestId(TID.photosZip).innerText()).resolves.toContain("照片（上报）.zip");
  expect(errors).toEqual([]);
  expect(foreign).toEqual([]);
  await context.close();
}, 300000);

test("the page opened from a local folder (file://, no worker): the photos are read in the page, the same workbook; photos dropped; axe clean", async () => {
  const context = await browser.newContext({ acceptDownloads: true, locale: "zh-CN", bypassCSP: true });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await page.goto(`file://${path.join(dist, "web.html")}`);
  await page.getByTestId(`${TID.webPick}-input`).setInputFiles([input]);
  await page.getByTestId(TID.message).filter({ hasText: /检查完成/ }).waitFor({ timeout: 120000 });
  await page.getByTestId(`${TID.photosFolder}-input`).setInputFiles(photos);
  await page.getByTestId(TID.photosRead).waitFor({ timeout: 120000 });
  expect(await axeViolations(page, "photos read")).toEqual([]);
  const saved = (await generateSaving(page, "file-url"))["信息工程学院-课证.xlsx"];
  const cli = path.join(dir, "cli-run-file-url.xlsx");
  await runFile(input, cli, { photos });
  const pa = readParts(saved), pb = readParts(cli);
  expect(Object.keys(pa).sort()).toEqual(Object.keys(pb).sort());
  for (const name of Object.keys(pa)) expect([name, Buffer.from(pa[name]).equals(Buffer.from(pb[name]))]).toEqual([name, true]);

  // Two photos dropped onto the 照片 section: checked as picked.
  const two = fs.readdirSync(photos).filter((n) => /^\d{17}[\dX]\.jpg$/.test(n)).slice(0, 2);
  await page.evaluate(({ files, testId }) => {
    const dt = new DataTransfer();
    for (const f of files) dt.items.add(new File([Uint8Array.from(atob(f.b64), (c) => c.charCodeAt(0))], f.name));
    const zone = document.querySelector(`[data-testid="${testId}"]`) as HTMLElement;
    zone.dispatchEvent(new DragEvent("drop", { dataTransfer: dt, bubbles: true, cancelable: true }));
  }, { files: two.map((n) => ({ name: n, b64: fs.readFileSync(path.join(photos, n)).toString("base64") })), testId: TID.photosDrop });
  await page.getByTestId(TID.photosRead).filter({ hasText: /共 2 个文件/ }).waitFor({ timeout: 60000 });
  expect(errors).toEqual([]);
  await context.close();
}, 300000);

// The pane as in taskpane.test.ts; `api` caps the ExcelApi version the stand-in reports.
const openPane = (api: string): Promise<Page> => openPaneWith({ browser, serverUrl: server.url, standIn, fixture: { grids }, width: 400, api });

/** The photos' files, as a pane's file picker takes several (no folder: each file picked). */
const photoFiles = () => {
  const out: string[] = [];
  const visit = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      if (e.isDirectory()) visit(path.join(d, e.name));
      else out.push(path.join(d, e.name));
    }
  };
  visit(photos);
  return out;
};

interface Shape { name: string; left: number; top: number; width: number; height: number; base64: string }
const shapesOf = (page: Page) => page.evaluate(() => {
  const book = (window as unknown as { __kzStandIn: { book: { sheets: { name: string; shapes: Shape[] }[] } } }).__kzStandIn.book;
  return book.sheets.map((s) => ({ name: s.name, shapes: s.shapes.map((x) => ({ ...x })) }));
});

test("the pane: photos picked, the same report; 生成表格 puts each on its 备案表; 清除 removes them", async () => {
  const expected = await photosCommand(photos, input);
  const page = await openPane("1.18");
  await page.getByTestId(TID.photosToggle).click();
  await expect(page.getByTestId(TID.photosUnsupported).count()).resolves.toBe(0);
  await page.getByTestId(`${TID.photosFiles}-input`).setInputFiles(photoFiles());
  await page.getByTestId(TID.photosRead).waitFor({ timeout: 120000 });
  // Picked file by file, a photo in a subfolder is known by its own name: the report is the same but for that path.
  const flat = expected.issues.map((i) => (i.photo ? { ...i, photo: path.basename(i.photo) } : i));
  await expectIssueList(page, flat);
  await expect(page.getByTestId(TID.photosRead).innerText()).resolves.toContain(`${expected.matched.length} 名申报人有照片`);
  // A photo issue selects its applicant's row on the roster; F8 stays with the report's list (one stepper).
  const missing = flat.find((i) => i.code === "PHOTO_MISSING" && i.sheet && i.cell) as Issue;
  const group = groupIssues([...flat], "zh-CN").find((g) => g.code === "PHOTO_MISSING");
  await page.getByTestId(TID.photos).getByTestId(TID.issueGroupToggle(group?.key ?? "")).click();
  await page.getByTestId(TID.photos).getByTestId(TID.issue(missing.sheet, missing.cell)).click();
  for (let i = 0; i < 50 && !(await page.evaluate(() => (window as unknown as { __kzStandIn: { active: () => unknown } }).__kzStandIn.active())); i++) await page.waitForTimeout(100);
  await expect(page.evaluate(() => (window as unknown as { __kzStandIn: { active: () => unknown } }).__kzStandIn.active())).resolves.toEqual({ sheet: missing.sheet, cell: missing.cell });
  await expect(page.getByTestId(TID.photos).getByTestId(TID.nextError).count()).resolves.toBe(0);

  await page.getByTestId(TID.generate).click();
  await page.getByTestId(TID.message).filter({ hasText: /已生成全部表格/ }).waitFor({ timeout: 120000 });
  await expect(page.getByTestId(TID.photosPlaced).innerText()).resolves.toContain(`已在备案表上贴好 ${expected.matched.length} 张照片`);
  const sheets = await shapesOf(page);
  const filing = sheets.find((s) => s.name === "备案表");
  expect(filing?.shapes.map((s) => s.name).sort()).toEqual(expected.matched.map((m) => photoKey(m.applicant.idNumber)).sort());
  for (const m of expected.matched) {
    const shape = filing?.shapes.find((s) => s.name === photoKey(m.applicant.idNumber));
    expect(Buffer.from(shape?.base64 ?? "", "base64").equals(Buffer.from(m.prepare()))).toBe(true);
  }
  expect(sheets.filter((s) => s.name !== "备案表").flatMap((s) => s.shapes)).toEqual([]);
  await page.screenshot({ path: path.join(ARTIFACTS, "pane-photos-zh-400.png"), fullPage: true });
  expect(await axeViolations(page, "pane photos")).toEqual([]);

  await page.getByTestId(TID.clear).click();
  await page.getByTestId(TID.message).filter({ hasText: /已清除/ }).waitFor({ timeout: 60000 });
  expect((await shapesOf(page)).flatMap((s) => s.shapes)).toEqual([]);
  await page.close();
}, 300000);

test("the pane in an Excel without ExcelApi 1.10 (Range.left): it says so; 生成表格 leaves the boxes empty", async () => {
  const page = await openPane("1.9");
  await page.getByTestId(TID.photosToggle).click();
  await expect(page.getByTestId(TID.photosUnsupported).innerText()).resolves.toContain("不能按单元格位置插入图片");
  await page.getByTestId(`${TID.photosFiles}-input`).setInputFiles(photoFiles());
  await page.getByTestId(TID.photosRead).waitFor({ timeout: 120000 });
  await page.getByTestId(TID.generate).click();
  await page.getByTestId(TID.message).filter({ hasText: /已生成全部表格/ }).waitFor({ timeout: 120000 });
  expect((await shapesOf(page)).flatMap((s) => s.shapes)).toEqual([]);
  await expect(page.getByTestId(TID.photosPlaced).count()).resolves.toBe(0);
  await page.close();
}, 300000);
