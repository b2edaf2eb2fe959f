// #19: `kezheng run --photos DIR` places each applicant's photo in the photo box of his 备案表 page.
// The workbook is written by openpyxl (with the user's own chart and picture); the photos by Pillow.
// LibreOffice prints the 备案表 (one image on each page of an applicant with a photo, inside its
// box), openpyxl reads the pictures, a second run (with or without --photos) equals the first, and
// clear gives back the input part for part.
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { syntheticDepartment } from "../../src/app/synthetic";
import { PHOTO_KEY_PREFIX } from "../../src/forms/photobox";
import { kezheng } from "../support/cli";
import { makePhotos, PYTHON } from "../support/photos";
import { pagesOf, printSheets, renderPage, type Word } from "../support/print";
import { tmpDir } from "../support/workbooks";
import { openpyxlWorkbook, readParts, type Parts } from "../support/writers";

const dir = tmpDir();
const photosDir = path.join(dir, "照片");
const input = path.join(dir, "in.xlsx");
const out1 = path.join(dir, "out1.xlsx");
/** The photos' background: a colour found nowhere else on a printed page. */
const BACKGROUND: [number, number, number] = [70, 190, 90];

interface JsonReport {
  applicants: { row: number; idNumber: string; name: string; status: string }[];
  issues: { code: string; row?: number; photo?: string; severity: string }[];
  photos: { path: string; row?: number; output?: string }[];
}

let report: JsonReport;
let filed: JsonReport["applicants"];
let withPhoto: Set<string>;

const decode = (b: Uint8Array) => new TextDecoder().decode(b);
const media = (parts: Parts) => Object.keys(parts).filter((n) => /^xl\/media\/.*\.jpeg$/.test(n));
const sameParts = (a: Parts, b: Parts) => {
  expect(Object.keys(b).sort()).toEqual(Object.keys(a).sort());
  for (const n of Object.keys(a)) expect({ part: n, same: Buffer.from(a[n]).equals(Buffer.from(b[n])) }).toEqual({ part: n, same: true });
};

beforeAll(() => {
  openpyxlWorkbook(syntheticDepartment({ seed: 1919, applicants: 14, passRate: 0.95 }).sheets, input);
  const check = JSON.parse(kezheng(["check", input, "--json"]).stdout) as JsonReport;
  filed = check.applicants.filter((a) => ["eligible", "downgrade", "review"].includes(a.status));
  expect(filed.length).toBeGreaterThanOrEqual(6);
  // Every applicant with a 备案表 page but the last two has a photo named by his ID number; one file matches nobody.
  const given = filed.slice(0, -2);
  withPhoto = new Set(given.map((a) => a.idNumber));
  makePhotos(photosDir, [...given.map((a) => ({ path: `${a.idNumber}.jpg`, background: BACKGROUND })), { path: "不认识的人.jpg" }]);
  const r = kezheng(["run", input, "--photos", photosDir, "-o", out1, "--json"]);
  expect({ code: r.code, stderr: r.stderr }).toEqual({ code: 1, stderr: "" });
  report = JSON.parse(r.stdout) as JsonReport;
}, 120000);

test("the photo issues join the run's report: the two applicants without a photo, the file that matches nobody", () => {
  const photoIssues = report.issues.filter((i) => i.code.startsWith("PHOTO_"));
  const missing = photoIssues.filter((i) => i.code === "PHOTO_MISSING").map((i) => i.row).sort();
  expect(missing).toEqual(filed.slice(-2).map((a) => a.row).sort());
  expect(photoIssues.filter((i) => i.code === "PHOTO_UNMATCHED").map((i) => i.photo)).toEqual(["不认识的人.jpg"]);
  // The green background is reported too (a warning), and nothing else.
  expect(new Set(photoIssues.map((i) => i.code))).toEqual(new Set(["PHOTO_MISSING", "PHOTO_UNMATCHED", "PHOTO_BACKGROUND"]));
  expect(report.photos.filter((p) => p.output).length).toBe(withPhoto.size);
});

test("one stored media part per photo, the same bytes `kezheng photos -o` writes; the drawing names them by key, never by ID number", () => {
  const parts = readParts(out1);
  const upload = path.join(dir, "上报");
  expect(kezheng(["photos", photosDir, "--roster", input, "-o", upload]).code).toBe(1);
  const written = fs.readdirSync(upload).filter((n) => n.endsWith(".jpg")).map((n) => Buffer.from(fs.readFileSync(path.join(upload, n))).toString("base64")).sort();
  expect(media(parts).map((n) => Buffer.from(parts[n]).toString("base64")).sort()).toEqual(written);
  expect(written.length).toBe(withPhoto.size);
  const types = decode(parts["[Content_Types].xml"]);
  expect(types).toContain(`<Default Extension="jpeg" ContentType="image/jpeg"/>`);
  const drawings = Object.keys(parts).filter((n) => /^xl\/drawings\/drawing\d+\.xml$/.test(n)).map((n) => decode(parts[n]));
  const ours = drawings.filter((x) => x.includes(PHOTO_KEY_PREFIX));
  expect(ours.length).toBe(1);
  const descr = [...ours[0].matchAll(/descr="([^"]*)"/g)].map((m) => m[1]);
  expect(descr.length).toBe(withPhoto.size);
  expect(new Set(descr).size).toBe(withPhoto.size);
  for (const d of descr) expect(d).toMatch(new RegExp(`^${PHOTO_KEY_PREFIX}[0-9a-z]{11}$`));
  for (const id of withPhoto) expect(ours[0]).not.toContain(id);
  // The sheet's <drawing> stands after its page setup and breaks (CT_Worksheet's order).
  const sheetXml = Object.keys(parts).filter((n) => n.startsWith("xl/worksheets/sheet")).map((n) => decode(parts[n])).find((x) => x.includes("<drawing ") && x.includes("rowBreaks"));
  expect(sheetXml).toBeDefined();
  expect((sheetXml as string).indexOf("<drawing ")).toBeGreaterThan((sheetXml as string).indexOf("</rowBreaks>"));
});

test("openpyxl sees one picture per photo on the 备案表, and the user's own picture where she put it", () => {
  const script = "import sys,json,openpyxl\nwb=openpyxl.load_workbook(sys.argv[1])\nprint(json.dumps({ws.title:[[i.anchor._from.row,i.anchor._from.col] for i in ws._images] for ws in wb.worksheets if ws._images}, ensure_ascii=False))";
  const images = JSON.parse(execFileSync(PYTHON, ["-c", script, out1], { encoding: "utf8" })) as Record<string, [number, number][]>;
  expect(images["备案表"].length).toBe(withPhoto.size);
  // Each at the top right of a page: column G, the third row of the page.
  for (const [, col] of images["备案表"]) expect(col).toBe(6);
  const others = Object.entries(images).filter(([name]) => name !== "备案表");
  expect(others.map(([, list]) => list.length)).toEqual([1]);
});

test("LibreOffice prints one image on the page of each applicant with a photo, inside the box under 照片; the others read 贴照片处", () => {
  const pdf = printSheets([{ file: out1, sheets: ["备案表"] }]).get(out1)?.get("备案表") as string;
  const pages = pagesOf(pdf);
  expect(pages.length).toBe(filed.length);
  const imagesPerPage = new Map<number, number>();
  for (const line of execFileSync("pdfimages", ["-list", pdf], { encoding: "utf8" }).split("\n").slice(2)) {
    const page = Number(line.trim().split(/\s+/)[0]);
    if (page) imagesPerPage.set(page, (imagesPerPage.get(page) ?? 0) + 1);
  }
  let checked = 0;
  pages.forEach((words, k) => {
    const id = filed.find((a) => words.some((w) => w.text === a.idNumber))?.idNumber;
    expect(id).toBeDefined();
    const has = withPhoto.has(id as string);
    expect({ page: k + 1, images: imagesPerPage.get(k + 1) ?? 0, empty: words.some((w) => w.text === "贴照片处") }).toEqual({ page: k + 1, images: has ? 1 : 0, empty: !has });
    if (!has || checked >= 2) return;
    checked++;
    expectInsideBox(pdf, k + 1, words.find((w) => w.text === "照片") as Word);
  });
  expect(checked).toBe(2);
}, 300000);

/** The photo's pixels (its background colour) lie inside the bordered box right below the 照片 label. */
function expectInsideBox(pdf: string, page: number, label: Word): void {
  const dpi = 144;
  const scale = dpi / 72;
  const { width, height, rgb } = renderPage(pdf, page, path.join(dir, `page-${page}.png`), dpi);
  const px = (x: number, y: number) => [rgb[(y * width + x) * 3], rgb[(y * width + x) * 3 + 1], rgb[(y * width + x) * 3 + 2]];
  const isPhoto = (x: number, y: number) => px(x, y).every((v, i) => Math.abs(v - BACKGROUND[i]) < 40);
  const isLine = (x: number, y: number) => {
    const [r, g, b] = px(x, y);
    return Math.max(r, g, b) - Math.min(r, g, b) < 16 && r < 200;
  };
  let [x0, y0, x1, y1] = [width, height, -1, -1];
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) if (isPhoto(x, y)) [x0, y0, x1, y1] = [Math.min(x0, x), Math.min(y0, y), Math.max(x1, x), Math.max(y1, y)];
  expect(x1).toBeGreaterThan(x0);
  const midY = Math.round((y0 + y1) / 2);
  const midX = Math.round((x0 + x1) / 2);
  const scan = (from: number, step: number, at: (i: number) => boolean) => {
    for (let i = from, n = 0; n < 300 && i >= 0 && i < Math.max(width, height); i += step, n++) if (at(i)) return i;
    return null;
  };
  const box = {
    left: scan(x0 - 1, -1, (x) => isLine(x, midY)), right: scan(x1 + 1, 1, (x) => isLine(x, midY)),
    top: scan(y0 - 1, -1, (y) => isLine(midX, y)), bottom: scan(y1 + 1, 1, (y) => isLine(midX, y)),
  };
  // A border on every side, close around the photo: the box is not much larger than the picture.
  expect({ box, photo: [x0, y0, x1, y1] }).toEqual({ box: { left: expect.any(Number), right: expect.any(Number), top: expect.any(Number), bottom: expect.any(Number) }, photo: [x0, y0, x1, y1] });
  const b = box as Record<keyof typeof box, number>;
  // The background shows along the photo's top and sides; its bottom is the figure's shoulders: the
  // photo's bottom edge is where its 5:7 shape puts it.
  const bottom = y0 + (x1 - x0 + 1) * (413 / 295);
  expect(bottom).toBeLessThan(b.bottom);
  // (Wider than the photo here: without Calibri or 宋体, LibreOffice measures columns in DejaVu Sans,
  // about 1.3 times Excel's width, and the page is scaled down to fit; the picture keeps its EMU size.)
  expect(b.right - b.left).toBeLessThan((x1 - x0) * 1.5);
  expect(b.bottom - b.top).toBeLessThan((bottom - y0) * 1.4);
  // The label 照片 stands above the box, over its middle.
  const labelX = ((label.x0 + label.x1) / 2) * scale;
  expect(labelX).toBeGreaterThan(b.left);
  expect(labelX).toBeLessThan(b.right);
  expect(label.y1 * scale).toBeLessThanOrEqual(b.top + 2);
}

test("run twice = once, part for part: again with --photos, and without (the photos the last run placed are kept)", () => {
  const first = readParts(out1);
  const again = path.join(dir, "again.xlsx");
  expect([0, 1]).toContain(kezheng(["run", out1, "--photos", photosDir, "-o", again]).code);
  sameParts(first, readParts(again));
  const kept = path.join(dir, "kept.xlsx");
  const r = kezheng(["run", out1, "-o", kept]);
  expect(r.stderr).toBe("");
  sameParts(first, readParts(kept));
  expect(media(readParts(kept)).length).toBe(withPhoto.size);
}, 120000);

test("clear removes every picture, drawing, media part, relationship and content type we made, and nothing else", () => {
  const cleared = path.join(dir, "cleared.xlsx");
  expect(kezheng(["clear", out1, "-o", cleared]).code).toBe(0);
  const parts = readParts(cleared);
  const before = readParts(input);
  expect(Object.keys(parts).sort()).toEqual(Object.keys(before).sort());
  // Every part as it was: content types, rels, the user's picture and drawing; only the sheets a run
  // marks are rewritten (their cells restored: test/hosts/faithful.test.ts).
  const changed = Object.keys(before).filter((n) => !Buffer.from(before[n]).equals(Buffer.from(parts[n])));
  expect(changed.filter((n) => !/^xl\/worksheets\/sheet\d+\.xml$/.test(n) && n !== "xl/styles.xml")).toEqual([]);
  expect(changed.length).toBeLessThanOrEqual(2);
  // The user's own picture (openpyxl's PNG) is there, byte for byte.
  expect(Object.keys(parts).filter((n) => n.startsWith("xl/media/")).length).toBe(1);
});
