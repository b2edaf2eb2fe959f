// Pictures in Excel through the strict stand-in: shapes.addImage as Office.js has it (bare base64,
// a JPEG or PNG, proportions locked), the photos over their boxes, requests under 5 MB, few syncs.
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { checkGrids } from "../../../src/app/check";
import { offeredPhotos } from "../../../src/app/photorun";
import { runWriteBack } from "../../../src/app/run";
import { planWriteBack } from "../../../src/app/writeback";
import { syntheticDepartment } from "../../../src/app/synthetic";
import { filingApplicants } from "../../../src/forms/generated";
import { photoKey } from "../../../src/forms/photobox";
import { ExcelWorkbook } from "../../../src/hosts/excel/workbook";
import { placePictures, toBase64, type PictureAt } from "../../../src/hosts/excel/pictures";
import { photoImages } from "../../../src/hosts/images";
import { makePhotos } from "../../support/photos";
import { geometry, makeExcel, OfficeError, RequestContext, REQUEST_LIMIT } from "../../support/standin/api";
import { bookFromGrids, DEFAULT_COLUMN_WIDTH, DEFAULT_ROW_HEIGHT, key, type BookState } from "../../support/standin/model";
import { roundTrip, tmpDir } from "../../support/workbooks";

const CAPS = { notes: true, comments: true, pageLayout: true, charts: true, formulaCells: true, pictures: true };
(globalThis as unknown as { Excel: unknown }).Excel = makeExcel({ sheets: [], notes: new Map(), comments: new Map() });

/** Debian's Python, where python3-pil is installed (a pyenv python on PATH may not have it). */
const PYTHON = fs.existsSync("/usr/bin/python3") ? "/usr/bin/python3" : "python3";

/** JPEGs made by Pillow: `n` photos of w×h in distinct colours, noise added so each is about `kb` KB. */
function pillowJpegs(n: number, w: number, h: number, kb: number): Uint8Array[] {
  const dir = tmpDir();
  execFileSync(PYTHON, ["-c", `
import os, random, sys
from PIL import Image
n, w, h, kb, out = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), sys.argv[5]
for i in range(n):
    random.seed(i)
    im = Image.new("RGB", (w, h), (250, 250, 250))
    px = im.load()
    for _ in range(kb * 60):
        px[random.randrange(w), random.randrange(h)] = (random.randrange(256), i % 256, 90)
    im.save(os.path.join(out, f"{i}.jpg"), quality=90)
`, String(n), String(w), String(h), String(kb), dir]);
  return Array.from({ length: n }, (_, i) => new Uint8Array(fs.readFileSync(path.join(dir, `${i}.jpg`))));
}

const book = (): BookState => bookFromGrids([{ name: "备案表", rows: [["职业技能等级认定备案表"]] }]);

describe("the stand-in's pictures are as strict as Office.js", () => {
  const [jpeg] = pillowJpegs(1, 295, 413, 5);

  test("addImage takes bare base64 of a JPEG; the picture starts at its own size; proportions stay until unlocked", async () => {
    const b = book();
    const ctx = new RequestContext(b);
    const shapes = ctx.workbook.worksheets.getItem("备案表").shapes;
    const shape = shapes.addImage(toBase64(jpeg));
    const count = shapes.getCount();
    expect(() => count.value).toThrow(/PropertyNotLoaded/);
    await ctx.sync();
    expect(count.value).toBe(1);
    expect(b.sheets[0].shapes[0]).toMatchObject({ type: "Image", left: 0, top: 0, width: 295 * 0.75, height: 413 * 0.75 });
    shape.width = 110.625;
    await ctx.sync();
    expect(b.sheets[0].shapes[0].height).toBeCloseTo(154.875, 3);
    shape.lockAspectRatio = false;
    shape.width = 100;
    await ctx.sync();
    expect(b.sheets[0].shapes[0].width).toBe(100);
    expect(b.sheets[0].shapes[0].height).toBeCloseTo(154.875, 3);
  });

  test("a data: URL or bytes that are not an image are refused; deleting the sheet takes its pictures", async () => {
    const b = book();
    const ctx = new RequestContext(b);
    const ws = ctx.workbook.worksheets.getItem("备案表");
    expect(() => ws.shapes.addImage(`data:image/jpeg;base64,${toBase64(jpeg)}`)).toThrow(OfficeError);
    ws.shapes.addImage(toBase64(new TextEncoder().encode("GIF89a not a jpeg")));
    await expect(ctx.sync()).rejects.toThrow(/not a JPEG or PNG/);
    ws.shapes.addImage(toBase64(jpeg));
    await ctx.sync();
    expect(b.sheets[0].shapes).toHaveLength(1);
    ws.delete();
    await ctx.sync();
    expect(b.sheets.flatMap((s) => s.shapes)).toEqual([]);
  });

  test("a range's left, top, width and height add up the widths and heights before and in it", async () => {
    const b = book();
    const s = b.sheets[0];
    s.columnWidths.set(0, 30).set(7, 60);
    s.hiddenColumns.add(2);
    s.rowHeights.set(0, 40).set(5, 25);
    const ctx = new RequestContext(b);
    const r = ctx.workbook.worksheets.getItem("备案表").getRange("H3:I6");
    r.load("left,top,width,height");
    expect(() => r.left).toThrow(/PropertyNotLoaded/);
    await ctx.sync();
    expect([r.left, r.top, r.width, r.height]).toEqual([30 + DEFAULT_COLUMN_WIDTH * 5, 40 + DEFAULT_ROW_HEIGHT, 60 + DEFAULT_COLUMN_WIDTH, DEFAULT_ROW_HEIGHT * 3 + 25]);
  });
});

describe("placePictures", () => {
  test("160 photos of about 40 KB: each over its box, named, the same bytes; requests under 5 MB in a few syncs", async () => {
    const photos = pillowJpegs(160, 295, 413, 40);
    const total = photos.reduce((n, p) => n + p.length, 0);
    expect(total / photos.length).toBeGreaterThan(30 * 1024);
    const b = book();
    const s = b.sheets[0];
    // Pages of 30 rows, the photo anchored in I3 of each (25×35 mm, offset 2 pt), rows and columns of differing sizes.
    for (let c = 0; c < 11; c++) s.columnWidths.set(c, 40 + c * 3);
    for (let r = 0; r < 30 * photos.length; r++) s.rowHeights.set(r, r % 30 < 3 ? 30 : 18);
    s.cells.set(key(0, 0), { value: "备案表" });
    const mm = 36000, pt = 12700;
    const pictures: PictureAt[] = photos.map((p, i) => ({
      sheet: "备案表", picture: { key: `课证照片 ${i}`, row: i * 30 + 2, col: 8, dx: 2 * pt, dy: 2 * pt, cx: 25 * mm, cy: 35 * mm }, jpeg: () => p,
    }));
    const ctx = new RequestContext(b);
    await placePictures(ctx as unknown as Excel.RequestContext, pictures, CAPS);
    // One request learns the anchors, then as many as 5 MB needs (with the JSON around them).
    const base64 = photos.reduce((n, p) => n + Math.ceil(p.length / 3) * 4, 0);
    expect(ctx.syncs).toBeLessThanOrEqual(1 + Math.ceil(base64 / (4 * 1024 * 1024)) + 1);
    expect(ctx.syncs).toBeGreaterThan(2);
    expect(Math.max(...ctx.requests)).toBeLessThanOrEqual(REQUEST_LIMIT);
    expect(s.shapes).toHaveLength(photos.length);
    for (const [i, shape] of s.shapes.entries()) {
      const { picture } = pictures[i];
      const cell = geometry(s, { r0: picture.row, c0: picture.col, r1: picture.row, c1: picture.col });
      expect([shape.name, shape.altTextDescription]).toEqual([picture.key, picture.key]);
      expect({ left: shape.left, top: shape.top, width: shape.width, height: shape.height })
        .toEqual({ left: cell.left + 2, top: cell.top + 2, width: (25 * mm) / pt, height: (35 * mm) / pt });
      expect(Buffer.from(shape.base64, "base64").equals(Buffer.from(photos[i]))).toBe(true);
    }
  }, 120000);

  test("no boxes: no round trip", async () => {
    const ctx = new RequestContext(book());
    await placePictures(ctx as unknown as Excel.RequestContext, [], CAPS);
    expect(ctx.syncs).toBe(0);
  });
});

describe("生成表格 with photos in Excel", () => {
  test("each matched applicant's photo over his box on the 备案表, as the file host anchors it; a run without them; clear removes them", async () => {
    const dept = syntheticDepartment({ seed: 19, applicants: 24 });
    const grids = await roundTrip(dept.sheets);
    const result = checkGrids(grids);
    const filing = filingApplicants(result.applicants.map((a) => ({ status: a.decision.status, a }))).map((x) => x.a);
    expect(filing.length).toBeGreaterThan(8);
    // Photos for all but two, one of them turned by EXIF (re-encoded upright), one far too large.
    const dir = path.join(tmpDir(), "照片");
    const given = filing.slice(2);
    makePhotos(dir, given.map((a, i) => ({ path: i === 0 ? `${a.identity.name}_${a.identity.idNumber}.jpg` : `${a.identity.idNumber}.jpg`, ...(i === 1 ? { orientation: 6 } : {}), ...(i === 2 ? { width: 1200, height: 1600, target_kb: 600 } : {}) })));
    const sources = fs.readdirSync(dir).map((f) => ({ path: f, size: fs.statSync(path.join(dir, f)).size, modified: 0, read: () => new Uint8Array(fs.readFileSync(path.join(dir, f))) }));

    const plain = bookFromGrids(grids as never);
    const plainCtx = new RequestContext(plain);
    await runWriteBack(new ExcelWorkbook(plainCtx as unknown as Excel.RequestContext, CAPS));
    expect(plain.sheets.flatMap((x) => x.shapes)).toEqual([]);

    const book = bookFromGrids(grids as never);
    const ctx = new RequestContext(book);
    const offered = offeredPhotos(sources, photoImages);
    await runWriteBack(new ExcelWorkbook(ctx as unknown as Excel.RequestContext, CAPS), { photos: offered.photos });
    const check = offered.check();
    expect(check?.matched.map((m) => m.applicant.idNumber).sort()).toEqual(given.map((a) => a.identity.idNumber).sort());
    // The pictures cost one round trip for the anchors and at most one more for the images.
    expect(ctx.syncs - plainCtx.syncs).toBeGreaterThanOrEqual(1);
    expect(ctx.syncs - plainCtx.syncs).toBeLessThanOrEqual(2);
    expect(Math.max(...ctx.requests)).toBeLessThanOrEqual(REQUEST_LIMIT);

    // Where the file host anchors each picture (the same plan): the anchor cell, offset and size in EMU.
    const spec = planWriteBack(result, { photos: { size: "一寸", keys: new Set(check?.matched.map((m) => photoKey(m.applicant.idNumber))) } }).sheets.find((x) => x.name === "备案表");
    const anchors = new Map((spec?.pictures ?? []).map((p) => [p.key, p]));
    const sheet = book.sheets.find((x) => x.name === "备案表");
    expect(sheet?.shapes.length).toBe(given.length);
    for (const m of check?.matched ?? []) {
      const k = photoKey(m.applicant.idNumber);
      const shape = sheet?.shapes.find((x) => x.name === k);
      const a = anchors.get(k);
      if (!shape || !a || !sheet) throw new Error(`no picture for ${m.applicant.name}`);
      const cell = geometry(sheet, { r0: a.row, c0: a.col, r1: a.row, c1: a.col });
      expect({ left: shape.left, top: shape.top, width: shape.width, height: shape.height }).toEqual({ left: cell.left + a.dx / 12700, top: cell.top + a.dy / 12700, width: a.cx / 12700, height: a.cy / 12700 });
      expect(shape.altTextDescription).toBe(k);
      expect(Buffer.from(shape.base64, "base64").equals(Buffer.from(m.prepare()))).toBe(true);
      // The box's first cell is left empty under the picture; the two without a photo read 贴照片处.
      expect(sheet.cells.get(key(a.row, a.col))?.value ?? "").toBe("");
    }
    const pasteHere = [...(sheet?.cells.values() ?? [])].filter((c) => c.value === "贴照片处").length;
    expect(pasteHere).toBe(2);
    // The ID number is not in the picture's name or description.
    expect(sheet?.shapes.some((x) => given.some((a) => `${x.name}${x.altTextDescription}`.includes(a.identity.idNumber)))).toBe(false);

    // 清除: the sheets go, their pictures with them; the user's sheets are as before.
    const clearCtx = new RequestContext(book);
    expect(await new ExcelWorkbook(clearCtx as unknown as Excel.RequestContext, CAPS).clearWriteBack()).toBe(true);
    expect(book.sheets.flatMap((x) => x.shapes)).toEqual([]);
    expect(book.sheets.map((x) => x.name)).toEqual(grids.map((g) => g.name));
  }, 120000);

  test("an Excel without ExcelApi 1.10: no picture, nothing refused", async () => {
    const dept = syntheticDepartment({ seed: 20, applicants: 12 });
    const grids = await roundTrip(dept.sheets);
    const result = checkGrids(grids);
    const a = filingApplicants(result.applicants.map((x) => ({ status: x.decision.status, a: x })))[0].a;
    const dir = path.join(tmpDir(), "照片");
    makePhotos(dir, [{ path: `${a.identity.idNumber}.jpg` }]);
    const bytes = new Uint8Array(fs.readFileSync(path.join(dir, `${a.identity.idNumber}.jpg`)));
    const book = bookFromGrids(grids as never);
    const offered = offeredPhotos([{ path: `${a.identity.idNumber}.jpg`, size: bytes.length, modified: 0, read: () => bytes }], photoImages);
    await runWriteBack(new ExcelWorkbook(new RequestContext(book) as unknown as Excel.RequestContext, { ...CAPS, pictures: false }), { photos: offered.photos });
    expect(offered.check()?.matched).toHaveLength(1);
    expect(book.sheets.flatMap((x) => x.shapes)).toEqual([]);
    expect(book.sheets.some((x) => x.name === "备案表")).toBe(true);
  }, 60000);
});
