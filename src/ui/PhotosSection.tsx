/* global File */
// The 照片 step, the same in the page and the pane: a folder (or several files) of photos picked or
// dropped, what was found, and the photo issues in the issue list every other check uses.
import { Caption1, Subtitle2 } from "@fluentui/react-components";
import type { ReactNode } from "react";
import type { Issue } from "../forms/issue";
import { FilePicker, foldersPickable } from "./FilePicker";
import type { Strings } from "./i18n";
import { IssueList } from "./IssueList";
import { ProgressPanel } from "./ProgressPanel";
import { TID } from "./testids";

/** What the pickers offer: the photo formats people have (the check says which ones will not do). */
export const PHOTO_TYPES = ".jpg,.jpeg,.jpe,.png,.heic,.heif,.webp,.bmp,.gif,.tif,.tiff,image/*";

export interface PhotosShown {
  files: number;
  matched: number;
  issues: Issue[];
}

export interface PhotosSectionProps {
  t: Strings;
  busy: boolean;
  reading: boolean;
  shown: PhotosShown | null;
  /** What happens next (生成表格), shown once photos were read. */
  next: string;
  onFiles: (files: File[]) => void;
  onSelect?: (i: Issue) => void;
  children?: ReactNode;
}

export function PhotosSection({ t, busy, reading, shown, next, onFiles, onSelect, children }: PhotosSectionProps) {
  return (
    <section data-testid={TID.photos} aria-labelledby="kz-photos-title" style={{ display: "grid", gridTemplateColumns: "minmax(0, 1fr)", gap: 8 }}
      onDragOver={(e) => e.preventDefault()}
      onDrop={(e) => {
        e.preventDefault();
        const files = [...e.dataTransfer.files];
        if (files.length && !busy) onFiles(files);
      }}>
      <Subtitle2 as="h2" id="kz-photos-title" style={{ margin: 0 }}>{t.photosTitle}</Subtitle2>
      <Caption1 as="p" style={{ margin: 0 }}>{t.photosHint}</Caption1>
      <div data-testid={TID.photosDrop} style={{ display: "flex", flexWrap: "wrap", gap: 8, alignItems: "center" }}>
        {foldersPickable() && <FilePicker label={t.photosPickFolder} accept={PHOTO_TYPES} folder multiple disabled={busy} testId={TID.photosFolder} onFiles={onFiles} />}
        <FilePicker label={t.photosPickFiles} accept={PHOTO_TYPES} multiple disabled={busy} testId={TID.photosFiles} onFiles={onFiles} />
        <Caption1>{t.photosDrop}</Caption1>
      </div>
      {reading && <ProgressPanel progress={{ label: t.photosReading }} />}
      {shown && (
        <>
          <Caption1 data-testid={TID.photosRead}>{t.photosRead(shown.files, shown.matched)} {next}</Caption1>
          <IssueList issues={shown.issues} t={t} onSelect={onSelect} stepper={false} />
        </>
      )}
      {children}
    </section>
  );
}
