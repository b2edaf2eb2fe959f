// The issue list's model: groups by kind within severity, messages in the pane's language, and
// 下一个错误 / 上一个 in sheet and row order, wrapping, keeping its place across checks.
import { countBySeverity, errorsInOrder, groupIssues, messageOf, positionOf, sheetRanks, stepError } from "../../src/app/issues";
import { checkGrids } from "../../src/app/check";
import { syntheticDepartment } from "../../src/app/synthetic";
import { MESSAGES, messageFor } from "../../src/domain/messages";
import { issueAt, reportJson } from "../../src/forms/issue";
import { roundTrip } from "../support/workbooks";

test("a department with defects: every issue in exactly one group; errors, warnings, notes in that order; counts add up", async () => {
  const { report } = checkGrids(await roundTrip(syntheticDepartment({ seed: 81, applicants: 60, defects: true }).sheets));
  const groups = groupIssues(report.issues);
  const rank = { error: 0, warning: 1, info: 2 };
  expect(groups.map((g) => rank[g.severity])).toEqual([...groups.map((g) => rank[g.severity])].sort());
  expect(groups.flatMap((g) => g.issues).length).toBe(report.issues.length);
  expect(new Set(groups.flatMap((g) => g.issues)).size).toBe(report.issues.length);
  for (const g of groups) for (const i of g.issues) expect([i.code, i.severity]).toEqual([g.code, g.severity]);
  const n = countBySeverity(report.issues);
  expect(groups.filter((g) => g.severity === "info").reduce((s, g) => s + g.issues.length, 0)).toBe(n.info);
  // The notes of one kind are one group, not one row per cell.
  const pending = groups.filter((g) => g.code === "SCORE_PENDING_MAKEUP");
  expect(pending).toHaveLength(1);
  expect(pending[0].issues.length).toBe(report.issues.filter((i) => i.code === "SCORE_PENDING_MAKEUP").length);
  expect(pending[0].label).toBe("初次成绩不及格，尚无补考成绩：补考后再录入。");
  expect(groupIssues(report.issues, "en-US").find((g) => g.code === "SCORE_PENDING_MAKEUP")?.label).toBe("First score failed, no makeup yet.");
});

test("what differs cell to cell shows as … in the group; each cell keeps its own message, in either language", () => {
  const issues = [issueAt("花名册", 4, 3, "ID_CHECKSUM", { value: "110105200201010013", expected: "6" }), issueAt("花名册", 8, 3, "ID_CHECKSUM", { value: "110105200201010021", expected: "X" })];
  const [g] = groupIssues(issues);
  expect(g.varies).toBe(true);
  expect(g.label).toBe("身份证号“…”校验位错误（按前 17 位应为 …）：请对照身份证原件核对每一位。");
  expect(groupIssues(issues, "en-US")[0].label).toBe("ID number “…” check character wrong (should be …): check every digit against the card.");
  expect(messageOf(issues[1], "en-US")).toBe(messageFor("ID_CHECKSUM", { value: "110105200201010021", expected: "X" }, "en-US"));
  expect(messageOf(issues[1], "zh-CN")).toBe(issues[1].message);
  // A column names a different kind of problem: two groups.
  expect(groupIssues([issueAt("成绩登记册", 3, 6, "SCORE_MISSING", { column: "理论成绩" }), issueAt("成绩登记册", 4, 7, "SCORE_MISSING", { column: "实操成绩" })])).toHaveLength(2);
});

test("every code has an English message, and no message is left with an undefined in it", () => {
  for (const code of Object.keys(MESSAGES) as (keyof typeof MESSAGES)[]) {
    const en = messageFor(code, { value: "x", column: "c", expected: "e", choices: "a、b", other: "3", form: "花名册", count: 2, days: 5, file: "f.xlsx", part: "xl/workbook.xml", sheet: "s" }, "en-US");
    expect(en).not.toMatch(/undefined/);
    expect(en).not.toMatch(/[\u4e00-\u9fff]{6,}/);
  }
});

test("the report's JSON has no params", () => {
  const json = JSON.parse(reportJson({ applicants: [], issues: [issueAt("花名册", 1, 1, "NAME_MISSING")] }));
  expect(Object.keys(json.issues[0]).sort()).toEqual(["cell", "code", "message", "severity", "sheet"]);
});

describe("下一个错误 / 上一个", () => {
  const issues = [
    issueAt("花名册", 4, 3, "NAME_MISSING"),
    issueAt("花名册", 4, 5, "SEX_MISSING"),
    issueAt("花名册", 9, 0, "PHONE_INVALID", { value: "1" }),
    issueAt("花名册", 12, 2, "COHORT_MISSING"),
    issueAt("成绩登记册", 2, 6, "SCORE_INVALID", { value: "良加" }),
  ];
  const ranks = sheetRanks(issues);
  const errors = errorsInOrder(issues, ranks);

  test("walks every error in sheet and row order, both ways, and wraps", () => {
    expect(errors.map((i) => `${i.sheet}!${i.cell}`)).toEqual(["花名册!D5", "花名册!F5", "花名册!C13", "成绩登记册!G3"]);
    const walk = (dir: 1 | -1) => {
      const seen: number[] = [];
      let at = null;
      for (let k = 0; k < errors.length + 1; k++) {
        const n = stepError(errors, at, dir, ranks);
        seen.push(n);
        at = positionOf(errors[n], ranks);
      }
      return seen;
    };
    expect(walk(1)).toEqual([0, 1, 2, 3, 0]);
    expect(walk(-1)).toEqual([3, 2, 1, 0, 3]);
  });

  test("after the current cell is fixed and checked again, next goes on from where it was", () => {
    const at = positionOf(errors[1], ranks);
    const fixed = issues.filter((i) => i !== errors[1]);
    const r2 = sheetRanks(fixed);
    const e2 = errorsInOrder(fixed, r2);
    expect(e2[stepError(e2, at, 1, r2)].cell).toBe("C13");
    expect(e2[stepError(e2, at, -1, r2)].cell).toBe("D5");
    expect(stepError([], at, 1, r2)).toBe(-1);
  });
});
