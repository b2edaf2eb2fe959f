// Issue #19: the applicants' photos. Matches image files to the roster, checks them, prepares the JPEGs
// that `photos -o`, `run --photos`, the page and the pane all write. Pure: the pixel work comes in
// through the PhotoImages port (hosts/images), so this runs in Node and in the browser alike.
import { messageFor, severityOf, type IssueCode, type MessageParams } from "../domain/messages";
import { toHalfWidth } from "../domain/normalize";
import { PHOTO_BOXES, type PhotoSettings } from "../domain/settings";
import { filingApplicants } from "../forms/generated";
import type { Issue } from "../forms/issue";
import { fieldIssue } from "../forms/table";
import type { ApplicantDetail, CheckResult } from "./check";
import { UnusableWorkbook } from "./port";

export type { PhotoBox, PhotoNaming, PhotoSettings } from "../domain/settings";

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

export type ImageFormat = "jpeg" | "png" | "gif" | "webp" | "heic" | "avif" | "bmp" | "tiff" | "unknown";

/** How a format is named to a secretary. */
export const FORMAT_LABELS: Record<ImageFormat, string> = {
  jpeg: "JPEG", png: "PNG", gif: "GIF", webp: "WebP", heic: "HEIC（苹果手机照片）", avif: "AVIF", bmp: "BMP", tiff: "TIFF", unknown: "无法识别的",
};

export interface JpegHeader {
  /** As stored, before orientation. */
  width: number;
  height: number;
  /** EXIF orientation, 1-8. */
  orientation: number;
  /** The data runs to its end marker (a copy cut short does not). */
  complete: boolean;
}

/** The image library could not decode the bytes (damaged, cut short, not what the header says). */
export class PhotoUndecodable extends Error {
  constructor(readonly detail: string) {
    super(`the JPEG does not decode: ${detail}`);
    this.name = "PhotoUndecodable";
  }
}

/** What the photo checks need from an image library (hosts/images implements it). */
export interface PhotoImages {
  hash(bytes: Uint8Array): string;
  sniff(bytes: Uint8Array): ImageFormat;
  /** null when the bytes have no JPEG frame header. */
  jpegHeader(bytes: Uint8Array): JpegHeader | null;
  /** Decodes the JPEG (throws PhotoUndecodable when it does not) and measures the edges of the upright picture. */
  inspect(bytes: Uint8Array, orientation: number): { nearWhite: boolean; lightness: number };
  /** Decoded, turned upright, downscaled to fit the box (never enlarged); encode it at a quality 1-100. */
  render(bytes: Uint8Array, orientation: number, boxW: number, boxH: number): { width: number; height: number; encode(quality: number): Uint8Array };
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
  /** prepare() re-encodes (false: it gives the original bytes). */
  reencoded: boolean;
  /** The prepared JPEG: the original bytes where they already meet 照片大小/照片尺寸 and need no rotation,
   *  else re-encoded. Deterministic: the same bytes every call, in Node and in the browser. */
  prepare(): Uint8Array;
}

/** One entry of `photos --json`'s "photos": one per image file offered. No ID numbers. */
export interface PhotoReportEntry {
  /** Relative to the folder, '/'-separated. */
  path: string;
  /** Bytes of the file. */
  size: number;
  /** What the bytes are. */
  format: ImageFormat;
  /** Pixel size after EXIF orientation (JPEG only, from its header). */
  width?: number;
  height?: number;
  /** The applicant it belongs to: roster row (1-based) and name; absent when it matches nobody. */
  row?: number;
  name?: string;
  /** The name it is written under (照片命名); only on the file used for an applicant who needs a photo. */
  output?: string;
}

export interface PhotoCheck {
  photos: PhotoReportEntry[];
  issues: Issue[];
  matched: MatchedPhoto[];
}

/** What `photos -o` wrote last time, in OUTDIR: the files it may replace or remove on the next run. A
 *  folder holding it is our output, never more photos (the page and `kezheng photos DIR` skip it). */
export const PHOTO_MANIFEST = ".kezheng-photos.json";

/** What a file in the folder is to us: an image by its name, to be sniffed by its bytes, or not ours. */
const IMAGE_EXTENSIONS = /\.(jpe?g|jpe|png|heic|heif|webp|bmp|gif|tiff?)$/i;
const NOT_PHOTOS = new Set(["thumbs.db", "desktop.ini", "ehthumbs.db"]);
export function photoCandidate(path: string): "image" | "sniff" | "ignore" {
  const parts = path.split("/");
  // Hidden files and folders: .DS_Store, macOS's ._ resource forks, .git.
  if (parts.some((p) => p.startsWith("."))) return "ignore";
  const base = parts[parts.length - 1];
  if (NOT_PHOTOS.has(base.toLowerCase()) || base.startsWith("~$")) return "ignore";
  return IMAGE_EXTENSIONS.test(base) ? "image" : "sniff";
}

/** More pixels than a photo is decoded at (jpeg-js takes ~15 bytes a pixel): PHOTO_TOO_LARGE, never decoded. */
export const MAX_PHOTO_PIXELS = 100_000_000;

/** The aspect ratio may be off the box's by this much (a phone's 3:4 is 5.0% off 一寸 and passes). */
const RATIO_TOLERANCE = 0.05;
/** Re-encoding: qualities tried from the first, down by the step to the floor, while the file is too large. */
const QUALITY_START = 90;
const QUALITY_STEP = 5;
const QUALITY_FLOOR = 40;
const KB = 1024;

interface Person {
  key: string;
  /** Every roster row of the person (two occupations are two rows), in roster order. */
  rows: ApplicantDetail[];
  /** The rows that get a 备案表 page, so need a photo. */
  filing: ApplicantDetail[];
  files: FileFacts[];
}

interface FileFacts {
  source: PhotoSource;
  person: Person | null;
  /** Two or more people named by the file: "张三（第 5 行）和李四（第 9 行）". */
  ambiguous?: string;
  format: ImageFormat;
  hash: string;
  header: JpegHeader | null;
}

const rowOf = (a: ApplicantDetail) => a.identity.row + 1;
const who = (p: Person) => `${p.rows[0].identity.name || "（无姓名）"}（第 ${rowOf(p.rows[0])} 行）`;
const upright = (h: JpegHeader) => (h.orientation >= 5 ? { width: h.height, height: h.width } : { width: h.width, height: h.height });

export function checkPhotos(sources: readonly PhotoSource[], result: CheckResult, settings: PhotoSettings, images: PhotoImages): PhotoCheck {
  const persons = peopleOf(result);
  const find = matcher([...persons.values()]);
  const files: FileFacts[] = [];
  for (const source of [...sources].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))) {
    // Read once: what the bytes are and their hash; the bytes are let go before the next file.
    const bytes = source.read();
    const format = images.sniff(bytes);
    const match = find(source.path);
    const facts: FileFacts = { source, person: match.person, ambiguous: match.ambiguous, format, hash: images.hash(bytes), header: format === "jpeg" ? images.jpegHeader(bytes) : null };
    files.push(facts);
    facts.person?.files.push(facts);
  }

  const issues: Issue[] = [];
  const sheet = result.roster.table;
  const at = (a: ApplicantDetail, code: IssueCode, params: MessageParams, photo?: string): Issue => ({ ...fieldIssue(sheet, a.identity.row, "name", code, params), row: rowOf(a), ...(photo === undefined ? {} : { photo }) });
  const box = PHOTO_BOXES[settings.size];
  const boxLabel = `${settings.size}（${box.width}×${box.height} 像素）`;
  const range = settings.minKB > 0 ? `${settings.minKB}-${settings.maxKB} KB` : `${settings.maxKB} KB 以内`;

  for (const f of files) {
    if (f.person === null) issues.push(fileIssue(f.source.path, "PHOTO_UNMATCHED", { value: f.source.path, ...(f.ambiguous ? { other: f.ambiguous } : {}) }));
  }
  duplicates(files, (f, other) => issues.push(at(f.person!.filing[0] ?? f.person!.rows[0], "PHOTO_DUPLICATE", { value: f.source.path, other }, f.source.path)));

  const used = new Map<FileFacts, MatchedPhoto[]>();
  const matched: MatchedPhoto[] = [];
  for (const person of persons.values()) {
    if (person.filing.length === 0) continue;
    const first = person.filing[0];
    if (person.files.length === 0) {
      for (const a of person.filing) issues.push(at(a, "PHOTO_MISSING", { expected: fileNameFor(a, settings) }));
      continue;
    }
    // The newest JPEG, else the newest file: a JPEG beside a HEIC of the same person is the one to use.
    const f = [...person.files].sort((a, b) => Number(b.format === "jpeg") - Number(a.format === "jpeg") || b.source.modified - a.source.modified || (a.source.path < b.source.path ? -1 : 1))[0];
    const path = f.source.path;
    if (person.files.length > 1) {
      const others = person.files.filter((x) => x !== f).map((x) => `“${x.source.path}”`).join("、");
      issues.push(at(first, "PHOTO_SEVERAL", { value: path, count: person.files.length, other: others }, path));
    }
    // An empty file is no format at all: a copy that did not happen (PHOTO_UNREADABLE below).
    if (f.format !== "jpeg" && f.source.size > 0) {
      issues.push(at(first, "PHOTO_NOT_JPEG", { value: path, expected: FORMAT_LABELS[f.format] }, path));
      continue;
    }
    const header = f.header;
    if (header && header.width * header.height > MAX_PHOTO_PIXELS) {
      const { width, height } = upright(header);
      issues.push(at(first, "PHOTO_TOO_LARGE", { value: path, other: `${width}×${height}`, count: Math.round((width * height) / 10_000) }, path));
      continue;
    }
    let look: { nearWhite: boolean; lightness: number } | null = null;
    if (header?.complete) {
      try {
        look = images.inspect(f.source.read(), header.orientation);
      } catch (e) {
        // Only the decoder's refusal is the photo's fault (its English reason is not for the secretary).
        if (!(e instanceof PhotoUndecodable)) throw e;
      }
    }
    if (header === null || look === null) {
      issues.push(at(first, "PHOTO_UNREADABLE", { value: path }, path));
      continue;
    }
    const kb = f.source.size / KB;
    if (kb > settings.maxKB || kb < settings.minKB) issues.push(at(first, "PHOTO_SIZE", { value: path, count: Math.round(kb * 10) / 10, expected: range, side: kb > settings.maxKB ? "over" : "under" }, path));
    const { width, height } = upright(header);
    const ratioOff = Math.abs(width / height / (box.width / box.height) - 1) > RATIO_TOLERANCE + 1e-9;
    // Smaller than the box both ways: a new photo fixes the ratio too, so that is what is said.
    const tiny = width < box.width && height < box.height;
    const side = ratioOff && !tiny ? "ratio" : width < box.width || height < box.height ? "under" : null;
    if (side) issues.push(at(first, "PHOTO_DIMENSIONS", { value: path, other: `${width}×${height}`, expected: boxLabel, side }, path));
    if (!look.nearWhite) issues.push(at(first, "PHOTO_BACKGROUND", { value: path, count: Math.round(look.lightness * 100) }, path));
    const out = preparation(f.source, f.hash, header, settings, images);
    used.set(f, person.filing.map((a) => {
      const m: MatchedPhoto = { applicant: { rosterRow: rowOf(a), idNumber: a.identity.idNumber, name: a.identity.name, studentNo: a.identity.studentId }, source: f.source, fileName: fileNameFor(a, settings), width: out.width, height: out.height, reencoded: out.reencoded, prepare: out.prepare };
      matched.push(m);
      return m;
    }));
  }

  const photos = files.map((f): PhotoReportEntry => {
    const size = f.header ? upright(f.header) : null;
    const a = f.person ? (f.person.filing[0] ?? f.person.rows[0]) : null;
    const out = used.get(f);
    return {
      path: f.source.path, size: f.source.size, format: f.format, ...(size ?? {}),
      ...(a ? { row: rowOf(a), name: a.identity.name } : {}), ...(out ? { output: out[0].fileName } : {}),
    };
  });
  const byRow = (i: Issue) => i.row ?? Number.MAX_SAFE_INTEGER;
  issues.sort((a, b) => byRow(a) - byRow(b) || (a.photo ?? "").localeCompare(b.photo ?? "") || a.code.localeCompare(b.code));
  return { photos, issues, matched: matched.sort((a, b) => a.applicant.rosterRow - b.applicant.rosterRow) };
}

/** A file that belongs to nobody: no roster cell to stand on (sheet and cell empty), only the file. */
function fileIssue(photo: string, code: IssueCode, params: MessageParams): Issue {
  return { sheet: "", cell: "", severity: severityOf(code), code, message: messageFor(code, params), params, photo };
}

/** 照片命名 → the output file name of one roster row. */
export function fileNameFor(a: ApplicantDetail, settings: PhotoSettings): string {
  const id = a.identity.idNumber.toUpperCase();
  if (settings.naming === "学号" && a.identity.studentId) return `${safeName(a.identity.studentId)}.jpg`;
  if (settings.naming === "姓名_身份证号") return `${safeName(a.identity.name)}_${id}.jpg`;
  return `${id}.jpg`;
}

/** Characters no file system takes, and none that would make a path. */
const safeName = (s: string) => s.replace(/[\\/:*?"<>|\u0000-\u001f]/g, "_");

/** People on the roster, by ID number (the same person on two rows is one person); rows without one stand alone. */
function peopleOf(result: CheckResult): Map<string, Person> {
  const filing = new Set(filingApplicants(result.applicants.map((a) => ({ status: a.decision.status, a }))).map((x) => x.a));
  const persons = new Map<string, Person>();
  for (const a of result.applicants) {
    const id = a.identity.idNumber.toUpperCase();
    const key = id ? `id:${id}` : `row:${a.identity.row}`;
    const p = persons.get(key) ?? { key, rows: [], filing: [], files: [] };
    p.rows.push(a);
    if (filing.has(a)) p.filing.push(a);
    persons.set(key, p);
  }
  return persons;
}

/**
 * A file name → the person it names. The ID number (18 characters, x or X) or the student number,
 * standing alone between non-alphanumeric characters; else a name that one person alone has on the
 * roster. ID and student number must agree; a name counts only when the name has neither. The
 * longest name found wins over a name inside it (张三丰 over 张三).
 */
function matcher(people: readonly Person[]): (path: string) => { person: Person | null; ambiguous?: string } {
  const byId = new Map<string, Person>();
  const byStudent = new Map<string, Set<Person>>();
  const byName = new Map<string, Set<Person>>();
  const add = (m: Map<string, Set<Person>>, k: string, p: Person) => m.set(k, (m.get(k) ?? new Set()).add(p));
  for (const p of people) {
    for (const a of p.rows) {
      if (a.identity.idNumber) byId.set(a.identity.idNumber.toUpperCase(), p);
      if (a.identity.studentId) add(byStudent, a.identity.studentId.toUpperCase(), p);
      const name = a.identity.name.replace(/\s/g, "");
      if (name.length >= 2) add(byName, name, p);
    }
  }
  const byFirst = new Map<string, string[]>();
  for (const name of byName.keys()) byFirst.set(name[0], [...(byFirst.get(name[0]) ?? []), name]);

  return (path) => {
    const base = path.slice(path.lastIndexOf("/") + 1);
    const stem = toHalfWidth(base.includes(".") ? base.slice(0, base.lastIndexOf(".")) : base);
    const upper = stem.toUpperCase();
    const strong = new Set<Person>();
    for (const m of upper.matchAll(/(?<![0-9])[0-9]{17}[0-9X](?![0-9X])/g)) {
      const p = byId.get(m[0]);
      if (p) strong.add(p);
    }
    // Student numbers: each alphanumeric run, and each run of digits inside it (zhangsan2021000012).
    const tokens = new Set([...(upper.match(/[0-9A-Z]+/g) ?? []), ...(upper.match(/[0-9]+/g) ?? [])]);
    for (const t of tokens) for (const p of byStudent.get(t) ?? []) strong.add(p);
    let found = strong;
    if (found.size === 0) {
      const spans: { from: number; to: number; name: string }[] = [];
      const text = stem.replace(/\s/g, "");
      for (let i = 0; i < text.length; i++) {
        for (const name of byFirst.get(text[i]) ?? []) if (text.startsWith(name, i)) spans.push({ from: i, to: i + name.length, name });
      }
      found = new Set<Person>();
      for (const s of spans) {
        if (spans.some((o) => o !== s && o.from <= s.from && o.to >= s.to && o.to - o.from > s.to - s.from)) continue;
        const ps = byName.get(s.name)!;
        if (ps.size === 1) found.add([...ps][0]);
      }
    }
    if (found.size === 1) return { person: [...found][0] };
    if (found.size === 0) return { person: null };
    const list = [...found].sort((a, b) => a.rows[0].identity.row - b.rows[0].identity.row).map(who);
    return { person: null, ambiguous: list.length === 2 ? `${list[0]}和${list[1]}` : `${list.slice(0, -1).join("、")}和${list[list.length - 1]}` };
  };
}

/** Files with the same bytes belonging to different people: each such file, and the others it equals. */
function duplicates(files: readonly FileFacts[], report: (f: FileFacts, other: string) => void): void {
  const byHash = new Map<string, FileFacts[]>();
  for (const f of files) if (f.person) byHash.set(f.hash, [...(byHash.get(f.hash) ?? []), f]);
  for (const group of byHash.values()) {
    if (new Set(group.map((f) => f.person)).size < 2) continue;
    for (const f of group) {
      const others = group.filter((o) => o.person !== f.person).map((o) => `“${o.source.path}”（${o.person!.rows[0].identity.name || "无姓名"}，第 ${rowOf(o.person!.filing[0] ?? o.person!.rows[0])} 行）`);
      report(f, others.join("、"));
    }
  }
}

/** The largest size with the same ratio that fits inside the box, never larger than the picture. */
export function fitInside(width: number, height: number, boxW: number, boxH: number): { width: number; height: number } {
  const scale = Math.min(boxW / width, boxH / height, 1);
  if (scale === 1) return { width, height };
  return { width: Math.max(1, Math.min(boxW, Math.round(width * scale))), height: Math.max(1, Math.min(boxH, Math.round(height * scale))) };
}

/**
 * The JPEG written for a photo: its own bytes where they already fit (not over 照片大小's upper end,
 * within the box, upright as stored); else decoded, turned upright, scaled to fit inside the box (the
 * ratio kept: a face is never cropped), and encoded from quality 90 down by 5 to 40 until it is small
 * enough; a small result is encoded finer (95, 100) towards the lower end. Deterministic.
 */
function preparation(source: PhotoSource, hash: string, header: JpegHeader, settings: PhotoSettings, images: PhotoImages): { width: number; height: number; reencoded: boolean; prepare: () => Uint8Array } {
  const box = PHOTO_BOXES[settings.size];
  const { width, height } = upright(header);
  const max = settings.maxKB * KB;
  const min = settings.minKB * KB;
  // Read again when written: the bytes checked, or a photo replaced meanwhile is said so (never placed unchecked).
  const checked = () => {
    const bytes = source.read();
    if (images.hash(bytes) !== hash) throw new UnusableWorkbook(`照片 ${source.path} 在检查之后被改动或替换：请等照片文件夹不再变化（拷贝、同步完成）后重新运行。`);
    return bytes;
  };
  if (source.size <= max && header.orientation === 1 && width <= box.width && height <= box.height) return { width, height, reencoded: false, prepare: checked };
  return {
    ...fitInside(width, height, box.width, box.height),
    reencoded: true,
    prepare: () => {
      const picture = images.render(checked(), header.orientation, box.width, box.height);
      let quality = QUALITY_START;
      let out = picture.encode(quality);
      while (out.length > max && quality > QUALITY_FLOOR) out = picture.encode((quality -= QUALITY_STEP));
      while (out.length < min && quality < 100 && quality >= QUALITY_START) {
        const finer = picture.encode((quality = Math.min(100, quality + QUALITY_STEP)));
        if (finer.length > max) break;
        out = finer;
      }
      return out;
    },
  };
}
