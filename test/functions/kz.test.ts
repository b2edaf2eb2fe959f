import { certNo, course, idCheck, KzError, level, maskIdNumber } from "../../src/functions/kz";
import { idCheckChar } from "../../src/domain/idnumber";

const valid = (first17: string) => first17 + idCheckChar(first17);

describe("KZ custom functions (thin wrappers over src/domain)", () => {
  test.each([
    ["§6 graduating, 8 courses", 2021, "4-04-05-01", "", 8, undefined, 3],
    ["§6 graduating, 7 courses", "2021级", "4-04-05-01", "", 7, undefined, 4],
    ["§6 second-year, 10 courses: 4 only", "22级", "4-04-05-01", "", 10, undefined, 4],
    ["§6 too few", 2021, "4-04-05-01", "", 5, undefined, "否：合格课程不足"],
    ["§1 out of scope", 2020, "4-04-05-01", "", 9, undefined, "否：年级不在认定范围"],
    ["§4 second-year on a level-3-only occupation", 2022, "4-08-08-08", "", 9, undefined, "否：该职业不设四级"],
    ["§1 assessment year as argument", 2022, "4-10-04-02", "足部按摩师", 8, 2024, 3],
  ])("KZ.LEVEL %s", (_rule, cohort, code, workType, passed, year, expected) => {
    expect(level(cohort, code, workType, passed, year)).toBe(expected);
  });

  test("KZ.LEVEL refuses what it cannot read, with a Chinese message", () => {
    expect(() => level("二一级", "4-04-05-01", "", 8)).toThrow(KzError);
    expect(() => level(2021, "9-99-99-99", "", 8)).toThrow(/职业编码或工种不在目录中/);
    expect(() => level(2021, "4-10-04-02", "", 8)).toThrow(/工种/);
    expect(() => level(2021, "4-04-05-01", "", -1)).toThrow(/非负数/);
  });

  test.each([
    [80, 70, null, null, "通过"], [50, 70, null, null, "待补考"], [50, 70, 60, null, "通过"], [50, 70, 40, null, "取消资格"],
    ["优秀", "及格", null, null, "通过"], [null, 70, null, null, "缺成绩"], ["缓考", 70, null, null, "待补考"],
  ])("§5 KZ.COURSE(%p, %p, %p, %p) = %p", (t, p, tm, pm, expected) => {
    expect(course(t, p, tm, pm)).toBe(expected);
  });

  test("§5 KZ.COURSE refuses an unreadable score", () => {
    expect(() => course("良加", 70)).toThrow(/无法识别/);
  });

  test.each([
    ["440308199901101512", ""], ["500154199804106120", ""], ["362324198001010014", ""], ["430302199312194239", ""],
    ["810000199408230021", ""], ["830000199201300022", ""],
    ["610104620927690", "15 位"], ["440308199901101513", "校验位错误"], ["440308199902301512", "出生日期"], ["44030819990110", "格式错误"],
  ])("§7 KZ.IDCHECK on a public vector %s", (id, expected) => {
    if (expected === "") expect(idCheck(id)).toBe("");
    else expect(idCheck(id)).toContain(expected);
  });

  test("§7 KZ.IDCHECK: empty when valid, else the reason", () => {
    const id = valid("41162820030916252");
    expect(idCheck(id, "女")).toBe("");
    expect(idCheck(id.slice(0, 17) + (id[17] === "1" ? "2" : "1"))).toMatch(/校验位错误/);
    expect(idCheck(id, "男")).toMatch(/不符/);
    expect(idCheck(Number(id.slice(0, 17)))).toMatch(/以数字形式保存/);
    expect(idCheck("")).toMatch(/为空/);
  });

  test("§9 KZ.MASKID and KZ.CERTNO", () => {
    expect(maskIdNumber("41162820030916252x")).toBe("411628********252X");
    expect(certNo("s000041000001", 2024, 3, 7)).toBe("S000041000001243000007");
    expect(() => certNo("S000041000001", 2024, 5, 7)).toThrow(/级别应为 3 或 4/);
    expect(() => certNo("S0000", 2024, 4, 7)).toThrow(/13 位/);
  });
});
