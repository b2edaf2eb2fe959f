import { cohortKind, cohortLevels, parseCohort } from "../../src/domain/cohort";

describe("§1 cohorts", () => {
  test.each([
    [2021, 2021], ["2021", 2021], ["2021级", 2021], ["21级", 2021], ["2021 级", 2021], ["２０２１", 2021], ["２１级", 2021], ["22", 2022],
  ])("§1 %p reads as %p", (input, year) => {
    expect(parseCohort(input)).toBe(year);
  });

  test.each([["二一级"], ["2021届"], ["21-1班"], [2021.5], [""], [null], ["12345"]])("§1 %p is not a cohort", (input) => {
    expect(parseCohort(input)).toBeNull();
  });

  test.each([
    [2022, 2023, "secondYear"], [2021, 2023, "graduating"], [2020, 2023, "outOfScope"], [2023, 2023, "outOfScope"],
    [2023, 2024, "secondYear"], [2022, 2024, "graduating"], [2021, 2024, "outOfScope"],
  ] as const)("§1 cohort %p in assessment year %p is %p", (cohort, year, kind) => {
    expect(cohortKind(cohort, year)).toBe(kind);
  });

  test("§4 second-year cohort: level 4 only; graduating: 3 or 4", () => {
    expect(cohortLevels("secondYear")).toEqual([4]);
    expect(cohortLevels("graduating")).toEqual([3, 4]);
    expect(cohortLevels("outOfScope")).toEqual([]);
  });
});
