/* global Worker, window, console */
// Jobs for the engine: in a Web Worker where the browser allows one (cancel stops it at once),
// in the page itself otherwise (Chrome refuses workers to pages opened from a local folder).
import { Cancelled } from "../app/run";
import type { Job, JobResult, ProgressReport } from "./engine";

export class JobFailed extends Error {
  /** `internal`: the fault is ours, not the file's. `detail`: the technical cause, for the console only. */
  constructor(message: string, readonly internal: boolean, readonly detail?: string) {
    super(message);
    // What a maintainer needs and a secretary does not read: the console, never the page.
    if (internal || detail) console.error("课证：", message, detail ?? "");
  }
}

export interface Running {
  result: Promise<JobResult>;
  /** Stops the job; null where it cannot be stopped (no worker). */
  cancel: (() => void) | null;
  /** Whether the job runs in a worker. */
  inWorker: boolean;
}

let next = 1;
let workersRefused = false;

/** Whether jobs run in the page itself (blocking it): pages opened from a local folder. */
export const inPageOnly = () => workersRefused || window.location.protocol === "file:";

function makeWorker(): Worker | null {
  try {
    return new Worker(/* webpackChunkName: "worker" */ new URL("./worker.ts", import.meta.url));
  } catch (e) {
    // Pages opened from a local folder may not start workers: the engine runs in the page instead.
    if ((e as Error).name !== "SecurityError") throw e;
    workersRefused = true;
    return null;
  }
}

/** Starts a job; a cancelled one rejects with Cancelled (nothing was written: the output is only ever a download). */
export function start(job: Job, progress: ProgressReport): Running {
  const worker = makeWorker();
  if (!worker) return { result: runInPage(job, progress), cancel: null, inWorker: false };
  const id = next++;
  let settle: { resolve: (r: JobResult) => void; reject: (e: Error) => void } | null = null;
  const result = new Promise<JobResult>((resolve, reject) => (settle = { resolve, reject }));
  worker.onmessage = (e: MessageEvent) => {
    const m = e.data as { id: number; progress?: { phase: Parameters<ProgressReport>[0]; done?: number; total?: number }; result?: JobResult; error?: { message: string; usable: boolean; detail?: string } };
    if (m.id !== id) return;
    if (m.progress) return progress(m.progress.phase, m.progress.done, m.progress.total);
    worker.terminate();
    if (m.result) settle?.resolve(m.result);
    else settle?.reject(new JobFailed(m.error?.message ?? "", m.error?.usable ?? true, m.error?.detail));
  };
  worker.onerror = (e: ErrorEvent) => {
    worker.terminate();
    settle?.reject(new JobFailed(e.message, true));
  };
  worker.postMessage({ id, job });
  return {
    result,
    inWorker: true,
    cancel: () => {
      worker.terminate();
      settle?.reject(new Cancelled());
    },
  };
}

async function runInPage(job: Job, progress: ProgressReport): Promise<JobResult> {
  const { perform } = await import(/* webpackChunkName: "engine" */ "./engine");
  const { UnusableWorkbook } = await import("../app/port");
  try {
    return await perform(job, progress);
  } catch (e) {
    throw new JobFailed((e as Error).message, !(e instanceof UnusableWorkbook), e instanceof UnusableWorkbook ? e.detail : (e as Error).stack);
  }
}
