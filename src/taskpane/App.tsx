/* global Office, File */
import { Button, Caption1, Divider, FluentProvider, MessageBar, MessageBarBody, ProgressBar, Title3, Tooltip, webDarkTheme, webLightTheme } from "@fluentui/react-components";
import { lazy, Suspense, useCallback, useEffect, useRef, useState } from "react";
import type { Report } from "../app/report";
import type { Phase } from "../app/run";
import type { Issue } from "../forms/issue";
import { checkPhotosInExcel, explain, loadEngine, perform, readSettings, selectCell, writeSettings, type Action } from "./actions";
import type { PhotoSource } from "../app/photos";
import { picturesSupported } from "../hosts/excel/pictures";
import { PhotosSection, type PhotosShown } from "../ui/PhotosSection";
import type { PhotoFile } from "../web/photos";
import { photoPath } from "../ui/files";
import { onCheckRequested } from "./events";
import { localeOf, strings } from "../ui/i18n";
import { IssueList } from "../ui/IssueList";
import { ProgressPanel } from "../ui/ProgressPanel";
import { SettingsPanel } from "./SettingsPanel";
import { Summary } from "../ui/Summary";
import { TID } from "../ui/testids";

/** A picked photo, read now: the engine reads synchronously, and the pane has no worker for it. */
async function photoFile(f: File): Promise<PhotoFile> {
  return { path: photoPath(f), size: f.size, modified: f.lastModified, bytes: new Uint8Array(await f.arrayBuffer()) };
}

/** Office's theme where the host tells it (Excel desktop); light otherwise. */
function isDark(): boolean {
  const bg = Office.context?.officeTheme?.bodyBackgroundColor;
  if (!bg || !/^#[0-9a-f]{6}$/i.test(bg)) return false;
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(bg.slice(i, i + 2), 16));
  return 0.299 * r + 0.587 * g + 0.114 * b < 128;
}

// The centre's merge carries the file host: loaded only when opened.
const MergeView = lazy(() => import(/* webpackChunkName: "merge" */ "./MergeView"));
const ImportView = lazy(() => import(/* webpackChunkName: "import" */ "./ImportView"));
const FillView = lazy(() => import(/* webpackChunkName: "fill" */ "./FillView"));

const ACTIONS: Action[] = ["check", "mark", "compute", "generate", "clear"];
const HINTS = { check: "checkHint", mark: "markHint", compute: "computeHint", generate: "generateHint", clear: "clearHint" } as const;

export function App() {
  const t = strings(localeOf(Office.context?.displayLanguage));
  const [report, setReport] = useState<Report | null>(null);
  const [phase, setPhase] = useState<{ phase: Phase; done?: number; total?: number } | null>(null);
  const [message, setMessage] = useState<{ intent: "success" | "error" | "info"; text: string } | null>(null);
  const [settings, setSettings] = useState<Record<string, string> | null>(null);
  const [merging, setMerging] = useState(false);
  const [importing, setImporting] = useState(false);
  const [filling, setFilling] = useState(false);
  /** 照片: the photos picked since the pane opened (生成表格 places them) and what their check found. */
  const [photos, setPhotos] = useState<{ sources: PhotoSource[]; shown: PhotosShown } | null>(null);
  const [photosOpen, setPhotosOpen] = useState(false);
  const [readingPhotos, setReadingPhotos] = useState(false);
  const [placed, setPlaced] = useState<number | null>(null);
  const cancel = useRef(false);

  const run = useCallback(async (action: Action) => {
    cancel.current = false;
    setMessage(null);
    setPhase({ phase: "read" });
    try {
      const progress = (phase: Phase, done?: number, total?: number) => setPhase({ phase, done, total });
      const { result, cleared, photos: found, placed: n } = await perform(action, { progress, cancelled: () => cancel.current }, action === "generate" ? photos?.sources : undefined);
      if (result) setReport(result.report);
      if (found && photos) setPhotos({ sources: photos.sources, shown: { files: photos.sources.length, matched: found.matched.length, issues: found.issues } });
      setPlaced(n ?? null);
      setMessage({ intent: "success", text: action === "clear" && !cleared ? t.nothingToClear : t.done[action] });
    } catch (e) {
      setMessage({ intent: "error", text: t.error(explain(e, t.locale)) });
    } finally {
      setPhase(null);
    }
  }, [t, photos]);

  /** 照片: read the picked files, check them against the roster as it is now. */
  const pickPhotos = async (files: File[]) => {
    setReadingPhotos(true);
    setMessage(null);
    try {
      const { photoSources } = await import(/* webpackChunkName: "photos" */ "../web/photos");
      const sources = photoSources(await Promise.all(files.map(photoFile)));
      const found = await checkPhotosInExcel(sources);
      setPhotos({ sources, shown: { files: sources.length, matched: found.matched.length, issues: found.issues } });
      setPlaced(null);
    } catch (e) {
      setMessage({ intent: "error", text: t.error(explain(e, t.locale)) });
    } finally {
      setReadingPhotos(false);
    }
  };

  useEffect(() => void loadEngine(), []);
  useEffect(() => onCheckRequested(() => void run("check")), [run]);

  // A photo that matches nobody has no cell: its message names the file.
  const select = (i: Issue) => i.sheet && i.cell && void selectCell(i.sheet, i.cell).catch((e) => setMessage({ intent: "error", text: t.error(explain(e, t.locale)) }));
  const busy = phase !== null;

  return (
    <FluentProvider theme={isDark() ? webDarkTheme : webLightTheme} style={{ minHeight: "100vh" }}>
      <main data-testid={TID.pane} style={{ padding: 12, display: "grid", gridTemplateColumns: "minmax(0, 1fr)", gap: 12, maxWidth: 640, overflowWrap: "anywhere" }}>
        <header>
          <Title3 as="h1" style={{ display: "block", margin: 0 }}>{t.title}</Title3>
          <Caption1 as="p" style={{ margin: 0 }}>{t.subtitle}</Caption1>
        </header>
        <nav aria-label={t.title} style={{ display: "flex", flexWrap: "wrap", gap: 6 }}>
          {ACTIONS.map((a) => (
            <Tooltip key={a} content={t[HINTS[a]]} relationship="description">
              <Button appearance={a === "check" ? "primary" : "secondary"} disabled={busy} data-testid={TID[a]} onClick={() => void run(a)}>
                {t[a]}
              </Button>
            </Tooltip>
          ))}
        </nav>
        {phase && (
          <ProgressPanel progress={{ label: t.phase[phase.phase], done: phase.done, total: phase.total }} cancelLabel={t.cancel}
            onCancel={phase.phase === "write" ? undefined : () => (cancel.current = true)} />
        )}
        {message && (
          <MessageBar intent={message.intent} data-testid={TID.message}>
            <MessageBarBody>{message.text}{placed !== null && message.intent === "success" && <span data-testid={TID.photosPlaced}> {t.photosPlaced(placed)}</span>}</MessageBarBody>
          </MessageBar>
        )}
        {report && <Summary report={report} t={t} />}
        {report && <IssueList issues={report.issues} t={t} onSelect={select} />}
        <Divider />
        <Button appearance="subtle" data-testid={TID.settingsToggle} aria-expanded={settings !== null}
          onClick={() => (settings ? setSettings(null) : void readSettings().then(setSettings).catch((e) => setMessage({ intent: "error", text: t.error(explain(e, t.locale)) })))}>
          {t.settings}
        </Button>
        <Button appearance="subtle" data-testid={TID.photosToggle} aria-expanded={photosOpen} onClick={() => setPhotosOpen(!photosOpen)}>
          {t.photosTitle}
        </Button>
        {photosOpen && (
          <PhotosSection t={t} busy={busy || readingPhotos} reading={readingPhotos} shown={photos?.shown ?? null} next={t.photosPaneNext} onFiles={(f) => void pickPhotos(f)} onSelect={select}>
            {!picturesSupported() && (
              <MessageBar intent="warning" data-testid={TID.photosUnsupported}>
                <MessageBarBody>{t.photosUnsupported}</MessageBarBody>
              </MessageBar>
            )}
          </PhotosSection>
        )}
        <Button appearance="subtle" data-testid={TID.importToggle} aria-expanded={importing} onClick={() => setImporting(!importing)}>
          {t.importTitle}
        </Button>
        {importing && (
          <Suspense fallback={<ProgressBar aria-label={t.importTitle} />}>
            <ImportView t={t} />
          </Suspense>
        )}
        <Button appearance="subtle" data-testid={TID.fillToggle} aria-expanded={filling} onClick={() => setFilling(!filling)}>
          {t.fillName}
        </Button>
        {filling && (
          <Suspense fallback={<ProgressBar aria-label={t.fillName} />}>
            <FillView t={t} />
          </Suspense>
        )}
        <Button appearance="subtle" data-testid={TID.mergeToggle} aria-expanded={merging} onClick={() => setMerging(!merging)}>
          {t.merge}
        </Button>
        {merging && (
          <Suspense fallback={<ProgressBar aria-label={t.merge} />}>
            <MergeView t={t} />
          </Suspense>
        )}
        {settings && (
          <SettingsPanel initial={settings} t={t} onSave={(v) => void writeSettings(v).then(() => setMessage({ intent: "info", text: t.saved })).catch((e) => setMessage({ intent: "error", text: t.error(explain(e, t.locale)) }))} />
        )}
      </main>
    </FluentProvider>
  );
}
