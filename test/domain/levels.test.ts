import { parseLevel } from "../../src/domain/levels";

describe("§4 levels", () => {
  test.each([
    [3, 3], [4, 4], ["3", 3], ["三级", 3], ["高级", 3], ["高级工", 3], ["三级/高级工", 3], ["三级（高级工）", 3],
    ["三级(高级工)", 3], ["３", 3], ["3级", 3], ["4", 4], ["四级", 4], ["中级", 4], ["中级工", 4], ["四级/中级工", 4],
    ["四级（中级工）", 4], ["４", 4], [" 四 级 ", 4], ["高级工（三级）", 3], ["中级工/四级", 4],
  ])("§4 %p reads as level %p", (input, level) => {
    expect(parseLevel(input)).toEqual({ kind: "level", level });
  });

  test.each([["五级"], ["初级工"], [5], ["三四级"], ["高级技师"], ["level 3"]])("§4 %p is not a level", (input) => {
    expect(parseLevel(input)).toEqual({ kind: "invalid" });
  });

  test.each([[null], [""], ["  "]])("§4 %p is blank", (input) => {
    expect(parseLevel(input)).toEqual({ kind: "blank" });
  });
});
