import { toA1, toR1C1 } from "../../src/forms/r1c1";

describe("A1 <-> R1C1", () => {
  test.each([
    ["D5", 4, 9, "RC[-6]"],
    ["$A$1:$B$1015", 0, 0, "R1C1:R1015C2"],
    ["A1+B2", 1, 1, "R[-1]C[-1]+RC"],
    ["'成绩 A1'!M3:M12", 0, 0, "'成绩 A1'!R[2]C[12]:R[11]C[12]"],
    ["IF(D3=\"A1\",1,0)", 2, 4, "IF(RC[-1]=\"A1\",1,0)"],
  ])("%s at (%p,%p)", (a1, row, col, r1c1) => {
    expect(toR1C1(a1, row, col)).toBe(r1c1);
    expect(toA1(r1c1, row, col)).toBe(a1);
  });

  test("a shared formula: the same R1C1 text on every row of a run", () => {
    const at = (r: number) => toR1C1(`IF(ISNUMBER(D${r + 1}),D${r + 1},VLOOKUP(TRIM(D${r + 1}),'_kz_data'!$A$1:$B$20,2,FALSE))`, r, 9);
    expect(new Set([at(2), at(3), at(500)]).size).toBe(1);
  });
});
