// Writing a workbook file as a careful editor does: into a private temporary file beside the
// target, checked, then renamed over it. The result keeps the permissions of what it came from
// (a 0600 roster stays private), a read-only file is refused rather than replaced, a file that
// changed while we worked (Excel saved it, a second kezheng wrote it) is not overwritten, and no
// temporary file outlives the process (Ctrl-C, kill, or, after a crash, the next run).
import * as fsSync from "fs";
import { promises as fs } from "fs";
import * as path from "path";
import { UnusableWorkbook } from "../app/port";
import type { XlsxPackage } from "../hosts/xlsx/package";
import { nodeZlib } from "./nodezlib";
import { firstBadPartInFile } from "./readback";

/** What identifies the file at a path: if any of it changes, someone else wrote there. */
interface Stamp {
  dev: number;
  ino: number;
  size: number;
  mtimeMs: number;
}

const stampOf = (s: fsSync.Stats): Stamp => ({ dev: s.dev, ino: s.ino, size: s.size, mtimeMs: s.mtimeMs });
const sameStamp = (a: Stamp, b: Stamp) => a.dev === b.dev && a.ino === b.ino && a.size === b.size && a.mtimeMs === b.mtimeMs;

async function statOrNull(file: string): Promise<fsSync.Stats | null> {
  try {
    return await fs.stat(file);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw e;
  }
}

function statSyncOrNull(file: string): fsSync.Stats | null {
  return fsSync.statSync(file, { throwIfNoEntry: false }) ?? null;
}

/** A temporary file left by a process that is gone, or older than an hour, is ours to remove. */
const STALE_AFTER_MS = 60 * 60 * 1000;
const tmpName = (out: string, pid: number) => path.join(path.dirname(out), `.${path.basename(out)}.${pid}.tmp`);

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: it exists but belongs to someone else.
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

async function removeStaleTemporaries(out: string): Promise<void> {
  const dir = path.dirname(out);
  const prefix = `.${path.basename(out)}.`;
  let names: string[];
  try {
    names = await fs.readdir(dir);
  } catch (e) {
    // A folder that is missing or closed to us: the write below says so in one line.
    if (["ENOENT", "EACCES", "EPERM", "ENOTDIR"].includes((e as NodeJS.ErrnoException).code ?? "")) return;
    throw e;
  }
  for (const name of names) {
    const m = name.startsWith(prefix) ? /^(\d+)\.tmp$/.exec(name.slice(prefix.length)) : null;
    if (!m) continue;
    const file = path.join(dir, name);
    const stat = await statOrNull(file);
    if (stat && (Date.now() - stat.mtimeMs > STALE_AFTER_MS || !processAlive(Number(m[1])))) await fs.rm(file, { force: true });
  }
}

/**
 * Temporary files being written now: removed if the process is stopped (Ctrl-C, kill) or exits.
 * The zip is made synchronously, so a signal is taken at the first pause after it: before the
 * rename, never after, so that "stopped" always means "nothing written".
 */
const live = new Set<string>();
let stopSignal: NodeJS.Signals | null = null;
const EXIT_CODES: Partial<Record<NodeJS.Signals, number>> = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 };
function removeLiveTemporaries(): void {
  for (const f of live) fsSync.rmSync(f, { force: true });
  live.clear();
}
function stop(signal: NodeJS.Signals): never {
  removeLiveTemporaries();
  process.stderr.write("kezheng：已停止，没有写入任何文件。\n");
  process.exit(EXIT_CODES[signal] ?? 1);
}
let handlersInstalled = false;
function installHandlers(): void {
  if (handlersInstalled) return;
  handlersInstalled = true;
  process.on("exit", removeLiveTemporaries);
  for (const signal of Object.keys(EXIT_CODES) as NodeJS.Signals[]) {
    process.on(signal, () => {
      if (live.size === 0) stop(signal);
      stopSignal = signal;
    });
  }
}

/** Where a command will write, claimed before it reads its inputs. */
export class OutputTarget {
  private constructor(
    readonly file: string,
    /** Never wider than any input's or the file's own. */
    private readonly mode: number,
    /** The owner of the file replaced (with --in-place), given back where the process may. */
    private readonly owner: { uid: number; gid: number } | null,
    private readonly before: Stamp | null,
  ) {}

  /**
   * Refuses in one line a target that is a folder, read-only, open in Excel or LibreOffice, or one
   * of the `inputs` (other than those it may replace: --in-place); notes what is there now; clears
   * stale temporaries. A link is followed: the file it points to is the one replaced.
   */
  static async claim(target: string, inputs: readonly string[], options: { replaces?: readonly string[]; fresh?: boolean } = {}): Promise<OutputTarget> {
    const file = (await statOrNull(target)) ? await fs.realpath(target) : target;
    const existing = await statOrNull(file);
    if (existing?.isDirectory()) throw new UnusableWorkbook(`${target} 是文件夹：请在 -o 后给出文件名，如 -o 结果.xlsx。`);
    if (existing && options.fresh) throw new UnusableWorkbook(`${target} 已存在：课证不会覆盖已有的文件（它可能是填好的花名册）。请换一个文件名，或先删除它。`);
    if (existing) {
      const same = `${existing.dev}:${existing.ino}`;
      for (const input of inputs) {
        const s = await statOrNull(input);
        if (s && `${s.dev}:${s.ino}` === same && !(options.replaces ?? []).includes(input)) {
          throw new UnusableWorkbook(`输出文件 ${target} 就是输入文件 ${input}：写出会覆盖它，已停止，没有写入任何文件。请用 -o 指定另一个文件名。`);
        }
      }
      const open = openBy(file);
      if (open) throw new UnusableWorkbook(`${target} 正在 ${open} 中打开（有它的锁文件）：那边再保存会覆盖课证写入的结果。请先在 ${open} 中关闭它，再运行一次。`);
    }
    if (existing && ((existing.mode & 0o222) === 0 || !(await writable(file)))) {
      throw new UnusableWorkbook(`${file} 是只读文件，课证不会替换它：请先取消它的只读属性（或换一个有写入权限的位置），或用 -o 另存为新文件。`);
    }
    let mode = existing ? existing.mode & 0o666 : 0o666 & ~process.umask();
    for (const input of inputs) {
      const s = await statOrNull(input);
      if (s?.isFile()) mode &= s.mode & 0o666;
    }
    await removeStaleTemporaries(file);
    const owner = existing ? { uid: existing.uid, gid: existing.gid } : null;
    return new OutputTarget(file, mode, owner, existing ? stampOf(existing) : null);
  }

  /** Writes the package whole or not at all; the file at the target stays as it was on any failure. */
  async write(pkg: XlsxPackage): Promise<void> {
    await this.writeWith(
      // Chunks go to disk as the zip is made: a school's 90 MB output is never held whole.
      (put) => pkg.write(put),
      (tmp) => {
        const bad = firstBadPartInFile(tmp, pkg.madeParts(), nodeZlib);
        if (bad) throw new UnusableWorkbook(`写出的文件没有通过校验（${bad} 与其校验码不符），没有保存：${this.file} 保持原样。这是课证的问题，不是您的文件的问题：请把输入文件和这行说明发给维护人员。`);
      },
    );
  }

  /** Writes bytes made whole elsewhere (an .xls), under the same rules. */
  async writeBytes(bytes: Uint8Array): Promise<void> {
    await this.writeWith((put) => put(bytes), () => undefined);
  }

  private async writeWith(produce: (put: (chunk: Uint8Array) => void) => void, verify: (tmp: string) => void): Promise<void> {
    installHandlers();
    const tmp = tmpName(this.file, process.pid);
    let fd: number | null = null;
    try {
      live.add(tmp);
      // Private while being written: the roster's ID numbers are never readable by others, even briefly.
      fd = fsSync.openSync(tmp, "w", 0o600);
      const file = fd;
      produce((chunk) => {
        for (let at = 0; at < chunk.length; ) at += fsSync.writeSync(file, chunk, at, chunk.length - at);
      });
      fsSync.fchmodSync(fd, this.mode);
      if (this.owner && process.getuid?.() === 0) fsSync.fchownSync(fd, this.owner.uid, this.owner.gid);
      fsSync.closeSync(fd);
      fd = null;
      verify(tmp);
      // A pause for a Ctrl-C pressed while the file was made (signals are read in the loop's poll
      // phase, which lies between a timer and the next immediate); from here to the rename nothing waits.
      await new Promise((resolve) => setTimeout(resolve, 0));
      await new Promise((resolve) => setImmediate(resolve));
      if (stopSignal) stop(stopSignal);
      const now = statSyncOrNull(this.file);
      if (this.before ? !now || !sameStamp(stampOf(now), this.before) : now) {
        throw new UnusableWorkbook(`${this.file} 在课证处理期间被改动了（另一个程序或另一个 kezheng 保存了它）：课证没有覆盖它。请关闭其他程序后再运行一次。`);
      }
      fsSync.renameSync(tmp, this.file);
    } catch (e) {
      if (fd !== null) fsSync.closeSync(fd);
      await fs.rm(tmp, { force: true });
      const code = (e as NodeJS.ErrnoException).code;
      // Only what the file system refused is the user's to fix; anything else is ours and goes on up.
      if (!code) throw e;
      throw new UnusableWorkbook(`无法写入 ${this.file}（${code}）：请确认该文件没有在 Excel 中打开、文件夹可写。`);
    } finally {
      live.delete(tmp);
    }
  }
}

/** The program that has the file open, by the lock file it keeps beside it, or null. */
function openBy(file: string): string | null {
  const dir = path.dirname(file);
  const base = path.basename(file);
  if (fsSync.existsSync(path.join(dir, `.~lock.${base}#`))) return "LibreOffice 或 WPS";
  // Excel's owner file: ~$ and the name, its first two characters dropped when the name is long.
  if (fsSync.existsSync(path.join(dir, `~$${base}`)) || (base.length > 2 && fsSync.existsSync(path.join(dir, `~$${base.slice(2)}`)))) return "Excel";
  return null;
}

async function writable(file: string): Promise<boolean> {
  try {
    await fs.access(file, fsSync.constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

/** Claims the target, then writes: for commands whose inputs are read in between, claim first. */
export async function writeWorkbookFile(pkg: XlsxPackage, out: string, inputs: readonly string[] = [], options: { fresh?: boolean } = {}): Promise<void> {
  await (await OutputTarget.claim(out, inputs, options)).write(pkg);
}
