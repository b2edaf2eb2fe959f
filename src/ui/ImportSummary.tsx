// What an import read, before anything is written: files, counts, students not on the roster and
// the scores to check with their cells. Shared by the task pane and the web page.
import { Caption1 } from "@fluentui/react-components";
import type { ImportShown } from "../app/import";
import { messageOf } from "../app/issues";
import type { Strings } from "./i18n";
import { TID } from "./testids";

export function ImportSummary({ result, t }: { result: ImportShown; t: Strings }) {
  const shown = result.issues.filter((i) => i.severity !== "info");
  return (
    <div data-testid={TID.importSummary} style={{ display: "grid", gap: 4 }}>
      <ul style={{ margin: 0, paddingLeft: 16 }}>
        {result.files.map((f) => <li key={f.file}><Caption1>{t.importFile(f.file, f.rows)}</Caption1></li>)}
      </ul>
      <Caption1>{t.importTotal(result.students, result.courses, result.records)}</Caption1>
      {result.notOnRoster && result.notOnRoster.length > 0 && <Caption1>{t.importNotOnRoster(result.notOnRoster.length, result.notOnRoster.slice(0, 20).join("、"))}</Caption1>}
      {shown.length > 0 && (
        <>
          <Caption1>{t.importIssues(shown.length)}</Caption1>
          <ul style={{ margin: 0, paddingLeft: 16 }}>
            {shown.slice(0, 100).map((i) => (
              <li key={`${i.sheet}!${i.cell}:${i.code}`}><Caption1>{t.severity[i.severity]} {i.sheet}!{i.cell}　{messageOf(i, t.locale)}</Caption1></li>
            ))}
            {shown.length > 100 && <li><Caption1>{t.notListed(shown.length - 100)}</Caption1></li>}
          </ul>
        </>
      )}
    </div>
  );
}
