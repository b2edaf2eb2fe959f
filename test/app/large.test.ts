// A department as large as a whole school: no step may spread hundreds of thousands of values
// into one call (Math.max(...rows) overflows the stack), as the first 50,000-applicant bench showed.
import { checkGrids } from "../../src/app/check";
import { syntheticDepartment } from "../../src/app/synthetic";
import { planWriteBack } from "../../src/app/writeback";

test("check and plan 20,000 applicants with 200,000 grade rows", () => {
  const dept = syntheticDepartment({ seed: 91, applicants: 20000, passRate: 0.7 });
  const result = checkGrids(dept.sheets.map((s) => ({ name: s.name, rows: s.rows })));
  expect(result.report.applicants).toHaveLength(20000);
  const plan = planWriteBack(result);
  const helpers = plan.blocks.find((b) => b.sheet === "成绩登记册");
  expect(helpers?.cells.length).toBe(200001);
  expect(plan.marks.length).toBeGreaterThan(50000);
}, 120000);
