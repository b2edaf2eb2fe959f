// A large report without a large workbook: the issues a check of `applicants` applicants with ten
// grade rows each might give, in report order (sheet, row, column), made by the real message table.
import type { Issue } from "../../../src/forms/issue";
import { issueAt } from "../../../src/forms/issue";

export function bigIssues(applicants: number): Issue[] {
  const issues: Issue[] = [];
  for (let k = 0; k < applicants; k++) {
    const row = k + 2;
    if (k % 1000 === 7) issues.push(issueAt("花名册", row, 0, "NAME_MISSING"));
    if (k % 250 === 3) issues.push(issueAt("花名册", row, 3, "ID_CHECKSUM", { value: `41010520020817${String(k % 10000).padStart(4, "0")}`, expected: String(k % 10) }));
    if (k % 100 === 5) issues.push(issueAt("花名册", row, 10, "PHONE_INVALID", { value: `0394-${k}` }));
  }
  for (let r = 0; r < applicants * 10; r++) {
    const row = r + 1;
    if (r % 5 === 0) issues.push(issueAt("成绩登记册", row, 6, "SCORE_PENDING_MAKEUP"));
    if (r % 50 === 1) issues.push(issueAt("成绩登记册", row, 2, "GRADE_COURSE_NOT_RELATED", { value: `课程${r % 7}` }));
  }
  return issues;
}
