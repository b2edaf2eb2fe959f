// Issue 17, as a property: any sequence of (a user's edit, run or clear), ended by a clear, leaves
// every cell the user wrote as the same edits leave the workbook that was never run. Edits by
// openpyxl (it moves cells and leaves names where they were: the harder case for the journal).
import * as fc from "fast-check";
import * as path from "path";
import { syntheticDepartment } from "../../src/app/synthetic";
import { CATALOGUE } from "../../src/domain/catalogue";
import { clearFile, runFile } from "../../src/cli/files";
import { tmpDir, writeFixture } from "../support/workbooks";
import { openpyxlDump, userEdit, type DumpedSheet, type UserEdit } from "../support/writers";

const dir = tmpDir();
const dept = syntheticDepartment({ seed: 173, applicants: 24, defects: true, occupations: CATALOGUE.slice(10, 12), layout: { titleRows: 1 } });
const width = (name: string) => Math.max(...(dept.sheets.find((s) => s.name === name)?.rows ?? []).map((r) => r.length));
const SHEETS = ["花名册", "成绩登记册"] as const;

const values = (sheets: DumpedSheet[]) =>
  Object.fromEntries(sheets.map((s) => [s.name, Object.fromEntries(Object.entries(s.cells).filter(([, [v]]) => v !== null).map(([k, [v]]) => [k, v]))]));

/** Edits a secretary makes: columns inserted anywhere in or beside her tables (deleted only beside
 * them, where ours stand: deleting a required column makes the roster unreadable, which is another
 * test's business), rows inserted or deleted anywhere in the first rows. */
const edit: fc.Arbitrary<UserEdit> = fc.oneof(
  fc.record({ op: fc.constant("insertCols" as const), sheet: fc.constantFrom(...SHEETS), at: fc.nat(8) }),
  fc.constantFrom(...SHEETS).chain((sheet) => fc.record({ op: fc.constant("deleteCols" as const), sheet: fc.constant(sheet), at: fc.integer({ min: width(sheet) + 1, max: width(sheet) + 4 }) })),
  fc.record({ op: fc.constantFrom("insertRows" as const, "deleteRows" as const), sheet: fc.constantFrom(...SHEETS), at: fc.integer({ min: 3, max: 14 }), count: fc.integer({ min: 1, max: 2 }) }),
);
const step = fc.record({ edit, then: fc.constantFrom("run" as const, "clear" as const) });

test("random sequences of (edit, run or clear), ended by clear, never change a cell the user wrote", async () => {
  const input = await writeFixture(dept.sheets, path.join(dir, "input.xlsx"));
  let n = 0;
  await fc.assert(
    fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 3 }), async (steps) => {
      const k = n++;
      const f = (name: string) => path.join(dir, `${k}-${name}.xlsx`);
      let ours = f("run0");
      await runFile(input, ours);
      let theirs = input;
      for (const [i, s] of steps.entries()) {
        ours = userEdit("openpyxl", ours, f(`ours-edit${i}`), [s.edit]);
        theirs = userEdit("openpyxl", theirs, f(`theirs-edit${i}`), [s.edit]);
        const next = f(`ours-${s.then}${i}`);
        if (s.then === "run") await runFile(ours, next);
        else await clearFile(ours, next);
        ours = next;
      }
      await clearFile(ours, f("final"));
      expect(values(openpyxlDump(f("final")))).toEqual(values(openpyxlDump(theirs)));
    }),
    { numRuns: 8, seed: 17 },
  );
}, 600000);
