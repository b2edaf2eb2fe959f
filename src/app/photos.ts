// Issue #19: the applicants' photos. Matches image files to the roster, checks them, prepares the JPEGs
// that `photos -o`, `run --photos`, the page and the pane all write. Pure: no Node APIs (runs in the browser).
import type { Issue } from "../forms/issue";
import type { CheckResult } from "./check";

/** One image file offered by the user: a CLI directory entry, a page's File, a pane's File. */
export interface PhotoSource {
  /** Relative to the folder given, '/'-separated (what reports show). */
  path: string;
  size: number;
  /** ms since epoch: "the newest is used" when an applicant has several. */
  modified: number;
  /** The bytes; called as often as needed, never all at once for every file (memory). */
  read(): Uint8Array;
}

export type PhotoNaming = "身份证号" | "姓名_身份证号" | "学号";
export type PhotoBox = "一寸" | "二寸";

export interface PhotoSettings {
  naming: PhotoNaming;
  minKB: number;
  maxKB: number;
  size: PhotoBox;
}

export interface MatchedPhoto {
  /** The applicant, as the roster has him. rosterRow is 1-based, as Excel shows it. */
  applicant: { rosterRow: number; idNumber: string; name: string; studentNo: string };
  source: PhotoSource;
  /** The name `photos -o` writes it under, per 照片命名 (e.g. 41010120020101022X.jpg). */
  fileName: string;
  /** Pixel size of the prepared JPEG (after EXIF orientation, resizing). */
  width: number;
  height: number;
  /** The prepared JPEG: the original bytes where they already meet 照片大小/照片尺寸 and need no rotation,
   *  else re-encoded. Deterministic: the same bytes every call, in Node and in the browser. */
  prepare(): Uint8Array;
}

/** One entry of `photos --json`'s "photos": one per image file offered. */
export interface PhotoReportEntry {
  /** Relative to DIR, '/'-separated. */
  path: string;
  /** Bytes of the file. */
  size: number;
  /** What the bytes are: "jpeg", "png", "gif", "webp", "heic", "avif", "bmp", "tiff" or "unknown". */
  format: string;
  /** Pixel size after EXIF orientation; absent where the file does not decode. */
  width?: number;
  height?: number;
  /** The roster row (1-based) of the applicant it belongs to, absent when it matches nobody. */
  row?: number;
  name?: string;
  /** The name `-o` writes it under; absent when the file is not the one used (unmatched, older, not JPEG). */
  output?: string;
}

export interface PhotoCheck {
  photos: PhotoReportEntry[];
  issues: Issue[];
  matched: MatchedPhoto[];
}

export function checkPhotos(sources: readonly PhotoSource[], result: CheckResult, settings: PhotoSettings): PhotoCheck {
  void sources; void result; void settings;
  throw new Error("not yet");
}
