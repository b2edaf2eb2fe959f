import { Accordion, AccordionHeader, AccordionItem, AccordionPanel, Badge, Button, Caption1 } from "@fluentui/react-components";
import type { Issue } from "../forms/issue";
import type { strings } from "./i18n";
import { TID } from "./testids";

const ORDER = { error: 0, warning: 1, info: 2 } as const;

/** Issues grouped by sheet, errors first; in Excel each selects its cell (onSelect), elsewhere it names it. */
export function IssueList({ issues, t, onSelect }: { issues: Issue[]; t: ReturnType<typeof strings>; onSelect?: (i: Issue) => void }) {
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
                    {onSelect ? (
                      <Button appearance="subtle" size="small" data-testid={TID.issue(i.sheet, i.cell)} onClick={() => onSelect(i)}
                        style={{ justifyContent: "flex-start", textAlign: "left", height: "auto", whiteSpace: "normal", width: "100%" }}>
                        <IssueText issue={i} t={t} />
                      </Button>
                    ) : (
                      <div data-testid={TID.issue(i.sheet, i.cell)} style={{ display: "flex", alignItems: "flex-start", padding: "2px 8px" }}>
                        <IssueText issue={i} t={t} />
                      </div>
                    )}
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

function IssueText({ issue, t }: { issue: Issue; t: ReturnType<typeof strings> }) {
  return (
    <>
      <Badge size="small" color={issue.severity === "error" ? "danger" : issue.severity === "warning" ? "warning" : "informative"} style={{ marginRight: 6, flexShrink: 0 }}>
        {t.severity[issue.severity]}
      </Badge>
      <span><b>{issue.cell}</b>　{issue.message}</span>
    </>
  );
}
