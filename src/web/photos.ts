/* global Blob */
// The page's photos: the files a user picks (a folder or several), as the engine's PhotoSource,
// and 照片（上报）.zip, the renamed photos for the evaluation system's upload.
import { Zip, ZipPassThrough } from "fflate";
import { photoCandidate, PHOTO_MANIFEST, type MatchedPhoto, type PhotoSource } from "../app/photos";
import { SNIFF_BYTES, sniffImage } from "../hosts/images/sniff";

/** A picked photo as it travels to the worker: the File itself (a reference, not its bytes), or
 * its bytes where there is no worker (FileReaderSync exists in workers only). */
export interface PhotoFile {
  /** Relative to the folder picked, '/'-separated, as `kezheng photos DIR` reports it. */
  path: string;
  size: number;
  modified: number;
  file?: Blob;
  bytes?: Uint8Array;
}

/** Dedicated workers have it (the DOM library of the type checker does not declare it). */
declare const FileReaderSync: { new (): { readAsArrayBuffer(blob: Blob): ArrayBuffer } };

export const PHOTOS_ZIP = "照片（上报）.zip";

/** A picked file's bytes, from `start` to `end` where given: synchronously, read when asked (memory). */
function bytesOf(f: PhotoFile, start?: number, end?: number): Uint8Array {
  if (f.bytes) return start === undefined ? f.bytes : f.bytes.subarray(start, end);
  if (!f.file || typeof FileReaderSync === "undefined") throw new Error(`照片 ${f.path} 未读入`);
  const blob = start === undefined ? f.file : f.file.slice(start, end);
  return new Uint8Array(new FileReaderSync().readAsArrayBuffer(blob));
}

/**
 * The picked files the engine looks at, as `kezheng photos DIR` walks a folder: hidden and system
 * files left out, a file without an image's extension only where its bytes are one (an empty .jpg is kept:
 * PHOTO_UNREADABLE, not PHOTO_MISSING).
 */
export function photoSources(files: readonly PhotoFile[]): PhotoSource[] {
  // Folders (below the one picked) that an earlier `photos -o` wrote: our copies, not a second photo of everyone.
  const ours = files.filter((f) => f.path.endsWith(`/${PHOTO_MANIFEST}`)).map((f) => f.path.slice(0, -PHOTO_MANIFEST.length));
  return files
    .filter((f) => {
      const kind = photoCandidate(f.path);
      if (kind === "ignore" || ours.some((folder) => f.path.startsWith(folder))) return false;
      return kind === "image" || (f.size > 0 && sniffImage(bytesOf(f, 0, SNIFF_BYTES)) !== "unknown");
    })
    .map((f) => ({ path: f.path, size: f.size, modified: f.modified, read: () => bytesOf(f) }));
}

/** Zip entries carry this date: the same photos give the same zip. */
const ZIP_DATE = new Date(2020, 0, 1);

/**
 * The prepared photos under their 照片命名 names, stored (JPEG does not deflate), one at a time:
 * the bytes `kezheng photos -o` writes. Names are UTF-8 (fflate flags non-ASCII names as such).
 */
export function photosZip(matched: readonly MatchedPhoto[]): Uint8Array[] {
  const chunks: Uint8Array[] = [];
  const zip = new Zip((error, chunk) => {
    if (error) throw error;
    chunks.push(chunk);
  });
  for (const m of matched) {
    const entry = new ZipPassThrough(m.fileName);
    entry.mtime = ZIP_DATE;
    zip.add(entry);
    entry.push(m.prepare(), true);
  }
  zip.end();
  return chunks;
}
