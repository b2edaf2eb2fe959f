import { parseScore } from "../../src/domain/score";
import { DEFAULT_GRADE_WORDS } from "../../src/domain/settings";

const parse = (v: unknown) => parseScore(v as never, DEFAULT_GRADE_WORDS);

describe("§5 score cells", () => {
  test.each([
    ["§5 number", 75, 75], ["§5 decimal", 59.5, 59.5], ["§5 zero", 0, 0], ["§5 hundred", 100, 100],
    ["§5 numeric text", "75", 75], ["§5 full-width digits", "７５", 75], ["§5 trailing 分", "75分", 75],
    ["§5 surrounding spaces", " 75 ", 75], ["§5 full-width, 分 and ideographic spaces", "\u3000６０分\u3000", 60],
    ["§5 优秀", "优秀", 95], ["§5 优", "优", 95], ["§5 良好", "良好", 85], ["§5 良", "良", 85], ["§5 中等", "中等", 75], ["§5 中", "中", 75],
    ["§5 及格", "及格", 65], ["§5 合格", "合格", 65], ["§5 不及格", "不及格", 0], ["§5 不合格", "不合格", 0],
  ])("%s", (_rule, input, value) => {
    expect(parse(input)).toEqual({ kind: "score", value });
  });

  test.each([["缺考", "absent"], ["旷考", "absent"], ["作弊", "cheating"]])("§5 %s = 0 with a warning", (input, note) => {
    expect(parse(input)).toEqual({ kind: "score", value: 0, note });
  });

  test("§5 缓考 is not yet taken", () => {
    expect(parse("缓考")).toEqual({ kind: "deferred" });
  });

  test.each([[null], [""], ["   "]])("§5 %p is missing", (input) => {
    expect(parse(input)).toEqual({ kind: "missing" });
  });

  test.each([["-5"], [-1], [101], ["100.5"], ["七十"], ["A"], ["75 80"], ["075"], ["60.0"], ["1e2"], ["75%"], ["7 5"], ["60 分"], ["59.25"], [true], [new Date()]])("§5 %p is an error, treated as missing", (input) => {
    expect(parse(input)).toEqual({ kind: "invalid" });
  });

  test("§5 the grade-word mapping is a setting", () => {
    expect(parseScore("优秀", { 优秀: 90 })).toEqual({ kind: "score", value: 90 });
    expect(parseScore("良好", { 优秀: 90 })).toEqual({ kind: "invalid" });
  });
});
