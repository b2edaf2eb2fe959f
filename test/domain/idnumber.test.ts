import { checkIdNumber, idCheckChar, maskId, sexFromId } from "../../src/domain/idnumber";

// 11010519491231002X is the standard's own worked example (GB 11643-1999 annex).
const valid = (first17: string) => first17 + idCheckChar(first17);

describe("§7 ID numbers", () => {
  test("§7 check character of the standard's example", () => {
    expect(idCheckChar("11010519491231002")).toBe("X");
  });

  test.each([
    ["§7 valid", valid("11010520001231002"), []],
    ["§7 wrong check character", "11010520001231002" + (idCheckChar("11010520001231002") === "7" ? "8" : "7"), ["ID_CHECKSUM"]],
    ["§7 15-digit numbers are an error", "110105001231002", ["ID_15_DIGIT"]],
    ["§7 17 characters", "11010520001231002", ["ID_FORMAT"]],
    ["§7 letters inside", "1101052000A2310026", ["ID_FORMAT"]],
    ["§7 not a real date (Feb 30)", valid("11010520000230002"), ["ID_BIRTH_DATE"]],
    ["§7 birth year too recent (> Y-14)", valid("11010520100101002"), ["ID_BIRTH_YEAR_RANGE"]],
    ["§7 birth year too old (< Y-60)", valid("11010519620101002"), ["ID_BIRTH_YEAR_RANGE"]],
    ["§7 province code not real", valid("99010520001231002"), ["ID_PROVINCE"]],
  ])("%s", (_rule, id, problems) => {
    expect(checkIdNumber(id, 2023).problems).toEqual(problems);
  });

  // Public test vectors of a widely used ID validator (jxlwqq/id-validator's test_validator.py):
  // facts about real-format numbers, held against §7 as written (83 = 台湾居民居住证, since 2018).
  test.each([
    ["§7 valid, Shenzhen", "440308199901101512", []],
    ["§7 valid, Chongqing", "500154199804106120", []],
    ["§7 valid, Jiangxi", "362324198001010014", []],
    ["§7 valid, Hunan", "430302199312194239", []],
    ["§7 valid, Hong Kong residence permit (81)", "810000199408230021", []],
    ["§7 valid, Taiwan residence permit (83)", "830000199201300022", []],
    ["§7 15 digits (valid old number) is still an error", "610104620927690", ["ID_15_DIGIT"]],
    ["§7 wrong check character", "440308199901101513", ["ID_CHECKSUM"]],
    ["§7 not a real date (Feb 30)", "440308199902301512", ["ID_BIRTH_DATE", "ID_CHECKSUM"]],
    ["§7 14 digits", "44030819990110", ["ID_FORMAT"]],
  ])("public vector: %s (%s)", (_rule, id, problems) => {
    expect(checkIdNumber(id, 2023).problems).toEqual(problems);
  });

  test("§7 residence permit prefixes 81, 82, 83 are accepted; 84 and 80 are not", () => {
    for (const prefix of ["81", "82", "83"]) expect(checkIdNumber(valid(`${prefix}000019990101002`), 2023).problems).toEqual([]);
    for (const prefix of ["80", "84", "72"]) expect(checkIdNumber(valid(`${prefix}000019990101002`), 2023).problems).toEqual(["ID_PROVINCE"]);
  });

  test("§7 birth year bounds are inclusive: Y-60 and Y-14", () => {
    const withYear = (y: number) => {
      const first = `110105${y}0101002`;
      return first + idCheckChar(first);
    };
    expect(checkIdNumber(withYear(1963), 2023).problems).toEqual([]);
    expect(checkIdNumber(withYear(2009), 2023).problems).toEqual([]);
    expect(checkIdNumber(withYear(1962), 2023).problems).toEqual(["ID_BIRTH_YEAR_RANGE"]);
    expect(checkIdNumber(withYear(2010), 2023).problems).toEqual(["ID_BIRTH_YEAR_RANGE"]);
  });

  test("§7 a lower-case x is accepted and upper-cased", () => {
    const first = "41162820030916252";
    const c = idCheckChar(first);
    expect(c).toBe("X");
    expect(checkIdNumber(first + "x", 2023)).toEqual({ id: first + "X", problems: [], lowercaseX: true });
  });

  test("§7 digit 17: odd = 男, even = 女", () => {
    expect(sexFromId(valid("11010520001231001"))).toBe("男");
    expect(sexFromId(valid("11010520001231002"))).toBe("女");
  });

  test("§9 masking keeps 6 + 4 by default, any pattern as set", () => {
    expect(maskId("41162820030916252X")).toBe("411628********252X");
    expect(maskId("41162820030916252X", 4, 2)).toBe("4116************2X");
  });
});
