// What 填写上报模板 read from the template and wrote into it: the sheet and header row, each column's
// content, the rows written, the columns left empty and the cells to check. The page and the pane.
import { Caption1 } from "@fluentui/react-components";
import type { FillColumn } from "../forms/fill";
import type { Issue } from "../forms/issue";
import { columnLetter } from "../forms/grid";
import { TEMPLATE_FIELDS } from "../forms/templatefields";
import type { Strings } from "./i18n";
import { TID } from "./testids";

export interface FillShown {
  sheet: string;
  headerRow: number;
  columns: FillColumn[];
  firstRow: number;
  rows: number;
  emptyColumns: string[];
  issues: Issue[];
}

export function FillSummary({ result, t }: { result: FillShown; t: Strings }) {
  const label = (field: string | null) =>
    field === null ? t.fillLeftEmpty : field.startsWith("花名册:") ? t.fillRosterColumn(field.slice(4)) : (TEMPLATE_FIELDS.find((f) => f.field === field)?.label ?? field);
  return (
    <div data-testid={TID.fillSummary} style={{ display: "grid", gap: 4 }}>
      <Caption1>{t.fillRead(result.sheet, result.headerRow + 1)}</Caption1>
      <ul style={{ margin: 0, paddingLeft: 16 }}>
        {result.columns.map((c) => <li key={c.col}><Caption1>{columnLetter(c.col)} {c.header} ← {label(c.field)}</Caption1></li>)}
      </ul>
      <Caption1>{t.fillRows(result.rows, result.firstRow + 1)}</Caption1>
      {result.emptyColumns.length > 0 && <Caption1>{t.fillEmpty(result.emptyColumns.join("、"))}</Caption1>}
      {result.issues.length > 0 && (
        <>
          <Caption1>{t.fillIssues(result.issues.length)}</Caption1>
          <ul style={{ margin: 0, paddingLeft: 16 }}>
            {result.issues.slice(0, 100).map((i) => (
              <li key={`${i.sheet}!${i.cell}:${i.code}`}><Caption1>{t.severity[i.severity]} {i.sheet}!{i.cell}　{i.message}</Caption1></li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
