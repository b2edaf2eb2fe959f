/* global window, document, performance, fetch, requestAnimationFrame, PerformanceObserver, HTMLElement */
// The issue list alone in a page, for the browser test and the bench: a big report generated in the
// page (or fetched, the bench's real report), long tasks recorded from the moment it is mounted.
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { createRoot } from "react-dom/client";
import type { Issue } from "../../../src/forms/issue";
import { strings } from "../../../src/ui/i18n";
import { IssueList } from "../../../src/ui/IssueList";
import { bigIssues } from "./big";

const w = window as unknown as Record<string, unknown>;
const longTasks: number[] = [];
const selected: string[] = [];
const frames = () => new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve())));

w.__kzIssueList = {
  longTasks,
  selected,
  /** Mounts the list; ms until it is painted. */
  mount: async (source: { applicants?: number; url?: string; lang?: "zh-CN" | "en-US" }) => {
    const issues: Issue[] = source.url ? (await (await fetch(source.url)).json()).issues : bigIssues(source.applicants ?? 0);
    await frames();
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) longTasks.push(Math.round(e.duration));
    }).observe({ type: "longtask" });
    const started = performance.now();
    createRoot(document.getElementById("root") as HTMLElement).render(
      <FluentProvider theme={webLightTheme}>
        <IssueList issues={issues} t={strings(source.lang ?? "zh-CN")} onSelect={(i) => selected.push(`${i.sheet}!${i.cell}`)} />
      </FluentProvider>,
    );
    await frames();
    return { issues: issues.length, ms: performance.now() - started };
  },
  /** Clicks a control; ms until the result is painted. */
  click: async (testId: string) => {
    const started = performance.now();
    (document.querySelector(`[data-testid="${testId}"]`) as HTMLElement).click();
    await frames();
    return performance.now() - started;
  },
};
