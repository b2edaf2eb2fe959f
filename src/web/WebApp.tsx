/* global window, document, URL, Blob, File, HTMLDivElement, requestAnimationFrame */
// 网页版: the product as a page for WPS and LibreOffice users. The same engine as `kezheng` (in a
// Web Worker), the same summary and issue list as the task pane; results are downloads.
import { Button, Caption1, Divider, FluentProvider, Link, MessageBar, MessageBarBody, Subtitle1, Title2, Tooltip, webDarkTheme, webLightTheme } from "@fluentui/react-components";
import { useCallback, useRef, useState, type DragEvent as ReactDragEvent } from "react";
import { readableKind } from "../hosts/xlsx/open";
import type { Report } from "../app/report";
import { Cancelled, EVERYTHING, type Parts, type Phase } from "../app/run";
import { FilePicker } from "../ui/FilePicker";
import { photoPath, WORKBOOK_TYPES } from "../ui/files";
import { localeOf, strings } from "../ui/i18n";
import { FillSummary } from "../ui/FillSummary";
import { ImportSummary } from "../ui/ImportSummary";
import { IssueList } from "../ui/IssueList";
import { ProgressPanel } from "../ui/ProgressPanel";
import { Summary } from "../ui/Summary";
import { PhotosSection, type PhotosShown } from "../ui/PhotosSection";
import { TID } from "../ui/testids";
import type { PhotoFile } from "./photos";
import { inPageOnly, JobFailed, start, type Running } from "./client";
import { joinChunks } from "./chunks";
import type { InFile, Job, JobResult, OutFile } from "./engine";

type Action = "mark" | "compute" | "generate" | "clear";
const ACTIONS: Action[] = ["mark", "compute", "generate", "clear"];
const PARTS: Record<Exclude<Action, "clear">, Parts> = {
  mark: { marks: true, columns: false, sheets: false },
  compute: { marks: true, columns: true, sheets: false },
  generate: EVERYTHING,
};
const HINTS = { mark: "markHint", compute: "computeHint", generate: "generateHint", clear: "clearHint" } as const;
const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
/** Upload templates: what the evaluation systems hand out. */
const TEMPLATE_TYPES = ".xlsx,.xlsm,.xls";

const dark = () => typeof window.matchMedia === "function" && window.matchMedia("(prefers-color-scheme: dark)").matches;

async function inFile(f: File): Promise<InFile> {
  return { name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) };
}

/** Lets the browser paint (the progress panel, a disabled button) before work that may block it. */
const painted = () => new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve())));

/** A picked photo for the engine: the File itself where a worker reads it, its bytes where the job runs in the page. */
async function photoFile(f: File): Promise<PhotoFile> {
  const base = { path: photoPath(f), size: f.size, modified: f.lastModified };
  return inPageOnly() ? { ...base, bytes: new Uint8Array(await f.arrayBuffer()) } : { ...base, file: f };
}

/** Only an .xlsx/.xlsm can be written back; other formats are read for checking (and filling). */
const writable = (f: InFile) => readableKind(f.name, f.bytes) === "xlsx";

export function WebApp() {
  const t = strings(localeOf(window.navigator.language));
  const [file, setFile] = useState<InFile | null>(null);
  const [report, setReport] = useState<Report | null>(null);
  const [progress, setProgress] = useState<{ phase: Phase; done?: number; total?: number } | null>(null);
  const [message, setMessage] = useState<{ intent: "success" | "error" | "info"; text: string } | null>(null);
  /** What was refused while a job ran (it stays beside the job's own outcome until the next action). */
  const [refused, setRefused] = useState<string | null>(null);
  const [download, setDownload] = useState<{ name: string; url: string } | null>(null);
  const [merged, setMerged] = useState<JobResult["merge"] | null>(null);
  const [imported, setImported] = useState<JobResult["imported"] | null>(null);
  const [filled, setFilled] = useState<JobResult["filled"] | null>(null);
  /** 照片: the photos picked for the current workbook, what their check found, the last zip. */
  const [photos, setPhotos] = useState<{ files: PhotoFile[]; shown: PhotosShown } | null>(null);
  const [zip, setZip] = useState<{ name: string; url: string } | null>(null);
  const running = useRef<Running | null>(null);
  /** One job at a time, decided at once (state renders later: a second click or drop in the same
   * moment, or one queued while the page was blocked, must not start a second job). */
  const busyWith = useRef<string | null>(null);
  const outcome = useRef<HTMLDivElement | null>(null);

  const say = useCallback((m: { intent: "success" | "error" | "info"; text: string }) => {
    setMessage(m);
    // Focus follows the result, so a keyboard or screen-reader user lands on it.
    requestAnimationFrame(() => outcome.current?.focus());
  }, []);

  /** The download offered belongs to the workbook it was made from: gone when another is opened. */
  const forget = useCallback(() => {
    setDownload((d) => {
      if (d) URL.revokeObjectURL(d.url);
      return null;
    });
  }, []);

  const forgetZip = useCallback(() => {
    setZip((d) => {
      if (d) URL.revokeObjectURL(d.url);
      return null;
    });
  }, []);

  const offer = useCallback((out: OutFile) => {
    forget();
    setDownload(saveFile(out, /\.xls$/i.test(out.name) ? "application/vnd.ms-excel" : XLSX));
  }, [forget]);

  /** 照片（上报）.zip: a second download beside the workbook, offered again by its own link. */
  const offerZip = useCallback((out: OutFile) => {
    forgetZip();
    setZip(saveFile(out, "application/zip"));
  }, [forgetZip]);

  /**
   * Runs `work` unless a job is running. A new file then is refused with a line (`quiet` for the
   * current file's own buttons: a second click of a button already pressed is simply not taken).
   */
  const exclusive = useCallback(async (name: string, work: () => Promise<void>, quiet = false) => {
    if (busyWith.current !== null) {
      if (!quiet) setRefused(t.webBusy(busyWith.current));
      return;
    }
    busyWith.current = name;
    setRefused(null);
    setProgress({ phase: "read" });
    try {
      await work();
    } finally {
      // Clicks queued while the page was blocked (no worker) arrive now, and find it still busy.
      if (inPageOnly()) await painted();
      busyWith.current = null;
      setProgress(null);
    }
  }, [t]);

  /** Runs a job, shows its outcome; its result when it succeeded. */
  const go = useCallback(async (job: Job, done: (r: JobResult) => string): Promise<JobResult | null> => {
    setMessage(null);
    setProgress({ phase: "read" });
    // Without a worker the job blocks the page: the progress panel and the warning are drawn first.
    if (inPageOnly()) await painted();
    const job$ = start(job, (phase, d, total) => setProgress({ phase, done: d, total }));
    running.current = job$;
    try {
      const r = await job$.result;
      if (r.report) setReport(r.report);
      if (r.output) offer(r.output);
      if (r.photosZip) offerZip(r.photosZip);
      say({ intent: "success", text: done(r) });
      return r;
    } catch (e) {
      const text = e instanceof Cancelled ? e.message : e instanceof JobFailed && e.internal ? t.internalError : t.error((e as Error).message);
      say({ intent: e instanceof Cancelled ? "info" : "error", text });
      return null;
    } finally {
      running.current = null;
    }
  }, [offer, offerZip, say, t]);

  /** A workbook becomes the current one once it could be checked (an unusable file offers no actions);
   * everything shown of the one before (report, download, summaries) goes first. */
  const open = (files: File[]) => exclusive(files[0].name, async () => {
    setFile(null);
    setReport(null);
    setMerged(null);
    setImported(null);
    setFilled(null);
    setMessage(null);
    setPhotos(null);
    forget();
    forgetZip();
    const f = await inFile(files[0]);
    if (await go({ kind: "check", file: f }, () => t.done.check)) setFile(f);
  });

  /** 导入成绩 into the current workbook: the download, and the imported workbook becomes the current one. */
  const importInto = (files: File[]) => exclusive(file?.name ?? "", async () => {
    if (!file) return;
    const sources = await Promise.all(files.map(inFile));
    const r = await go({ kind: "import", files: sources, into: file }, (x) => t.downloaded(x.output?.name ?? ""));
    if (!r?.output || !r.imported) return;
    setImported(r.imported);
    const next = { name: r.output.name, bytes: joinChunks(r.output.chunks) };
    setFile(next);
    // The report of the imported workbook: what 生成表格 will work on.
    await go({ kind: "check", file: next }, () => `${t.downloaded(next.name)} ${t.importWritten(r.imported?.sheetName ?? "")}`);
  }, true);

  /** 填写上报模板 from the current workbook: the filled template is the download; the workbook stays current. */
  const fill = (files: File[]) => exclusive(file?.name ?? "", async () => {
    if (!file) return;
    setFilled(null);
    const template = await inFile(files[0]);
    const r = await go({ kind: "fill", template, from: file }, (x) => t.downloaded(x.output?.name ?? ""));
    if (r?.filled) setFilled(r.filled);
  }, true);

  const act = (a: Action) => exclusive(file?.name ?? "", async () => {
    if (!file) return;
    if (a === "clear") await go({ kind: "clear", file }, (r) => (r.cleared ? t.cleared(r.output?.name ?? "") : t.nothingCleared(r.output?.name ?? "")));
    else {
      // 生成表格 places the photos picked (and downloads them renamed); the other steps write no sheets.
      const withPhotos = a === "generate" && photos ? { photos: photos.files } : {};
      await go({ kind: "run", file, parts: PARTS[a], ...withPhotos }, (r) => [t.downloaded(r.output?.name ?? ""), r.photosZip ? t.downloaded(r.photosZip.name) : ""].join(" ").trim());
    }
  }, true);

  /** 照片: the photos checked against the current workbook's roster; 生成表格 then places them. */
  const pickPhotos = (files: File[]) => exclusive(file?.name ?? "", async () => {
    if (!file) return;
    const list = await Promise.all(files.map(photoFile));
    const r = await go({ kind: "photos", file, photos: list }, (x) => t.photosRead(x.photos?.files ?? 0, x.photos?.matched ?? 0));
    if (r?.photos) setPhotos({ files: list, shown: r.photos });
  }, true);

  /** The centre's merge: its report (the school's) takes the place of a department's. */
  const merge = (files: File[]) => exclusive(t.mergeTitle, async () => {
    setMerged(null);
    setFile(null);
    setReport(null);
    setImported(null);
    setFilled(null);
    forget();
    const inputs = await Promise.all(files.map(inFile));
    await go({ kind: "merge", files: inputs }, (r) => {
      setMerged(r.merge ?? null);
      return t.mergeDownload;
    });
  });

  const drop = (e: ReactDragEvent<HTMLElement>) => {
    e.preventDefault();
    const files = [...e.dataTransfer.files];
    if (files.length) void open(files);
  };

  const busy = progress !== null;
  const canWrite = file !== null && writable(file);
  return (
    <FluentProvider theme={dark() ? webDarkTheme : webLightTheme} style={{ minHeight: "100vh" }}>
      <main data-testid={TID.web} style={{ padding: 16, margin: "0 auto", maxWidth: 880, display: "grid", gridTemplateColumns: "minmax(0, 1fr)", gap: 14, overflowWrap: "anywhere" }}>
        <header>
          <Title2 as="h1" style={{ display: "block", margin: 0 }}>{t.webTitle}</Title2>
          <Caption1 as="p" style={{ display: "block", margin: "4px 0 0" }}>{t.webSubtitle}</Caption1>
          <Caption1 as="p" style={{ display: "block", margin: "4px 0 0" }}><strong>{t.privacy}</strong></Caption1>
        </header>

        <section aria-labelledby="kz-web-dept" style={{ display: "grid", gap: 10 }}>
          <Subtitle1 as="h2" id="kz-web-dept" style={{ margin: 0 }}>{t.webDepartment}</Subtitle1>
          <div data-testid={TID.webDrop} onDragOver={(e) => e.preventDefault()} onDrop={drop}
            style={{ border: "2px dashed currentColor", borderRadius: 8, padding: 16, display: "flex", flexWrap: "wrap", gap: 8, alignItems: "center" }}>
            <span>{t.webDrop}</span>
            <FilePicker label={t.webPick} accept={WORKBOOK_TYPES} appearance="primary" disabled={busy} testId={TID.webPick} onFiles={(f) => void open(f)} />
          </div>
          {file && <Caption1 data-testid={TID.webFile}>{t.webFile(file.name)}</Caption1>}
          {file && !canWrite && <Caption1 data-testid={TID.webReadOnly}>{t.webReadOnly(file.name)}</Caption1>}
          {canWrite && (
            <nav aria-label={t.webDepartment} style={{ display: "flex", flexWrap: "wrap", gap: 6 }}>
              {ACTIONS.map((a) => (
                <Tooltip key={a} content={t[HINTS[a]]} relationship="description">
                  <Button appearance={a === "generate" ? "primary" : "secondary"} disabled={busy} data-testid={TID[a]} onClick={() => void act(a)}>{t[a]}</Button>
                </Tooltip>
              ))}
            </nav>
          )}
          {canWrite && (
            <div style={{ display: "flex", flexWrap: "wrap", gap: 8, alignItems: "center" }}>
              <FilePicker label={t.importPick} accept={WORKBOOK_TYPES} multiple disabled={busy} testId={TID.importPick} onFiles={(f) => void importInto(f)} />
              <Caption1>{t.importTitle}</Caption1>
            </div>
          )}
          {imported && <ImportSummary result={imported} t={t} />}
          {file && (
            <div style={{ display: "flex", flexWrap: "wrap", gap: 8, alignItems: "center" }}>
              <FilePicker label={t.fillPick} accept={TEMPLATE_TYPES} disabled={busy} testId={TID.fillPick} onFiles={(f) => void fill(f)} />
              <Caption1>{t.fillTitle}</Caption1>
            </div>
          )}
          {filled && <FillSummary result={filled} t={t} />}
          {canWrite && (
            <PhotosSection t={t} busy={busy} reading={false} shown={photos?.shown ?? null} next={t.photosNext} onFiles={(f) => void pickPhotos(f)}>
              {zip && <Link href={zip.url} download={zip.name} data-testid={TID.photosZip}>{t.photosZipAgain(zip.name)}</Link>}
            </PhotosSection>
          )}
          {file && <Caption1>{t.webDownloadHint}</Caption1>}
        </section>

        {progress && inPageOnly() && <Caption1 data-testid={TID.webInPage}>{t.webInPage}</Caption1>}
        {progress && (
          <ProgressPanel progress={{ label: t.phase[progress.phase], done: progress.done, total: progress.total }} cancelLabel={t.cancel}
            onCancel={running.current?.cancel ?? undefined} />
        )}
        {/* Results and errors are announced where they appear, and focus moves to them. */}
        <div role="status" aria-live="polite" aria-atomic="true" ref={outcome} tabIndex={-1} data-testid={TID.webOutcome} style={{ outline: "none" }}>
          {refused && (
            <MessageBar intent="warning" data-testid={TID.webRefused}>
              <MessageBarBody>{refused}</MessageBarBody>
            </MessageBar>
          )}
          {message && (
            <MessageBar intent={message.intent} data-testid={TID.message}>
              <MessageBarBody>
                {message.text}
                {download && message.intent === "success" && (
                  <> <Link href={download.url} download={download.name} data-testid={TID.download}>{t.downloadAgain(download.name)}</Link></>
                )}
              </MessageBarBody>
            </MessageBar>
          )}
        </div>
        {merged && (
          <ul data-testid={TID.mergeFilesList} style={{ margin: 0, paddingLeft: 16 }}>
            {merged.files.map((f) => (
              <li key={f.file}><Caption1>{t.mergeFile(f.merged, f.file, f.department || null, f.applicants, f.errors, f.reason)}</Caption1></li>
            ))}
            <li><Caption1>{t.mergeTotal(merged.applicants, merged.reportable)}</Caption1></li>
          </ul>
        )}
        {report && <Summary report={report} t={t} />}
        {report && <IssueList issues={report.issues} t={t} />}

        <Divider />
        <section aria-labelledby="kz-web-merge" style={{ display: "grid", gap: 8 }}>
          <Subtitle1 as="h2" id="kz-web-merge" style={{ margin: 0 }}>{t.mergeTitle}</Subtitle1>
          <Caption1 as="p" style={{ margin: 0 }}>{t.mergePickHint}</Caption1>
          <div>
            <FilePicker label={t.webMergePick} accept={WORKBOOK_TYPES} multiple disabled={busy} testId={TID.webMergePick} onFiles={(f) => void merge(f)} />
          </div>
        </section>
      </main>
    </FluentProvider>
  );
}

/** Starts the browser's download of a file made in the page; the link stays for a second download (revoke its URL when done). */
function saveFile(out: OutFile, type: string): { name: string; url: string } {
  const url = URL.createObjectURL(new Blob(out.chunks as BlobPart[], { type }));
  const a = document.createElement("a");
  a.href = url;
  a.download = out.name;
  a.click();
  return { name: out.name, url };
}
