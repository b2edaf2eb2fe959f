// kezheng photos: the demo's roster of 60 and a folder of Pillow-made photos named every way a
// secretary gets them, with one of each problem; every issue at its file and row, and nothing else.
import { createHash } from "crypto";
import * as fs from "fs";
import * as path from "path";
import { checkGrids } from "../../src/app/check";
import { syntheticDepartment } from "../../src/app/synthetic";
import { readGridsFromFile } from "../../src/cli/files";
import { filingApplicants } from "../../src/forms/generated";
import { kezheng } from "../support/cli";
import { makePhotos, pillowUpright, type PhotoSpec } from "../support/photos";
import { tmpDir, writeFixture } from "../support/workbooks";

interface Person {
  row: number;
  name: string;
  id: string;
  studentNo: string;
}

const dir = tmpDir();
const photos = path.join(dir, "照片");
let roster: string;
/** The applicants with a 备案表 page, in roster order (the shared-name one left out). */
let F: Person[];
let shared: Person;
let outsider: Person;
const expected: [code: string, photo: string | null, row: number | null][] = [];
const hashes = new Map<string, string>();
const sha = (file: string) => createHash("sha256").update(fs.readFileSync(file)).digest("hex");

/** The demo's department, with one applicant who cannot be put forward renamed to a name that one who can has. */
beforeAll(async () => {
  const dept = syntheticDepartment({
    seed: 2023, applicants: 60, defects: true, passRate: 0.8, department: "信息工程学院",
    layout: { titleRows: 2, shuffle: true, footer: true, blankRows: true, messyValues: true },
  });
  const first = await writeFixture(dept.sheets, path.join(dir, "first.xlsx"));
  const result = checkGrids(await readGridsFromFile(first));
  const filing = new Set(filingApplicants(result.applicants.map((a) => ({ status: a.decision.status, a }))).map((x) => x.a));
  const person = (a: (typeof result.applicants)[number]): Person => ({ row: a.identity.row + 1, name: a.identity.name, id: a.identity.idNumber, studentNo: a.identity.studentId });
  const all = result.applicants.filter((a) => filing.has(a)).map(person);
  const out = result.applicants.filter((a) => !filing.has(a) && a.identity.name && a.identity.idNumber.length === 18).map(person);
  // The last one who needs a photo shares a name with someone who does not: renamed in the roster.
  shared = all[all.length - 1];
  const renamed = out[0];
  outsider = out[1];
  const sheets = dept.sheets.map((s) => ({ ...s, rows: s.rows.map((r) => r.map((v) => (v === renamed.name ? shared.name : v))) }));
  roster = await writeFixture(sheets, path.join(dir, "信息工程学院.xlsx"));
  F = all.slice(0, -1);
  expect(F.length).toBeGreaterThan(30);

  const withX = F.findIndex((p, i) => i >= 4 && p.id.endsWith("X"));
  expect(withX).toBeGreaterThan(-1);
  const old = Date.UTC(2023, 9, 1) / 1000;
  const plan: PhotoSpec[] = [];
  const used = new Set<number>();
  const put = (i: number, spec: PhotoSpec) => {
    used.add(i);
    plan.push(spec);
  };
  const issue = (code: string, photo: string | null, p: Person | null) => expected.push([code, photo, p ? p.row : null]);
  put(0, { path: `${F[0].id}.jpg` });
  put(1, { path: `${F[1].name}.jpg` });
  put(2, { path: `${F[2].name}_${F[2].id}.jpg` });
  put(3, { path: `${F[3].studentNo}.JPG` });
  put(withX, { path: `${F[withX].id.toLowerCase()}.jpeg` });
  const slots = F.map((_, i) => i).filter((i) => !used.has(i));
  const [iSeq, iSub, iMiss1, iMiss2, iPng, iCut, iBig, iSmall, iBlue, iDup1, iDup2, iRot, iSeveral, iNoExt, iPhone, iWide, iA, iB] = slots;
  put(iSeq, { path: `03 ${F[iSeq].name} (1).jpg` });
  put(iSub, { path: `二班/${F[iSub].name}.jpe` });
  used.add(iMiss2);
  // A copy that never got its bytes (a phone unplugged mid-copy): an empty file is there, so it is not "missing".
  put(iMiss1, { path: `${F[iMiss1].id}.jpg`, bytes: "" });
  issue("PHOTO_UNREADABLE", `${F[iMiss1].id}.jpg`, F[iMiss1]);
  issue("PHOTO_MISSING", null, F[iMiss2]);
  issue("PHOTO_MISSING", null, shared);
  put(iPng, { path: `${F[iPng].id}.jpg`, format: "PNG" });
  issue("PHOTO_NOT_JPEG", `${F[iPng].id}.jpg`, F[iPng]);
  put(iCut, { path: `${F[iCut].id}.jpg`, truncate: 0.6 });
  issue("PHOTO_UNREADABLE", `${F[iCut].id}.jpg`, F[iCut]);
  put(iBig, { path: `${F[iBig].id}.jpg`, width: 1500, height: 2100, target_kb: 600 });
  issue("PHOTO_SIZE", `${F[iBig].id}.jpg`, F[iBig]);
  put(iSmall, { path: `${F[iSmall].id}.jpg`, width: 100, height: 100 });
  issue("PHOTO_DIMENSIONS", `${F[iSmall].id}.jpg`, F[iSmall]);
  issue("PHOTO_SIZE", `${F[iSmall].id}.jpg`, F[iSmall]); // 100×100 is under 10 KB too
  put(iBlue, { path: `${F[iBlue].id}.jpg`, background: [67, 142, 219] });
  issue("PHOTO_BACKGROUND", `${F[iBlue].id}.jpg`, F[iBlue]);
  put(iDup1, { path: `${F[iDup1].id}.jpg` });
  put(iDup2, { path: `${F[iDup2].name}.jpg`, copy_of: `${F[iDup1].id}.jpg` });
  issue("PHOTO_DUPLICATE", `${F[iDup1].id}.jpg`, F[iDup1]);
  issue("PHOTO_DUPLICATE", `${F[iDup2].name}.jpg`, F[iDup2]);
  put(iRot, { path: `${F[iRot].id}.jpg`, orientation: 6 });
  put(iSeveral, { path: `${F[iSeveral].name}.jpg`, mtime: old });
  put(iSeveral, { path: `${F[iSeveral].id}.jpg` });
  issue("PHOTO_SEVERAL", `${F[iSeveral].id}.jpg`, F[iSeveral]);
  put(iNoExt, { path: `${F[iNoExt].id}` });
  put(iPhone, { path: `${F[iPhone].id}.jpg`, width: 600, height: 800 });
  put(iWide, { path: `${F[iWide].id}.jpg`, width: 400, height: 300 });
  issue("PHOTO_DIMENSIONS", `${F[iWide].id}.jpg`, F[iWide]);
  put(iA, { path: `${F[iA].id}.jpg` });
  put(iB, { path: `${F[iB].id}.jpg` });
  for (const i of F.map((_, k) => k).filter((k) => !used.has(k))) put(i, { path: `${F[i].id}.jpg` });
  // Files that match nobody, a name two people share, two people at once; someone who needs none.
  plan.push({ path: "IMG_20231101_0001.jpg" }, { path: `${shared.name}.jpg` }, { path: `${F[iA].name}和${F[iB].name}.jpg` }, { path: `${outsider.id}.jpg` });
  issue("PHOTO_UNMATCHED", "IMG_20231101_0001.jpg", null);
  issue("PHOTO_UNMATCHED", `${shared.name}.jpg`, null);
  issue("PHOTO_UNMATCHED", `${F[iA].name}和${F[iB].name}.jpg`, null);
  // Not photos: Windows' and macOS's leftovers, a note.
  plan.push({ path: "Thumbs.db", bytes: "thumbs" }, { path: ".DS_Store", bytes: "store" }, { path: `._${F[0].id}.jpg`, bytes: "resource fork" }, { path: "说明.txt", bytes: "照片说明" });
  makePhotos(photos, plan);
  for (const spec of plan) hashes.set(spec.path, sha(path.join(photos, spec.path)));
  Object.assign(roles, { iRot, iBig, iPhone, iWide, iSmall, iSeveral, iNoExt, iPng, iCut });
});

const roles: Record<string, number> = {};
const norm = (issues: { code: string; photo?: string; row?: number }[]) => issues.map((i) => [i.code, i.photo ?? null, i.row ?? null]).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));

describe("kezheng photos", () => {
  test("--json: every problem at its file and roster row, and nothing else", () => {
    const r = kezheng(["photos", photos, "--roster", roster, "--json"]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout) as { photos: { path: string; row?: number; output?: string; format: string; width?: number; height?: number }[]; issues: { code: string; severity: string; message: string; photo?: string; row?: number; sheet: string; cell: string }[] };
    expect(norm(report.issues)).toEqual(norm(expected.map(([code, photo, row]) => ({ code, photo: photo ?? undefined, row: row ?? undefined }))));
    for (const i of report.issues) {
      expect(i.message).toMatch(/[：:].*[请会]/);
      expect(i.severity).toBe(i.code === "PHOTO_MISSING" || i.code === "PHOTO_DUPLICATE" || i.code === "PHOTO_NOT_JPEG" || i.code === "PHOTO_UNREADABLE" ? "error" : "warning");
      if (i.row !== undefined) expect(i.cell).toMatch(new RegExp(`^[A-Z]+${i.row}$`));
      else expect([i.sheet, i.cell]).toEqual(["", ""]);
    }
    // One entry per image file, the leftovers and the note left out; the file without an extension is a JPEG by its bytes.
    expect(report.photos.map((p) => p.path).sort()).toEqual([...hashes.keys()].filter((p) => !/Thumbs|DS_Store|\._|说明/.test(p)).sort());
    const entry = (p: string) => report.photos.find((x) => x.path === p)!;
    expect(entry(`${F[roles.iNoExt].id}`)).toMatchObject({ format: "jpeg", row: F[roles.iNoExt].row, output: `${F[roles.iNoExt].id}.jpg` });
    expect(entry(`${F[roles.iPng].id}.jpg`)).toMatchObject({ format: "png", row: F[roles.iPng].row });
    expect(entry(`${F[roles.iPng].id}.jpg`).output).toBeUndefined();
    expect(entry(`${F[roles.iRot].id}.jpg`)).toMatchObject({ width: 295, height: 413 });
    expect(entry(`${outsider.id}.jpg`)).toMatchObject({ row: outsider.row, name: outsider.name });
    expect(entry(`${outsider.id}.jpg`).output).toBeUndefined();
    expect(entry(`${F[roles.iSeveral].name}.jpg`).output).toBeUndefined();
    expect(entry(`${F[roles.iSeveral].id}.jpg`).output).toBe(`${F[roles.iSeveral].id}.jpg`);
    expect(r.stdout).not.toMatch(/"params"/);
    const said = (code: string, p: string) => report.issues.find((i) => i.code === code && i.photo === p)!.message;
    expect(said("PHOTO_DIMENSIONS", `${F[roles.iWide].id}.jpg`)).toMatch(/400×300 像素，宽高比与一寸（295×413 像素）相差超过 5%：输出时按比例缩小放入，不裁剪/);
    expect(said("PHOTO_DIMENSIONS", `${F[roles.iSmall].id}.jpg`)).toMatch(/只有 100×100 像素，小于一寸/);
    expect(said("PHOTO_SIZE", `${F[roles.iBig].id}.jpg`)).toMatch(/有 6\d\d(\.\d)? KB，超出设置的照片大小（10-200 KB）：输出照片时.*会自动压缩/);
    // Only an upper end: "超出设置的照片大小（40 KB 以内）", not "大于照片大小 40 KB 以内".
    expect(said("PHOTO_SIZE", `${F[roles.iSmall].id}.jpg`)).toMatch(/只有 \d+(\.\d)? KB，小于设置的照片大小（10-200 KB）：/);
  });

  test("the summary in Chinese names each file; -o writes one JPEG per applicant, upright, within size and box, originals unchanged", () => {
    const out = path.join(dir, "上报");
    const r = kezheng(["photos", photos, "--roster", roster, "-o", out]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/错误 .*没有找到该申报人的照片/);
    expect(r.stdout).toMatch(/IMG_20231101_0001\.jpg/);
    expect(r.stdout).toContain(`需要照片的申报人 ${F.length + 1} 人（花名册行），有可用照片的 ${F.length - 4} 人。`);
    const names = fs.readdirSync(out).filter((n) => !n.startsWith(".")).sort();
    const missing = new Set(expected.filter(([c]) => c === "PHOTO_MISSING" || c === "PHOTO_NOT_JPEG" || c === "PHOTO_UNREADABLE").map(([, , row]) => row));
    expect(names).toEqual(F.filter((p) => !missing.has(p.row)).map((p) => `${p.id}.jpg`).sort());
    expect(r.stdout).toContain(`已写入 ${names.length} 张照片`);
    for (const name of names) {
      const file = path.join(out, name);
      const bytes = fs.readFileSync(file);
      expect([name, bytes[0], bytes[1], bytes[2]]).toEqual([name, 0xff, 0xd8, 0xff]);
      const pil = pillowUpright(file);
      expect(pil.format).toBe("JPEG");
      expect(pil.width).toBeLessThanOrEqual(295);
      expect(pil.height).toBeLessThanOrEqual(413);
      const small = name.startsWith(F[roles.iSmall].id);
      if (!small) expect(bytes.length).toBeGreaterThanOrEqual(10 * 1024);
      expect(bytes.length).toBeLessThanOrEqual(200 * 1024);
    }
    // The photo with EXIF orientation 6: written upright, as Pillow shows the original.
    const rot = pillowUpright(path.join(out, `${F[roles.iRot].id}.jpg`));
    const orig = pillowUpright(path.join(photos, `${F[roles.iRot].id}.jpg`));
    expect([rot.width, rot.height]).toEqual([orig.width, orig.height]);
    let diff = 0;
    for (let i = 0; i < rot.rgb.length; i++) diff += Math.abs(rot.rgb[i] - orig.rgb[i]);
    expect(diff / rot.rgb.length).toBeLessThan(4);
    // Downscaled, the ratio kept: 1500×2100 → 295×413, 600×800 → 295×393, 400×300 → 295×221 (not cropped).
    expect([F[roles.iBig], F[roles.iPhone], F[roles.iWide]].map((p) => { const x = pillowUpright(path.join(out, `${p.id}.jpg`)); return [x.width, x.height]; })).toEqual([[295, 413], [295, 393], [295, 221]]);
    // A photo that already fits is copied byte for byte; the tiny one is written as it is.
    expect(sha(path.join(out, `${F[0].id}.jpg`))).toBe(hashes.get(`${F[0].id}.jpg`));
    expect(sha(path.join(out, `${F[roles.iSmall].id}.jpg`))).toBe(hashes.get(`${F[roles.iSmall].id}.jpg`));
    // The originals are as they were.
    for (const [p, h] of hashes) expect([p, sha(path.join(photos, p))]).toEqual([p, h]);

    // A second run replaces its own output, the same bytes; a photo no longer needed is removed.
    const before = new Map(names.map((n) => [n, sha(path.join(out, n))]));
    fs.renameSync(path.join(photos, `${F[0].id}.jpg`), path.join(dir, "moved.jpg"));
    const again = kezheng(["photos", photos, "--roster", roster, "-o", out]);
    fs.renameSync(path.join(dir, "moved.jpg"), path.join(photos, `${F[0].id}.jpg`));
    expect(again.stdout).toMatch(/移除上次写入、本次不再需要的 1 张/);
    expect(fs.existsSync(path.join(out, `${F[0].id}.jpg`))).toBe(false);
    for (const [n, h] of before) if (n !== `${F[0].id}.jpg`) expect([n, sha(path.join(out, n))]).toEqual([n, h]);
  });

  test("-o: the photo folder itself is refused, a folder holding someone else's files too; nothing is written", () => {
    const self = kezheng(["photos", photos, "--roster", roster, "-o", photos]);
    expect(self.code).toBe(2);
    expect(self.stderr).toMatch(/输出文件夹就是照片文件夹/);
    const other = path.join(dir, "别人的");
    fs.mkdirSync(other);
    fs.writeFileSync(path.join(other, "报名表.docx"), "x");
    const r = kezheng(["photos", photos, "--roster", roster, "-o", other]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/已有不是课证写入的文件（报名表\.docx）/);
    expect(fs.readdirSync(other)).toEqual(["报名表.docx"]);
    for (const [p, h] of hashes) expect([p, sha(path.join(photos, p))]).toEqual([p, h]);
  });

  test("-o again: a photo of ours she changed since (cropped in 画图) is never overwritten or removed; a bad record does not crash", () => {
    const out = path.join(dir, "改过的");
    expect(kezheng(["photos", photos, "--roster", roster, "-o", out]).code).toBe(1);
    const mine = path.join(out, `${F[0].id}.jpg`);
    const cropped = Buffer.concat([fs.readFileSync(mine).subarray(0, 2), Buffer.from([0xff, 0xfe, 0, 6]), Buffer.from("crop"), fs.readFileSync(mine).subarray(2)]);
    fs.writeFileSync(mine, cropped);
    const r = kezheng(["photos", photos, "--roster", roster, "-o", out]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(new RegExp(`课证上次写入的照片已被改动（${F[0].id}\\.jpg）：课证不会覆盖.*没有写入任何文件`));
    expect(fs.readFileSync(mine).equals(cropped)).toBe(true);
    // Moved away, the run goes on and writes it again.
    fs.renameSync(mine, path.join(dir, "cropped.jpg"));
    expect(kezheng(["photos", photos, "--roster", roster, "-o", out]).code).toBe(1);
    expect(sha(mine)).toBe(hashes.get(`${F[0].id}.jpg`));
    // A record naming the folder itself or its parent: not ours to remove, and no crash.
    const record = path.join(out, ".kezheng-photos.json");
    const names = (JSON.parse(fs.readFileSync(record, "utf8")) as { files: string[] }).files;
    fs.writeFileSync(record, JSON.stringify({ files: [...names, "..", "."] }));
    const odd = kezheng(["photos", photos, "--roster", roster, "-o", out]);
    expect({ code: odd.code, stderr: odd.stderr }).toEqual({ code: 1, stderr: "" });
    expect(fs.existsSync(dir)).toBe(true);
  });

  test("OUTDIR inside the photo folder is not read as photos; a missing folder is one Chinese line", () => {
    const inside = path.join(photos, "输出");
    const r = kezheng(["photos", photos, "--roster", roster, "-o", inside, "--json"]);
    expect(r.code).toBe(1);
    const again = JSON.parse(kezheng(["photos", photos, "--roster", roster, "--json"]).stdout) as { photos: { path: string }[] };
    // The output sits inside the folder: a later run without -o (or run --photos) does not take it for a second
    // photo of everyone (PHOTO_SEVERAL for all): a folder holding our record is our output.
    expect(again.photos.some((p) => p.path.startsWith("输出/"))).toBe(false);
    expect(again.photos.length).toBeGreaterThan(F.length - 4);
    const withOut = JSON.parse(kezheng(["photos", photos, "--roster", roster, "-o", inside, "--json"]).stdout) as { photos: { path: string }[] };
    expect(withOut.photos.some((p) => p.path.startsWith("输出/"))).toBe(false);
    fs.rmSync(inside, { recursive: true });
    // A link back to a parent folder is walked once.
    const looped = path.join(dir, "循环");
    fs.mkdirSync(path.join(looped, "子"), { recursive: true });
    fs.copyFileSync(path.join(photos, `${F[0].id}.jpg`), path.join(looped, "子", `${F[0].id}.jpg`));
    fs.symlinkSync("..", path.join(looped, "子", "上一层"));
    const once = JSON.parse(kezheng(["photos", looped, "--roster", roster, "--json"]).stdout) as { photos: { path: string }[] };
    expect(once.photos.map((p) => p.path)).toEqual([`子/${F[0].id}.jpg`]);
    const none = kezheng(["photos", path.join(dir, "没有"), "--roster", roster]);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/^kezheng：找不到照片文件夹/);
  });
});
