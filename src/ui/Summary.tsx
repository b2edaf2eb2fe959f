import { Badge, Body1, Caption1, Subtitle2, tokens } from "@fluentui/react-components";
import type { Report } from "../app/report";
import { CATALOGUE, occupationLabel } from "../domain/catalogue";
import { STATUSES } from "../domain/eligibility";
import type { strings } from "./i18n";
import { TID } from "./testids";

const COLORS = { eligible: "success", downgrade: "warning", incomplete: "informative", disqualified: "danger", review: "important", ineligible: "subtle", invalid: "danger" } as const;

/** Counts by status, and a small bar chart of eligible levels by occupation. */
export function Summary({ report, t }: { report: Report; t: ReturnType<typeof strings> }) {
  const rows = new Map<string, { l3: number; l4: number; none: number }>();
  for (const a of report.applicants) {
    const o = CATALOGUE.find((c) => c.code === a.occupationCode && c.workType === a.workType);
    const label = o ? occupationLabel(o) : a.occupationCode || "—";
    const r = rows.get(label) ?? { l3: 0, l4: 0, none: 0 };
    if (a.eligibleLevel === 3) r.l3++;
    else if (a.eligibleLevel === 4) r.l4++;
    else r.none++;
    rows.set(label, r);
  }
  const max = Math.max(1, ...[...rows.values()].map((r) => r.l3 + r.l4 + r.none));
  const bar = (n: number, color: string) => <span style={{ display: "inline-block", height: 10, width: `${(n / max) * 100}%`, background: color }} />;
  return (
    <section data-testid={TID.summary} aria-label={t.applicants(report.applicants.length)} style={{ display: "grid", gap: 8 }}>
      <Subtitle2>{t.applicants(report.applicants.length)}</Subtitle2>
      <div style={{ display: "flex", flexWrap: "wrap", gap: 6 }}>
        {STATUSES.map((s) => {
          const n = report.applicants.filter((a) => a.status === s).length;
          return n === 0 ? null : (
            <Badge key={s} appearance="tint" color={COLORS[s]} data-testid={TID.statusCount(s)}>
              {t.status(s)} {n}
            </Badge>
          );
        })}
      </div>
      <Body1>{t.byOccupation}</Body1>
      <div data-testid={TID.chart} role="table" aria-label={t.byOccupation} style={{ display: "grid", gap: 4 }}>
        {[...rows.entries()].map(([label, r]) => (
          <div key={label} role="row" style={{ display: "grid", gap: 2 }}>
            <Caption1 role="rowheader">{label}　{t.level3} {r.l3} · {t.level4} {r.l4} · {t.none} {r.none}</Caption1>
            <span role="cell" aria-hidden style={{ display: "flex", width: "100%", background: tokens.colorNeutralBackground3 }}>
              {bar(r.l3, tokens.colorPaletteGreenBackground3)}
              {bar(r.l4, tokens.colorPaletteBlueBackground2)}
              {bar(r.none, tokens.colorNeutralStroke1)}
            </span>
          </div>
        ))}
      </div>
    </section>
  );
}
