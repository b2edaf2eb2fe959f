import { CATALOGUE, matchOccupation, normalizeOccupationCode } from "../../src/domain/catalogue";

describe("§3 occupation catalogue", () => {
  test("§3 has exactly the 21 rows of notice §四", () => {
    expect(CATALOGUE).toHaveLength(21);
    expect(new Set(CATALOGUE.map((o) => `${o.code}/${o.workType}`)).size).toBe(21);
    expect(CATALOGUE.filter((o) => o.code === "4-10-04-02").map((o) => o.workType)).toEqual(["反射疗法师", "足部按摩师", "脊柱按摩师"]);
    expect(CATALOGUE.filter((o) => o.levels.length === 1).map((o) => o.name)).toEqual(["广告设计师", "健康管理师", "物流服务师"]);
  });

  test.each([
    ["§3 code and name agree, no work type", "4-04-05-01", "计算机程序设计员", "", "ok"],
    ["§3 full-width code", "４－０４－０５－０１", "计算机程序设计员", "", "ok"],
    ["§3 code not in the table", "4-04-05-09", "计算机程序设计员", "", "unknownCode"],
    ["§3 name contradicts code", "4-04-05-01", "电工", "", "nameMismatch"],
    ["§3 4-10-04-02 needs a work type", "4-10-04-02", "保健按摩师", "", "workTypeRequired"],
    ["§3 4-10-04-02 unknown work type", "4-10-04-02", "保健按摩师", "头部按摩师", "workTypeUnknown"],
    ["§3 4-10-04-02 with a work type", "4-10-04-02", "保健按摩师", "足部按摩师", "ok"],
    ["§3 single work type left blank is assumed", "4-01-02-02", "电子商务师", "", "ok"],
    ["§3 a work type on an occupation without one", "6-31-01-03", "电工", "高压电工", "workTypeUnknown"],
    ["§3 blank name is left to the required-field check", "6-31-01-03", "", "", "ok"],
  ])("%s", (_rule, code, name, workType, kind) => {
    expect(matchOccupation(code, name, workType).kind).toBe(kind);
  });

  test("§3 a blank single work type is assumed with a warning flag", () => {
    const m = matchOccupation("4-01-02-02", "电子商务师", "");
    expect(m).toMatchObject({ kind: "ok", workTypeAssumed: true, occupation: { workType: "网商" } });
  });

  test("§8 dashes of every width fold to ASCII in codes", () => {
    expect(normalizeOccupationCode("4—04–05－01")).toBe("4-04-05-01");
  });
});
