import { Badge, Button, Caption1, Select, Text, ToggleButton, tokens } from "@fluentui/react-components";
import { useId, useMemo, useState } from "react";
import { countBySeverity, groupIssues, messageOf, PAGE, placeOf, SEVERITIES, type IssueGroup } from "../app/issues";
import type { Severity } from "../domain/messages";
import type { Issue } from "../forms/issue";
import { ErrorStepper } from "./ErrorStepper";
import type { Strings } from "./i18n";
import { TID } from "./testids";

const BADGE = { error: "danger", warning: "warning", info: "informative" } as const;

/**
 * The issues grouped by kind within severity, filtered by severity and sheet (notes hidden while
 * there are errors). In Excel (onSelect) a cell selects it and 下一个错误 steps through the errors;
 * elsewhere a cell is named. `stepper` false for a second list in the pane (F8 belongs to the report's).
 */
export function IssueList({ issues, t, onSelect, stepper = true }: { issues: Issue[]; t: Strings; onSelect?: (i: Issue) => void; stepper?: boolean }) {
  const [hidden, setHidden] = useState<Record<Severity, boolean>>(() => ({ error: false, warning: false, info: issues.some((i) => i.severity === "error") }));
  const [sheet, setSheet] = useState("");
  const [picked, setPicked] = useState<Issue | null>(null);
  const sheetId = useId();
  const sheets = useMemo(() => [...new Set(issues.map((i) => i.sheet))], [issues]);
  const mine = useMemo(() => (sheet && sheets.includes(sheet) ? issues.filter((i) => i.sheet === sheet) : issues), [issues, sheet, sheets]);
  const groups = useMemo(() => groupIssues(mine, t.locale), [mine, t.locale]);
  const counts = useMemo(() => countBySeverity(mine), [mine]);
  if (issues.length === 0) return <Caption1 data-testid={TID.issues}>{t.noIssues}</Caption1>;

  const select = onSelect && ((i: Issue) => {
    setPicked(i);
    onSelect(i);
  });
  const visible = groups.filter((g) => !hidden[g.severity]);
  const shown = SEVERITIES.reduce((n, s) => n + (hidden[s] ? 0 : counts[s]), 0);
  return (
    <section data-testid={TID.issues} aria-label={t.issues(counts.error, counts.warning, counts.info)} style={{ display: "grid", gap: 8 }}>
      {select && stepper && <ErrorStepper issues={issues} t={t} picked={picked} onSelect={select} />}
      <div role="group" aria-label={t.issueFilters} style={{ display: "flex", flexWrap: "wrap", gap: 6, alignItems: "center" }}>
        {SEVERITIES.map((s) => (
          <ToggleButton key={s} size="small" checked={!hidden[s]} icon={hidden[s] ? undefined : <span aria-hidden="true">✓</span>} data-testid={TID.issueFilter(s)} onClick={() => setHidden({ ...hidden, [s]: !hidden[s] })}>
            {t.severity[s]} {counts[s]}
          </ToggleButton>
        ))}
        {sheets.length > 1 && (
          <span style={{ display: "inline-flex", gap: 4, alignItems: "center" }}>
            <label htmlFor={sheetId}><Caption1>{t.sheetFilter}</Caption1></label>
            <Select id={sheetId} size="small" value={sheet} data-testid={TID.issueSheet} onChange={(_, d) => setSheet(d.value)}>
              <option value="">{t.allSheets}</option>
              {sheets.map((s) => <option key={s} value={s}>{s || "—"}</option>)}
            </Select>
          </span>
        )}
      </div>
      <Caption1 data-testid={TID.issuesShown} aria-live="polite">{t.shown(shown, issues.length)}</Caption1>
      <ul style={{ listStyle: "none", margin: 0, padding: 0, display: "grid", gap: 4 }}>
        {visible.map((g) => <GroupRow key={g.key} group={g} t={t} onSelect={select} />)}
      </ul>
    </section>
  );
}

/** One kind of problem: its message, count and sheets; opens to its cells. A group of one is its cell. */
function GroupRow({ group, t, onSelect }: { group: IssueGroup; t: Strings; onSelect?: (i: Issue) => void }) {
  const [open, setOpen] = useState(false);
  const cellsId = useId();
  const one = group.issues.length === 1;
  const head = (
    <>
      <Badge size="small" color={BADGE[group.severity]} style={{ marginRight: 6, flexShrink: 0 }}>{t.severity[group.severity]}</Badge>
      <span>
        {one && <b>{placeOf(group.issues[0])}　</b>}
        {group.label}
        {!one && <Caption1 style={{ display: "block", color: tokens.colorNeutralForeground2 }}>{t.cells(group.issues.length)} · {group.sheets.map((s) => s || "—").join("、")}</Caption1>}
      </span>
    </>
  );
  const style = { justifyContent: "flex-start", textAlign: "left", height: "auto", whiteSpace: "normal", width: "100%", fontWeight: "normal" } as const;
  if (one) {
    const i = group.issues[0];
    return (
      <li data-testid={TID.issueGroup(group.key)}>
        {onSelect ? (
          <Button appearance="subtle" size="small" data-testid={TID.issue(i.sheet, i.cell)} onClick={() => onSelect(i)} style={style}>{head}</Button>
        ) : (
          <div data-testid={TID.issue(i.sheet, i.cell)} style={{ display: "flex", alignItems: "flex-start", padding: "2px 8px" }}>{head}</div>
        )}
      </li>
    );
  }
  return (
    <li data-testid={TID.issueGroup(group.key)}>
      <Button appearance="subtle" size="small" aria-expanded={open} aria-controls={open ? cellsId : undefined} data-testid={TID.issueGroupToggle(group.key)}
        onClick={() => setOpen(!open)} style={style}>
        {head}
      </Button>
      {open && <GroupCells id={cellsId} group={group} t={t} onSelect={onSelect} />}
    </li>
  );
}

/** An opened group's cells, a page at a time. */
function GroupCells({ id, group, t, onSelect }: { id: string; group: IssueGroup; t: Strings; onSelect?: (i: Issue) => void }) {
  const [from, setFrom] = useState(0);
  const total = group.issues.length;
  const page = group.issues.slice(from, from + PAGE);
  const many = group.sheets.length > 1;
  const name = (i: Issue) => (many || !group.varies ? placeOf(i) : i.cell);
  return (
    <div id={id} style={{ paddingLeft: 12, display: "grid", gap: 4 }}>
      <ul style={{ listStyle: "none", margin: 0, padding: 0, display: "flex", flexWrap: "wrap", gap: 4 }}>
        {page.map((i) => (
          <li key={`${i.file ?? ""}${i.sheet}!${i.cell}`} style={group.varies ? { flexBasis: "100%" } : undefined}>
            {onSelect ? (
              <Button appearance="subtle" size="small" data-testid={TID.issue(i.sheet, i.cell)} onClick={() => onSelect(i)}
                style={{ minWidth: 0, height: "auto", whiteSpace: "normal", textAlign: "left", justifyContent: "flex-start", fontWeight: "normal" }}>
                <CellText issue={i} name={name(i)} varies={group.varies} t={t} />
              </Button>
            ) : (
              <Text data-testid={TID.issue(i.sheet, i.cell)} size={200} style={{ padding: "2px 8px", display: "inline-block" }}>
                <CellText issue={i} name={name(i)} varies={group.varies} t={t} />
              </Text>
            )}
          </li>
        ))}
      </ul>
      {total > PAGE && (
        <div style={{ display: "flex", flexWrap: "wrap", gap: 6, alignItems: "center" }}>
          <Button size="small" disabled={from === 0} data-testid={TID.issueFirstPage} onClick={() => setFrom(0)}>{t.firstPage}</Button>
          <Button size="small" disabled={from === 0} data-testid={TID.issuePrevPage} onClick={() => setFrom(Math.max(0, from - PAGE))}>{t.prevPage}</Button>
          <Caption1 aria-live="polite" data-testid={TID.issuePage}>{t.page(from + 1, from + page.length, total)}</Caption1>
          <Button size="small" disabled={from + PAGE >= total} data-testid={TID.issueNextPage} onClick={() => setFrom(from + PAGE)}>{t.nextPage}</Button>
          <Button size="small" disabled={from + PAGE >= total} data-testid={TID.issueLastPage} onClick={() => setFrom(Math.floor((total - 1) / PAGE) * PAGE)}>{t.lastPage}</Button>
        </div>
      )}
    </div>
  );
}

function CellText({ issue, name, varies, t }: { issue: Issue; name: string; varies: boolean; t: Strings }) {
  return varies ? <span><b>{name}</b>　{messageOf(issue, t.locale)}</span> : <b>{name}</b>;
}
