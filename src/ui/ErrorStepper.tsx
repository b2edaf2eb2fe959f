/* global document, KeyboardEvent */
import { Button, Caption1, Text } from "@fluentui/react-components";
import { useEffect, useMemo, useRef, useState } from "react";
import { errorsInOrder, messageOf, placeOf, positionOf, sheetRanks, stepError, type Position } from "../app/issues";
import type { Issue } from "../forms/issue";
import type { Strings } from "./i18n";
import { TID } from "./testids";

/**
 * 下一个错误 / 上一个: selects the next or previous error's cell in Excel (sheet and row order,
 * wrapping), F8 and Shift+F8 anywhere in the pane. The place is a position in the workbook, so
 * after the user fixes cells and checks again it goes on from there. A cell picked in the list
 * (picked) becomes the place too.
 */
export function ErrorStepper({ issues, t, picked, onSelect }: { issues: Issue[]; t: Strings; picked: Issue | null; onSelect: (i: Issue) => void }) {
  const ranks = useMemo(() => sheetRanks(issues), [issues]);
  const errors = useMemo(() => errorsInOrder(issues, ranks), [issues, ranks]);
  // The cell last stepped to or picked, with its sheet's rank then (its sheet may be gone since).
  const [at, setAt] = useState<{ issue: Issue; rank: number } | null>(null);
  const rankNow = useRef(ranks);
  rankNow.current = ranks;
  useEffect(() => {
    if (picked) setAt({ issue: picked, rank: positionOf(picked, rankNow.current).rank });
  }, [picked]);
  const from: Position | null = at && { ...positionOf(at.issue, ranks), rank: at.rank };

  const step = (dir: 1 | -1) => {
    const k = stepError(errors, from, dir, ranks);
    if (k < 0) return;
    setAt({ issue: errors[k], rank: positionOf(errors[k], ranks).rank });
    onSelect(errors[k]);
  };
  // The latest step for the key handler, without re-subscribing on every render.
  const stepRef = useRef(step);
  stepRef.current = step;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== "F8" || e.altKey || e.ctrlKey || e.metaKey) return;
      e.preventDefault();
      stepRef.current(e.shiftKey ? -1 : 1);
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, []);

  if (errors.length === 0) return null;
  const same = (i: Issue) => at !== null && i.sheet === at.issue.sheet && i.cell === at.issue.cell && i.file === at.issue.file;
  const current = errors.findIndex(same);
  const here = current >= 0 ? errors[current] : null;
  return (
    <div style={{ display: "grid", gap: 4 }}>
      <div style={{ display: "flex", flexWrap: "wrap", gap: 6, alignItems: "center" }}>
        <Button size="small" appearance="primary" aria-keyshortcuts="F8" data-testid={TID.nextError} onClick={() => step(1)}>{t.nextError}</Button>
        <Button size="small" aria-keyshortcuts="Shift+F8" data-testid={TID.prevError} onClick={() => step(-1)}>{t.prevError}</Button>
        <Caption1>{t.stepperHint}</Caption1>
      </div>
      <Text data-testid={TID.currentError} role="status" size={200}>
        {here ? <><b>{t.errorAt(current + 1, errors.length)}　{placeOf(here)}</b>　{messageOf(here, t.locale)}</> : at?.issue.severity === "error" ? t.errorGone(placeOf(at.issue)) : null}
      </Text>
    </div>
  );
}
