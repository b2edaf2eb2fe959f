import type { Level } from "../../src/domain/catalogue";
import { decide, eligibleLevel, type StatusInput } from "../../src/domain/eligibility";

const base: StatusInput = {
  identityError: false, cohortInScope: true, competition: false, failedAfterMakeup: false, requestedLevel: null,
  occupationLevels: [3, 4], cohortLevels: [3, 4], passedCourses: 0, earnedCredits: 0, creditThresholds: {},
};

describe("§6 eligible level", () => {
  test.each([
    ["§6 5 courses: none", [3, 4], [3, 4], 5, null],
    ["§6 6 courses: level 4", [3, 4], [3, 4], 6, 4],
    ["§6 7 courses: level 4", [3, 4], [3, 4], 7, 4],
    ["§6 8 courses: level 3", [3, 4], [3, 4], 8, 3],
    ["§6 second-year with 10 courses: level 4 only", [3, 4], [4], 10, 4],
    ["§6 level-3-only occupation with 7 courses: none", [3], [3, 4], 7, null],
    ["§6 level-3-only occupation with 8 courses: 3", [3], [3, 4], 8, 3],
    ["§6 second-year on a level-3-only occupation: none", [3], [4], 10, null],
  ] as [string, Level[], Level[], number, Level | null][])("%s", (_rule, occupationLevels, cohortLevels, passedCourses, level) => {
    expect(eligibleLevel({ occupationLevels, cohortLevels, passedCourses, earnedCredits: 0, creditThresholds: {} })).toBe(level);
  });

  test("§6 或修满学分: credits at the threshold qualify where a threshold is set", () => {
    const i = { occupationLevels: [3, 4] as Level[], cohortLevels: [3, 4] as Level[], passedCourses: 5, earnedCredits: 30 };
    expect(eligibleLevel({ ...i, creditThresholds: {} })).toBeNull();
    expect(eligibleLevel({ ...i, creditThresholds: { 4: 30 } })).toBe(4);
    expect(eligibleLevel({ ...i, creditThresholds: { 4: 31 } })).toBeNull();
    expect(eligibleLevel({ ...i, creditThresholds: { 4: 20, 3: 30 } })).toBe(3);
  });
});

describe("§6 status, first match wins", () => {
  test.each([
    ["§6.1 identity error wins over everything", { identityError: true, cohortInScope: false, competition: true, passedCourses: 10 }, "invalid", null, 0],
    ["§6.2 cohort out of scope", { cohortInScope: false, competition: true }, "ineligible", null, 0],
    ["§6.2 occupation and cohort share no level", { occupationLevels: [3], cohortLevels: [4], passedCourses: 10 }, "ineligible", null, 0],
    ["§6.3 competition route: review", { competition: true, failedAfterMakeup: true, passedCourses: 10 }, "review", null, 0],
    ["§6.4 failed after makeup: disqualified", { failedAfterMakeup: true, passedCourses: 10 }, "disqualified", null, 0],
    ["§6.5 eligible, no level requested", { passedCourses: 8 }, "eligible", 3, 0],
    ["§6.5 eligible at the requested level", { passedCourses: 6, requestedLevel: 4 }, "eligible", 4, 0],
    ["§6.5 above the requested level is eligible", { passedCourses: 9, requestedLevel: 4 }, "eligible", 3, 0],
    ["§6.6 asked 3, reached 4: downgrade, 1 more course for 3", { passedCourses: 7, requestedLevel: 3 }, "downgrade", 4, 1],
    ["§6.6 asked 3 as second-year, reached 4: downgrade, nothing can help", { passedCourses: 9, requestedLevel: 3, cohortLevels: [4] }, "downgrade", 4, 0],
    ["§6.7 incomplete: 2 more for level 4", { passedCourses: 4, requestedLevel: 3 }, "incomplete", null, 2],
    ["§6.7 incomplete on a level-3-only occupation: 8 needed", { passedCourses: 5, occupationLevels: [3] }, "incomplete", null, 3],
    ["§6.7 incomplete with nothing passed", { passedCourses: 0 }, "incomplete", null, 6],
  ] as [string, Partial<StatusInput>, string, Level | null, number][])("%s", (_rule, input, status, level, missing) => {
    expect(decide({ ...base, ...input })).toEqual({ status, eligibleLevel: level, missing });
  });
});
