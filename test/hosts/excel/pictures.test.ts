// Pictures in Excel through the strict stand-in: shapes.addImage as Office.js has it (bare base64,
// a JPEG or PNG, proportions locked), the photos over their boxes, requests under 5 MB, few syncs.
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { placePictures, toBase64, type PictureAt } from "../../../src/hosts/excel/pictures";
import { geometry, OfficeError, RequestContext, REQUEST_LIMIT } from "../../support/standin/api";
import { bookFromGrids, DEFAULT_COLUMN_WIDTH, DEFAULT_ROW_HEIGHT, key, type BookState } from "../../support/standin/model";
import { tmpDir } from "../../support/workbooks";

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
    await placePictures(ctx as unknown as Excel.RequestContext, pictures);
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
    await placePictures(ctx as unknown as Excel.RequestContext, []);
    expect(ctx.syncs).toBe(0);
  });
});
