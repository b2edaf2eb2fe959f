// Reading a table below its header row: which rows are records, and the cells of a field.
import { matchField, type FieldSpec } from "./fields";
import { headerColumns, type Columns } from "./detect";
import { cellText, isBlank, type CellValue, type Grid } from "./grid";
import { issueAt, type Issue } from "./issue";
import type { IssueCode, MessageParams } from "../domain/messages";

export interface Table<F extends string> {
  sheet: string;
  /** 0-based header row. */
  headerRow: number;
  columns: Columns<F>;
  /** 0-based worksheet rows that hold records. */
  rows: number[];
  grid: Grid;
}

/** Signature, note and total lines that stand below tables (制表人：…  审核人：…). */
const FOOTER = /^(制表|审核|填表|复核|负责人|经办|联系人|合计|总计|小计|注[:：]|说明[:：]?|备注[:：]|签字|盖章|日期[:：])/;

export function isFooterRow(cells: readonly CellValue[]): boolean {
  for (const v of cells) {
    if (isBlank(v)) continue;
    if (typeof v === "string" && FOOTER.test(cellText(v))) return true;
  }
  return false;
}

/**
 * Rows below the header that are records: not blank in every key field, not a footer line,
 * not the header repeated (tables printed over several pages).
 */
export function readTable<F extends string>(
  fields: readonly FieldSpec<F>[], grid: Grid, headerRow: number, keyFields: readonly F[], firstDataRow = headerRow + 1,
): Table<F> {
  const columns = headerColumns(fields, grid, headerRow);
  const keyCols = keyFields.map((f) => columns.get(f)).filter((c): c is number => c !== undefined);
  const rows: number[] = [];
  for (let r = firstDataRow; r < grid.rows.length; r++) {
    const cells = grid.rows[r];
    if (!cells || keyCols.every((c) => isBlank(cells[c] ?? null))) continue;
    if (isFooterRow(cells)) continue;
    if (keyCols.some((c) => typeof cells[c] === "string" && matchField(fields, cellText(cells[c])) !== null)) continue;
    rows.push(r);
  }
  return { sheet: grid.name, headerRow, columns, rows, grid };
}

export function valueOf<F extends string>(t: Table<F>, row: number, field: F): CellValue {
  const c = t.columns.get(field);
  return c === undefined ? null : (t.grid.rows[row]?.[c] ?? null);
}

export function textOf<F extends string>(t: Table<F>, row: number, field: F): string {
  return cellText(valueOf(t, row, field));
}

/** An issue at the cell of a field; where the column is absent, at the row's first cell. */
export function fieldIssue<F extends string>(t: Table<F>, row: number, field: F, code: IssueCode, params: MessageParams = {}): Issue {
  return issueAt(t.sheet, row, t.columns.get(field) ?? firstColumn(t), code, params);
}

function firstColumn<F extends string>(t: Table<F>): number {
  return t.columns.size === 0 ? 0 : Math.min(...t.columns.values());
}

/** forms.md: one error on the header row per missing required column. */
export function missingColumnIssues<F extends string>(t: Table<F>, fields: readonly FieldSpec<F>[], required: readonly F[], form: string): Issue[] {
  return required
    .filter((f) => !t.columns.has(f))
    .map((f) => {
      const spec = fields.find((s) => s.field === f);
      return issueAt(t.sheet, t.headerRow, firstColumn(t), "HEADER_MISSING_COLUMN", {
        form, column: spec?.label ?? f, choices: (spec?.spellings ?? []).join("、"),
      });
    });
}
