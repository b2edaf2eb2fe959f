// The photo engine in-process: settings, file names, matching rules the folder test does not reach.
import { checkGrids } from "../../src/app/check";
import { checkPhotos, fileNameFor, photoCandidate, type PhotoSource } from "../../src/app/photos";
import { UnusableWorkbook } from "../../src/app/port";
import { syntheticDepartment } from "../../src/app/synthetic";
import { defaultPhotoSettings } from "../../src/domain/settings";
import { templateSheets } from "../../src/forms/template";
import { photoImages } from "../../src/hosts/images";
import { encodeJpeg } from "../../src/hosts/images/codec";
import { roundTrip, sheet } from "../support/workbooks";

const dept = () => syntheticDepartment({ seed: 7, applicants: 12, passRate: 1 });
const settingsSheet = (rows: [string, string | number][]) => sheet("设置", [["项目", "值"], ...rows]);

/** A small white JPEG, different bytes for each seed. */
function jpeg(seed: number, width = 295, height = 413): Uint8Array {
  const data = new Uint8Array(width * height * 4).fill(255);
  data[0] = seed & 255;
  return encodeJpeg({ width, height, data }, 90);
}
const source = (path: string, bytes: Uint8Array, modified = 0): PhotoSource => ({ path, size: bytes.length, modified, read: () => bytes });

describe("photo settings (设置)", () => {
  test("照片命名, 照片大小, 照片尺寸: defaults, the ways a secretary writes them, and bad values at their cell", async () => {
    const d = dept();
    expect(checkGrids(await roundTrip(d.sheets)).settings.photos).toEqual({ naming: "身份证号", minKB: 10, maxKB: 200, size: "一寸" });
    const set = async (rows: [string, string | number][]) => checkGrids(await roundTrip([...d.sheets, settingsSheet(rows)]));
    expect((await set([["照片命名", "姓名＿身份证号"], ["照片大小", "40-200KB"], ["照片尺寸", "2寸"]])).settings.photos).toEqual({ naming: "姓名_身份证号", minKB: 40, maxKB: 200, size: "二寸" });
    expect((await set([["照片命名", "学号"], ["照片大小", "40KB以内"], ["照片尺寸", "一寸照片"]])).settings.photos).toEqual({ naming: "学号", minKB: 0, maxKB: 40, size: "一寸" });
    expect((await set([["照片大小", 40]])).settings.photos).toMatchObject({ minKB: 0, maxKB: 40 });
    const bad = await set([["照片命名", "拼音"], ["照片大小", "200-10"], ["照片尺寸", "三寸"]]);
    expect(bad.settings.photos).toEqual(defaultPhotoSettings());
    expect(bad.report.issues.filter((i) => i.sheet === "设置").map((i) => [i.cell, i.code])).toEqual([["B2", "SETTING_INVALID"], ["B3", "SETTING_INVALID"], ["B4", "SETTING_INVALID"]]);
  });

  test("the template's 设置 sheet lists them with their defaults", () => {
    const rows = templateSheets().find((s) => s.name === "设置")!.rows.map((r) => r.map((c) => (c && typeof c === "object" && "value" in c ? c.value : c)));
    expect(rows.slice(-3)).toEqual([["照片命名", "身份证号"], ["照片大小", "10-200"], ["照片尺寸", "一寸"]]);
  });
});

describe("matching files to applicants", () => {
  test("file names per 照片命名; which files are looked at", async () => {
    const result = checkGrids(await roundTrip(dept().sheets));
    const a = result.applicants[0];
    const id = a.identity.idNumber;
    expect([fileNameFor(a, { ...defaultPhotoSettings(), naming: "身份证号" }), fileNameFor(a, { ...defaultPhotoSettings(), naming: "姓名_身份证号" }), fileNameFor(a, { ...defaultPhotoSettings(), naming: "学号" })])
      .toEqual([`${id}.jpg`, `${a.identity.name}_${id}.jpg`, `${a.identity.studentId}.jpg`]);
    expect(["a/张三.JPG", "b.Jpe", "c.heif", "d.TIFF", "e", "f.docx", "Thumbs.db", ".DS_Store", "x/._张三.jpg", ".hidden/张三.jpg", "~$a.xlsx"].map(photoCandidate))
      .toEqual(["image", "image", "image", "image", "sniff", "sniff", "ignore", "ignore", "ignore", "ignore", "ignore"]);
  });

  test("the longest name wins (张三丰 over 张三); a student number inside letters; ID and student number that disagree", async () => {
    const d = dept();
    const result0 = checkGrids(await roundTrip(d.sheets));
    const [p, q, r] = result0.applicants.map((a) => a.identity);
    // Give the first two applicants the names 张三 and 张三丰.
    const sheets = d.sheets.map((s) => ({ ...s, rows: s.rows.map((row) => row.map((v) => (v === p.name ? "张三" : v === q.name ? "张三丰" : v))) }));
    const result = checkGrids(await roundTrip(sheets));
    const files = [source("张三丰 一寸.jpg", jpeg(1)), source("照片-张三.jpg", jpeg(2)), source(`zhang${r.studentId}.jpg`, jpeg(3)), source(`${p.idNumber}_${q.studentId}.jpg`, jpeg(4))];
    const check = checkPhotos(files, result, defaultPhotoSettings(), photoImages);
    const rowOf = (path: string) => check.photos.find((x) => x.path === path)?.row;
    expect([rowOf("张三丰 一寸.jpg"), rowOf("照片-张三.jpg"), rowOf(`zhang${r.studentId}.jpg`)]).toEqual([q.row + 1, p.row + 1, r.row + 1]);
    const unmatched = check.issues.filter((i) => i.code === "PHOTO_UNMATCHED");
    expect(unmatched.map((i) => [i.photo, i.message])).toEqual([[`${p.idNumber}_${q.studentId}.jpg`, `照片“${p.idNumber}_${q.studentId}.jpg”的文件名同时对应张三（第 ${p.row + 1} 行）和张三丰（第 ${q.row + 1} 行），无法确定是谁的：请把文件名改为本人的身份证号。`]]);
    // Everyone else has no photo; the three matched ones are prepared and named by ID.
    expect(check.matched.map((m) => m.fileName).sort()).toEqual([p, q, r].map((x) => `${x.idNumber}.jpg`).sort());
    expect(check.issues.filter((i) => i.code === "PHOTO_MISSING")).toHaveLength(result.applicants.length - 3);
  });

  test("several files: the newest JPEG is used, even beside a newer HEIC; prepare() is the same bytes each call", async () => {
    const result = checkGrids(await roundTrip(dept().sheets));
    const a = result.applicants[0].identity;
    const heic = new Uint8Array([0, 0, 0, 24, ...Buffer.from("ftypheic"), 0, 0, 0, 0, ...new Array(40).fill(7)]);
    const big = jpeg(9, 900, 1200);
    const files = [source(`${a.idNumber}.heic`, heic, 3000), source(`${a.name}.jpg`, jpeg(5), 1000), source(`${a.studentId}.jpg`, big, 2000)];
    const check = checkPhotos(files, result, defaultPhotoSettings(), photoImages);
    const mine = check.issues.filter((i) => i.row === a.row + 1);
    expect(mine.map((i) => [i.code, i.photo])).toEqual([["PHOTO_SEVERAL", `${a.studentId}.jpg`]]);
    const m = check.matched.find((x) => x.applicant.rosterRow === a.row + 1)!;
    expect([m.source.path, m.width, m.height, m.reencoded]).toEqual([`${a.studentId}.jpg`, 295, 393, true]);
    expect(Buffer.from(m.prepare()).equals(Buffer.from(m.prepare()))).toBe(true);
  });

  test("a photo of more pixels than can be decoded (a 200-megapixel phone mode, or a header that lies) says so, not 'damaged'", async () => {
    const result = checkGrids(await roundTrip(dept().sheets));
    const [a, b] = result.applicants.map((x) => x.identity);
    // A real JPEG whose frame header says 16320x12240 (200 MP), and a 100x100 that is what it says.
    const claim = (bytes: Uint8Array, w: number, h: number) => {
      const out = Uint8Array.from(bytes);
      const sof = out.findIndex((x, i) => x === 0xff && out[i + 1] === 0xc0);
      out.set([h >> 8, h & 255, w >> 8, w & 255], sof + 5);
      return out;
    };
    const files = [source(`${a.idNumber}.jpg`, claim(jpeg(1), 12240, 16320)), source(`${b.idNumber}.jpg`, claim(jpeg(2), 60000, 60000))];
    const check = checkPhotos(files, result, defaultPhotoSettings(), photoImages);
    const of = (x: typeof a) => check.issues.filter((i) => i.row === x.row + 1).map((i) => [i.code, i.severity, i.message]);
    expect(of(a)).toEqual([["PHOTO_TOO_LARGE", "error", expect.stringMatching(/12240×16320 像素（约 19976 万像素），超过课证能处理的 1 亿像素：.*普通模式/)]]);
    expect(of(b)).toEqual([["PHOTO_TOO_LARGE", "error", expect.stringContaining("60000×60000 像素")]]);
    expect(check.matched.map((m) => m.applicant.rosterRow)).not.toContain(a.row + 1);
  });

  test("a photo replaced after it was checked (a sync client, a copy still going): one Chinese line, never another picture or 内部错误", async () => {
    const result = checkGrids(await roundTrip(dept().sheets));
    const [a, b] = result.applicants.map((x) => x.identity);
    // Read twice by the check (hash, then the border); the third read, when written, finds other bytes.
    const changing = (path: string, first: Uint8Array, later: Uint8Array): PhotoSource => {
      let reads = 0;
      return { path, size: first.length, modified: 0, read: () => (++reads <= 2 ? first : later) };
    };
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, ...new Array(40).fill(0)]);
    const files = [changing(`${a.idNumber}.jpg`, jpeg(1, 900, 1200), png), changing(`${b.idNumber}.jpg`, jpeg(2), jpeg(3))];
    const check = checkPhotos(files, result, defaultPhotoSettings(), photoImages);
    const [ma, mb] = [a, b].map((x) => check.matched.find((m) => m.applicant.rosterRow === x.row + 1)!);
    expect([ma.reencoded, mb.reencoded]).toEqual([true, false]);
    for (const m of [ma, mb]) {
      expect(() => m.prepare()).toThrow(UnusableWorkbook);
      expect(() => m.prepare()).toThrow(new RegExp(`^照片 ${m.source.path} 在检查之后被改动或替换：.*请等照片文件夹不再变化`));
    }
  });
});
