// #19: the 备案表's photo box as plain data: which applicant's photo goes in which box, by key.
import { syntheticDepartment } from "../../src/app/synthetic";
import { checkGrids } from "../../src/app/check";
import { planWriteBack } from "../../src/app/writeback";
import { filingSheets } from "../../src/forms/generated";
import { PHOTO_KEY_PREFIX, photoKey, photoPlacements } from "../../src/forms/photobox";
import { rowsOf, type SheetSpec } from "../../src/forms/sheetspec";
import { layOut } from "../../src/forms/layout";
import { roundTrip } from "../support/workbooks";
import type { CheckResult } from "../../src/app/check";

let result: CheckResult;
let filed: CheckResult["report"]["applicants"];
beforeAll(async () => {
  result = checkGrids(await roundTrip(syntheticDepartment({ seed: 77, applicants: 30, passRate: 0.9 }).sheets));
  filed = result.report.applicants.filter((a) => ["eligible", "downgrade", "review"].includes(a.status));
});
const filing = (keys: string[], size: "一寸" | "二寸" = "一寸"): SheetSpec => planWriteBack(result, { photos: { size, keys: new Set(keys) } }).sheets.find((s) => s.name === "备案表") as SheetSpec;

test("photoKey: the prefix and 11 base-36 digits, the same for the same ID (case and spaces aside), different for others, never the number", () => {
  const id = filed[0].idNumber;
  expect(photoKey(id)).toMatch(new RegExp(`^${PHOTO_KEY_PREFIX}[0-9a-z]{11}$`));
  expect(photoKey(` ${id.toLowerCase()} `)).toBe(photoKey(id));
  expect(new Set(filed.map((a) => photoKey(a.idNumber))).size).toBe(filed.length);
  expect(photoKey(id)).not.toContain(id.slice(-6));
});

test("a picture for each applicant whose key has a photo, in column G of his page's first identity row; the others' boxes read 贴照片处", () => {
  const keys = filed.filter((_, i) => i % 3 !== 0).map((a) => photoKey(a.idNumber));
  const spec = filing(keys);
  const placements = photoPlacements([spec]);
  expect(placements.map((p) => p.key).sort()).toEqual([...keys].sort());
  const rows = rowsOf(spec);
  for (const p of placements) {
    expect(p.col).toBe(6);
    expect(rows[p.row - 2][0]?.value).toBe("职业技能等级认定备案表");
    expect(rows[p.row - 1][6]?.value).toBe("照片");
    expect(rows[p.row][6]?.value ?? null).toBeNull();
  }
  const empty = rows.filter((r) => r[6]?.value === "贴照片处").length;
  expect(empty).toBe(filed.length - keys.length);
  // One cm is 360,000 EMU: 25 x 35 mm.
  expect(spec.pictures?.[0]).toMatchObject({ cx: 900000, cy: 1260000 });
});

test("二寸: a wider box column and identity rows tall enough that the five hold 49 mm", () => {
  const one = filing([], "一寸");
  const two = filing([photoKey(filed[0].idNumber)], "二寸");
  expect(two.widths[6]).toBeGreaterThan(one.widths[6]);
  const layout = layOut(two, rowsOf(two));
  const pic = two.pictures?.[0];
  expect(pic).toMatchObject({ cx: 35 * 36000, cy: 49 * 36000 });
  let points = 0;
  for (let r = 2; r < 7; r++) points += layout.heightOf(r) ?? 0;
  expect(points * 12700).toBeGreaterThanOrEqual((pic?.cy ?? 0) + (pic?.dy ?? 0));
  // 一寸 fits the rows as they are (22 pt each).
  expect(one.leastHeights).toBeUndefined();
});

test("more than 1,000 pages: each 备案表 sheet places its own applicants' photos", () => {
  const many = Array.from({ length: 1003 }, (_, i) => ({ ...filingApplicant, idNumber: `41010120020101${String(i).padStart(4, "0")}` }));
  const sheets = filingSheets(many, { schoolName: "学校", assessmentYear: 2023, mask: { lead: 6, trail: 4 }, archive: { gradeRegister: null, supervisionReport: null }, photos: { size: "一寸", keys: new Set(many.map((a) => photoKey(a.idNumber))) } });
  expect(sheets.map((s) => s.pictures?.length)).toEqual([1000, 3]);
  const placed = photoPlacements(sheets);
  expect(new Set(placed.map((p) => p.key)).size).toBe(1003);
  expect(placed.filter((p) => p.sheet === "备案表（2）").map((p) => p.row)).toEqual([2, 2 + 12, 2 + 24]);
});

const filingApplicant = {
  name: "张三", sex: "男", idNumber: "", studentId: "1", cohort: 2021, department: "学院", major: "专业", className: "班", occupationCode: "", occupationName: "", workType: "",
  occupation: null, requestedLevel: null, eligibleLevel: 4, status: "eligible", passedCourses: 6, courses: [], certificateNo: "", phone: "",
} as unknown as Parameters<typeof filingSheets>[0][number];
