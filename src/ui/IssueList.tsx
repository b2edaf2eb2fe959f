import { Accordion, AccordionHeader, AccordionItem, AccordionPanel, Badge, Button, Caption1 } from "@fluentui/react-components";
import type { Issue } from "../forms/issue";
import type { strings } from "./i18n";
import { TID } from "./testids";

const ORDER = { error: 0, warning: 1, info: 2 } as const;

/** Issues grouped by sheet, errors first; each selects its cell. */
export function IssueList({ issues, t, onSelect }: { issues: Issue[]; t: ReturnType<typeof strings>; onSelect: (i: Issue) => void }) {
  if (issues.length === 0) return <Caption1 data-testid={TID.issues}>{t.noIssues}</Caption1>;
  const sheets = [...new Set(issues.map((i) => i.sheet))];
  return (
    <Accordion data-testid={TID.issues} multiple collapsible defaultOpenItems={sheets}>
      {sheets.map((sheet) => {
        const mine = issues.filter((i) => i.sheet === sheet).sort((a, b) => ORDER[a.severity] - ORDER[b.severity]);
        const count = (s: Issue["severity"]) => mine.filter((i) => i.severity === s).length;
        return (
          <AccordionItem key={sheet} value={sheet}>
            <AccordionHeader>{sheet}（{t.issues(count("error"), count("warning"), count("info"))}）</AccordionHeader>
            <AccordionPanel>
              <ul style={{ listStyle: "none", margin: 0, padding: 0, display: "grid", gap: 4 }}>
                {mine.slice(0, 500).map((i) => (
                  <li key={`${i.cell}-${i.code}`}>
                    <Button appearance="subtle" size="small" data-testid={TID.issue(i.sheet, i.cell)} onClick={() => onSelect(i)}
                      style={{ justifyContent: "flex-start", textAlign: "left", height: "auto", whiteSpace: "normal", width: "100%" }}>
                      <Badge size="small" color={i.severity === "error" ? "danger" : i.severity === "warning" ? "warning" : "informative"} style={{ marginRight: 6, flexShrink: 0 }}>
                        {t.severity[i.severity]}
                      </Badge>
                      <span><b>{i.cell}</b>　{i.message}</span>
                    </Button>
                  </li>
                ))}
              </ul>
            </AccordionPanel>
          </AccordionItem>
        );
      })}
    </Accordion>
  );
}
