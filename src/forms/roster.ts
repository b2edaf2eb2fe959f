// forms.md A: the roster (申报人员花名册), one row per application.
import type { Detected } from "./detect";
import { ROSTER_FIELDS, ROSTER_REQUIRED, type RosterField } from "./fields";
import type { Issue } from "./issue";
import { missingColumnIssues, readTable, type Table } from "./table";

export const ROSTER_FORM = "申报人员花名册";

export interface Roster {
  table: Table<RosterField>;
  issues: Issue[];
}

export function readRoster(d: Detected): Roster {
  const table = readTable(ROSTER_FIELDS, d.grid, d.headerRow, ["name", "idNumber", "studentId"]);
  return { table, issues: missingColumnIssues(table, ROSTER_FIELDS, ROSTER_REQUIRED, ROSTER_FORM) };
}
