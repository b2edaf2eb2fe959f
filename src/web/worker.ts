/* global self */
// The page's worker: the engine off the main thread, so a school's workbook never freezes the tab.
// Messages: { id, job } in; { id, progress } while working, then { id, result } or { id, error }.
import { UnusableWorkbook } from "../app/port";
import { perform, type Job } from "./engine";

const scope = self as unknown as { onmessage: ((e: MessageEvent) => void) | null; postMessage: (m: unknown, transfer?: ArrayBuffer[]) => void };

scope.onmessage = (e: MessageEvent) => {
  const { id, job } = e.data as { id: number; job: Job };
  perform(job, (phase, done, total) => scope.postMessage({ id, progress: { phase, done, total } })).then(
    // Handed over, not copied (chunks may share a buffer: each is given once).
    (result) => scope.postMessage({ id, result }, [...new Set([...(result.output?.chunks ?? []), ...(result.photosZip?.chunks ?? [])].map((c) => c.buffer as ArrayBuffer))]),
    // The page shows the message: a user's file is explained (UnusableWorkbook), anything else is ours.
    (error: Error) => scope.postMessage({ id, error: { message: error.message, usable: !(error instanceof UnusableWorkbook), detail: error instanceof UnusableWorkbook ? error.detail : error.stack } }),
  );
};
