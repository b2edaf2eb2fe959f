// kezheng photos DIR --roster WB [-o OUTDIR]: the folder walked, each file read when it is checked and
// let go (5,000 photos are never in memory together), the prepared JPEGs written one by one.
import { createHash } from "crypto";
import * as fs from "fs";
import * as path from "path";
import { checkGrids } from "../app/check";
import { checkPhotos, photoCandidate, PHOTO_MANIFEST, type PhotoCheck, type PhotoSource } from "../app/photos";
import { UnusableWorkbook } from "../app/port";
import { countBySeverity } from "../app/issues";
import { filingApplicants } from "../forms/generated";
import { photoImages } from "../hosts/images";
import { SNIFF_BYTES, sniffImage } from "../hosts/images/sniff";
import { readGridsFromFile } from "./files";

export interface PhotosRun extends PhotoCheck {
  /** Roster problems (kezheng check tells them): counted, not listed. */
  rosterErrors: number;
  /** Roster rows that need a photo (those with a 备案表 page). */
  needed: number;
  written: { files: number; reencoded: number; removed: number } | null;
}

export async function photosCommand(dir: string, roster: string, outDir?: string): Promise<PhotosRun> {
  const stat = fs.statSync(dir, { throwIfNoEntry: false });
  if (!stat) throw new UnusableWorkbook(`找不到照片文件夹 ${dir}：请检查路径。`);
  if (!stat.isDirectory()) throw new UnusableWorkbook(`${dir} 不是文件夹：请给出放照片的文件夹。`);
  const out = outDir === undefined ? null : path.resolve(outDir);
  if (out !== null && samePlace(out, dir)) throw new UnusableWorkbook(`输出文件夹就是照片文件夹 ${dir}：原照片不会被改动或覆盖，请用 -o 指定另一个文件夹，如 -o 照片（上报）。`);
  const manifest = out === null ? null : claimOutDir(out);

  const result = checkGrids(await readGridsFromFile(roster));
  const sources = walk(path.resolve(dir), out);
  const check = checkPhotos(sources, result, result.settings.photos, photoImages);
  const needed = filingApplicants(result.applicants.map((a) => ({ status: a.decision.status }))).length;
  const run: PhotosRun = { ...check, rosterErrors: countBySeverity(result.report.issues).error, needed, written: null };
  if (out !== null && manifest !== null) run.written = writePhotos(check, out, manifest);
  return run;
}

const samePlace = (a: string, b: string) => {
  const real = (p: string) => (fs.existsSync(p) ? fs.realpathSync(p) : path.resolve(p));
  return real(a) === real(b);
};

/** Every file under dir that may be a photo, OUTDIR left out; a file without an image's extension is sniffed. */
export function walk(root: string, skip: string | null): PhotoSource[] {
  const found: PhotoSource[] = [];
  const skipReal = skip !== null && fs.existsSync(skip) ? fs.realpathSync(skip) : skip;
  // A folder reached twice (a link to a parent, a shortcut to a sibling) is walked once.
  const seen = new Set<string>();
  const visit = (abs: string, rel: string) => {
    const real = fs.realpathSync(abs);
    // OUTDIR, and any folder an earlier `photos -o` wrote (its record inside): our copies are not more photos.
    if (seen.has(real) || real === skipReal || (rel !== "" && fs.existsSync(path.join(abs, PHOTO_MANIFEST)))) return;
    seen.add(real);
    for (const entry of fs.readdirSync(abs, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const full = path.join(abs, entry.name);
      const relPath = rel ? `${rel}/${entry.name}` : entry.name;
      const kind = photoCandidate(relPath);
      if (kind === "ignore") continue;
      const s = fs.statSync(full, { throwIfNoEntry: false });
      if (!s) continue;
      if (s.isDirectory()) {
        visit(full, relPath);
        continue;
      }
      // An empty file named as a photo is a copy that failed (PHOTO_UNREADABLE), not a photo missing.
      if (!s.isFile() || (s.size === 0 && kind === "sniff")) continue;
      if (kind === "sniff" && sniffImage(head(full)) === "unknown") continue;
      found.push({ path: relPath, size: s.size, modified: s.mtimeMs, read: () => readPhoto(full, relPath) });
    }
  };
  visit(root, "");
  return found;
}

function readPhoto(file: string, rel: string): Uint8Array {
  try {
    return new Uint8Array(fs.readFileSync(file));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (!code) throw e;
    throw new UnusableWorkbook(`无法读取照片 ${rel}（${code}）：请确认它没有被其他程序占用、有读取权限，且在检查期间没有被移走。`);
  }
}

function head(file: string): Uint8Array {
  const fd = fs.openSync(file, "r");
  try {
    const b = new Uint8Array(SNIFF_BYTES);
    const n = fs.readSync(fd, b, 0, SNIFF_BYTES, 0);
    return b.subarray(0, n);
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * OUTDIR is created if missing. It may hold only what an earlier `photos -o` wrote there (listed in its
 * manifest, each with its SHA-256): a second run replaces its own output; a file someone else put there,
 * or one of ours changed since (a photo cropped by hand), stops the run before anything is written. Our
 * temporaries left by a stopped run are removed.
 */
function claimOutDir(out: string): Manifest {
  const s = fs.statSync(out, { throwIfNoEntry: false });
  if (s && !s.isDirectory()) throw new UnusableWorkbook(`${out} 是文件，不是文件夹：请在 -o 后给出一个文件夹。`);
  if (!s) return new Map();
  const ours = readManifest(out);
  const foreign: string[] = [];
  const changed: string[] = [];
  for (const name of fs.readdirSync(out)) {
    if (name === PHOTO_MANIFEST) continue;
    if (ours.has(name)) {
      const hash = ours.get(name);
      if (hash && hashOf(path.join(out, name)) !== hash) changed.push(name);
      continue;
    }
    if (/^\..+\.\d+\.tmp$/.test(name)) {
      fs.rmSync(path.join(out, name), { force: true });
      continue;
    }
    foreign.push(name);
  }
  const some = (names: string[]) => `${names.slice(0, 3).join("、")}${names.length > 3 ? ` 等 ${names.length} 个` : ""}`;
  if (foreign.length) {
    throw new UnusableWorkbook(`输出文件夹 ${out} 中已有不是课证写入的文件（${some(foreign)}）：课证不会覆盖或混入它们，没有写入任何文件。请用 -o 指定一个新的或空的文件夹。`);
  }
  if (changed.length) {
    throw new UnusableWorkbook(`输出文件夹 ${out} 中课证上次写入的照片已被改动（${some(changed)}）：课证不会覆盖或删除您改过的照片，没有写入任何文件。请把改过的照片移到别处，或用 -o 指定一个新的文件夹。`);
  }
  return ours;
}

/** Our files in OUTDIR and the SHA-256 each had when written (null: not known, as in a run stopped halfway). */
type Manifest = Map<string, string | null>;

const hashOf = (file: string) => {
  try {
    return createHash("sha256").update(fs.readFileSync(file)).digest("hex");
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (!code) throw e;
    throw new UnusableWorkbook(`无法读取 ${file}（${code}）：请确认它没有被其他程序占用、有读取权限。`);
  }
};

function readManifest(out: string): Manifest {
  const file = path.join(out, PHOTO_MANIFEST);
  if (!fs.existsSync(file)) return new Map();
  try {
    const record = JSON.parse(fs.readFileSync(file, "utf8")) as { files?: unknown; sha256?: Record<string, unknown> };
    const names = Array.isArray(record.files) ? record.files : [];
    // Only plain file names: never a path, nor the folder itself or its parent.
    const plain = names.filter((n): n is string => typeof n === "string" && n !== "" && n !== "." && n !== ".." && !n.includes("/") && !n.includes("\\"));
    return new Map(plain.map((n) => [n, typeof record.sha256?.[n] === "string" ? (record.sha256[n] as string) : null]));
  } catch {
    throw new UnusableWorkbook(`输出文件夹 ${out} 中的 ${PHOTO_MANIFEST}（课证的记录）已损坏：请用 -o 指定一个新的或空的文件夹。`);
  }
}

/** Bytes to a temporary beside the target, then renamed over it: a file is there whole or not at all. */
function writeAtomic(file: string, bytes: Uint8Array): void {
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
  try {
    fs.writeFileSync(tmp, bytes);
    fs.renameSync(tmp, file);
  } catch (e) {
    fs.rmSync(tmp, { force: true });
    const code = (e as NodeJS.ErrnoException).code;
    if (!code) throw e;
    throw new UnusableWorkbook(`无法写入 ${file}（${code}）：请确认文件夹可写、磁盘有空间。`);
  }
}

function writePhotos(check: PhotoCheck, out: string, before: Manifest): { files: number; reencoded: number; removed: number } {
  fs.mkdirSync(out, { recursive: true });
  const names = [...new Set(check.matched.map((m) => m.fileName))];
  // First the intent (what was ours and what will be, the latter's hash not known yet): a run stopped
  // halfway leaves no file we cannot claim, and none we would take for changed by the user.
  const manifest = (files: Manifest) => {
    const list = [...files.keys()].sort();
    const sha256 = Object.fromEntries(list.flatMap((n) => (files.get(n) ? [[n, files.get(n)]] : [])));
    writeAtomic(path.join(out, PHOTO_MANIFEST), new TextEncoder().encode(JSON.stringify({ files: list, sha256 }, null, 1) + "\n"));
  };
  manifest(new Map([...before, ...names.map((n): [string, null] => [n, null])]));
  const done: Manifest = new Map();
  let reencoded = 0;
  for (const m of check.matched) {
    if (done.has(m.fileName)) continue;
    if (m.reencoded) reencoded++;
    const bytes = m.prepare();
    writeAtomic(path.join(out, m.fileName), bytes);
    done.set(m.fileName, createHash("sha256").update(bytes).digest("hex"));
  }
  let removed = 0;
  for (const name of before.keys()) {
    if (done.has(name)) continue;
    // A photo written for someone who no longer needs one (or is renamed): not left for the upload.
    if (fs.existsSync(path.join(out, name))) removed++;
    fs.rmSync(path.join(out, name), { force: true });
  }
  manifest(done);
  return { files: done.size, reencoded, removed };
}

const SEVERITY_LABEL = { error: "错误", warning: "警告", info: "提示" } as const;

export function formatPhotos(dir: string, run: PhotosRun): string {
  const lines: string[] = [];
  const usedRows = new Set(run.matched.map((m) => m.applicant.rosterRow));
  lines.push(`照片文件夹 ${dir}：${run.photos.length} 个图片文件，${run.photos.filter((p) => p.row !== undefined).length} 个对应到花名册；需要照片的申报人 ${run.needed} 人（花名册行），有可用照片的 ${usedRows.size} 人。`);
  if (run.rosterErrors > 0) lines.push(`花名册有 ${run.rosterErrors} 个错误（用 kezheng check 查看）：有错误的申报人不生成备案表，也不需要照片。`);
  const count = countBySeverity(run.issues);
  lines.push(`问题：错误 ${count.error}，警告 ${count.warning}`);
  for (const i of run.issues) {
    const where = [i.row !== undefined ? `${i.sheet}!${i.cell}（第 ${i.row} 行）` : "", i.photo && i.row === undefined ? i.photo : ""].filter(Boolean).join(" ");
    lines.push(`  ${SEVERITY_LABEL[i.severity]} ${where}　${i.message}`);
  }
  if (run.written) {
    const w = run.written;
    lines.push(`已写入 ${w.files} 张照片（其中 ${w.reencoded} 张重新压缩或缩小，其余为原文件的副本）${w.removed ? `，移除上次写入、本次不再需要的 ${w.removed} 张` : ""}。原照片没有改动。`);
  }
  lines.push(count.error === 0 ? "结论：照片没有错误。" : `结论：发现 ${count.error} 个错误，请按上面的提示补齐或更换照片后重新运行。`);
  return lines.join("\n") + "\n";
}
