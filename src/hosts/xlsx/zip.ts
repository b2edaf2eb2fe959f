// The zip container of an .xlsx package: the central directory read by hand (so every part can be
// inflated on its own, streamed, capped, or copied without being inflated at all), fflate for the
// deflate work and for writing. Runs the same in Node and in the browser (plain Uint8Arrays).
import { Inflate, Zip, ZipDeflate, ZipPassThrough, type ZipInputFile } from "fflate";

export interface ZipEntry {
  name: string;
  /** 0 stored, 8 deflated. */
  method: number;
  crc: number;
  compressedSize: number;
  size: number;
  localOffset: number;
}

/** Why a package cannot be used: damaged (truncated, not a zip) or refused (a zip bomb). */
/** A zip that is not a usable package; `code` is the user's message (domain/messages.ts), the
 * message the technical detail. */
export class BadPackage extends Error {
  constructor(readonly code: "ZIP_DAMAGED" | "ZIP_BOMB" | "ZIP_ENCRYPTED", detail: string) {
    super(detail);
    this.name = "BadPackage";
  }
}

/** Limits in the spirit of Apache POI's ZipSecureFile: checked before anything is inflated. */
export const ZIP_LIMITS = {
  entries: 100_000,
  /** One part, inflated. A sheet of 500,000 grade rows is about 100 MB. */
  partBytes: 768 * 1024 * 1024,
  /** All parts together, inflated. */
  totalBytes: 2 * 1024 * 1024 * 1024,
  /** A part that inflates more than this many times over is a bomb (XML sheets inflate 5-30 times). */
  ratio: 500,
  /** ... once it is larger than this. */
  ratioFrom: 16 * 1024 * 1024,
};

const u16 = (b: Uint8Array, o: number) => b[o] | (b[o + 1] << 8);
const u32 = (b: Uint8Array, o: number) => (b[o] | (b[o + 1] << 8) | (b[o + 2] << 16) | (b[o + 3] << 24)) >>> 0;

/** Native deflate where the host has one (Node's zlib): several times faster than deflate in
 * JavaScript. The browser uses fflate's. Same bytes in the part either way. */
export interface NativeZlib {
  /** Deflates one block of a part: blocks before the last end in a sync flush, so the pieces of
   * independently deflated blocks join into one valid stream (a part is never held whole). */
  deflateRaw(data: Uint8Array, last: boolean): Uint8Array;
  /** Inflates, failing past maxOutputLength bytes. */
  inflateRaw(data: Uint8Array, maxOutputLength: number): Uint8Array;
  crc32(data: Uint8Array, value?: number): number;
}

let native: NativeZlib | null = null;
export function useNativeZlib(z: NativeZlib | null): void {
  native = z;
}

const utf8 = new TextDecoder("utf-8");
const cp437 = (b: Uint8Array) => String.fromCharCode(...b);

export class ZipReader {
  readonly entries = new Map<string, ZipEntry>();

  constructor(readonly bytes: Uint8Array) {
    const b = bytes;
    // End of central directory: the last PK\5\6 within the final 64 KiB (a comment may follow it).
    let eocd = -1;
    for (let i = b.length - 22; i >= Math.max(0, b.length - 22 - 0xffff); i--) {
      if (b[i] === 0x50 && b[i + 1] === 0x4b && b[i + 2] === 5 && b[i + 3] === 6) {
        eocd = i;
        break;
      }
    }
    if (eocd < 0) throw new BadPackage("ZIP_DAMAGED", "no end of central directory (truncated?)");
    const count = u16(b, eocd + 10);
    let at = u32(b, eocd + 16);
    if (count === 0xffff || at === 0xffffffff) throw new BadPackage("ZIP_DAMAGED", "zip64 archives are not workbooks Excel writes");
    if (count > ZIP_LIMITS.entries) throw new BadPackage("ZIP_BOMB", `${count} entries`);
    let total = 0;
    for (let n = 0; n < count; n++) {
      if (at + 46 > b.length || u32(b, at) !== 0x02014b50) throw new BadPackage("ZIP_DAMAGED", "central directory cut short");
      const flags = u16(b, at + 8);
      const nameLength = u16(b, at + 28);
      const rawName = b.subarray(at + 46, at + 46 + nameLength);
      const name = (flags & 0x800 ? utf8.decode(rawName) : /[^\x00-\x7f]/.test(cp437(rawName)) ? utf8.decode(rawName) : cp437(rawName)).replace(/^\//, "");
      const entry: ZipEntry = {
        name, method: u16(b, at + 10), crc: u32(b, at + 16), compressedSize: u32(b, at + 20), size: u32(b, at + 24), localOffset: u32(b, at + 42),
      };
      if (flags & 1) throw new BadPackage("ZIP_ENCRYPTED", name);
      if (this.entries.has(name)) throw new BadPackage("ZIP_DAMAGED", `duplicate entry ${name}`);
      if (entry.localOffset + 30 > b.length || entry.localOffset + entry.compressedSize > b.length) throw new BadPackage("ZIP_DAMAGED", `${name} lies past the end of the file (truncated?)`);
      if (entry.size > ZIP_LIMITS.partBytes) throw new BadPackage("ZIP_BOMB", `${name} claims ${entry.size} bytes`);
      if (entry.size > ZIP_LIMITS.ratioFrom && entry.size > entry.compressedSize * ZIP_LIMITS.ratio) throw new BadPackage("ZIP_BOMB", `${name} inflates ${Math.round(entry.size / Math.max(1, entry.compressedSize))} times`);
      total += entry.size;
      if (total > ZIP_LIMITS.totalBytes) throw new BadPackage("ZIP_BOMB", `parts claim ${total} bytes`);
      this.entries.set(name, entry);
      at += 46 + nameLength + u16(b, at + 30) + u16(b, at + 32);
    }
  }

  /** The part's bytes as stored (deflated or not). */
  raw(e: ZipEntry): Uint8Array {
    const o = e.localOffset;
    if (u32(this.bytes, o) !== 0x04034b50) throw new BadPackage("ZIP_DAMAGED", `${e.name}: no local header`);
    const start = o + 30 + u16(this.bytes, o + 26) + u16(this.bytes, o + 28);
    if (start + e.compressedSize > this.bytes.length) throw new BadPackage("ZIP_DAMAGED", `${e.name} is cut short`);
    return this.bytes.subarray(start, start + e.compressedSize);
  }

  /** Inflates a part chunk by chunk; never more bytes than its entry claims (a lying entry is a bomb). */
  stream(e: ZipEntry, onChunk: (chunk: Uint8Array) => void): void {
    const raw = this.raw(e);
    if (e.method === 0) {
      if (raw.length !== e.size) throw new BadPackage("ZIP_DAMAGED", `${e.name}: stored size differs`);
      for (let i = 0; i < raw.length; i += 1 << 20) onChunk(raw.subarray(i, Math.min(raw.length, i + (1 << 20))));
      return;
    }
    if (e.method !== 8) throw new BadPackage("ZIP_DAMAGED", `${e.name}: compression method ${e.method}`);
    if (native) {
      let out: Uint8Array;
      try {
        out = native.inflateRaw(raw, Math.max(e.size, 1));
      } catch (err) {
        if (/maxOutputLength|buffer length/i.test((err as Error).message) || (err as { code?: string }).code === "ERR_BUFFER_TOO_LARGE") throw new BadPackage("ZIP_BOMB", `${e.name} inflates past the ${e.size} bytes it claims`);
        throw new BadPackage("ZIP_DAMAGED", `${e.name}: ${(err as Error).message}`);
      }
      if (out.length !== e.size) throw new BadPackage("ZIP_DAMAGED", `${e.name} is cut short`);
      for (let i = 0; i < out.length; i += 1 << 22) onChunk(out.subarray(i, Math.min(out.length, i + (1 << 22))));
      return;
    }
    let seen = 0;
    let done = false;
    const inflater = new Inflate((chunk, final) => {
      seen += chunk.length;
      if (seen > e.size) throw new BadPackage("ZIP_BOMB", `${e.name} inflates past the ${e.size} bytes it claims`);
      if (chunk.length) onChunk(chunk);
      if (final) done = true;
    });
    try {
      for (let i = 0; i < raw.length; i += 1 << 16) inflater.push(raw.subarray(i, Math.min(raw.length, i + (1 << 16))), i + (1 << 16) >= raw.length);
      if (raw.length === 0) inflater.push(raw, true);
    } catch (err) {
      if (err instanceof BadPackage) throw err;
      throw new BadPackage("ZIP_DAMAGED", `${e.name}: ${(err as Error).message}`);
    }
    if (!done || seen !== e.size) throw new BadPackage("ZIP_DAMAGED", `${e.name} is cut short`);
  }

  read(e: ZipEntry): Uint8Array {
    const out = new Uint8Array(e.size);
    let at = 0;
    this.stream(e, (c) => {
      out.set(c, at);
      at += c.length;
    });
    return out;
  }
}

/**
 * Reads back what was written: for each named part, the CRC-32 and size its central directory
 * entry claims against the bytes it inflates to. Returns the first part that does not agree, or
 * null. Cheap: only the parts made afresh need it (copied parts keep the input's own CRC).
 */
export function firstBadPart(zipBytes: Uint8Array, names: Iterable<string>, crc32: NativeZlib["crc32"]): string | null {
  const reader = new ZipReader(zipBytes);
  for (const name of names) {
    const e = reader.entries.get(name);
    if (!e) return name;
    let crc = 0;
    let size = 0;
    try {
      reader.stream(e, (chunk) => {
        size += chunk.length;
        crc = crc32(chunk, crc);
      });
    } catch (err) {
      if (err instanceof BadPackage) return name;
      throw err;
    }
    if (crc !== e.crc || size !== e.size) return name;
  }
  return null;
}

/** A part to write: bytes or text made now, string pieces made as they are written, or an entry copied as stored. */
export type OutPart =
  | { name: string; data: Uint8Array }
  | { name: string; pieces: () => Iterable<string> }
  /** Bytes read when the writer reaches the part, written without compression (images). */
  | { name: string; stored: () => Uint8Array }
  | { name: string; copy: ZipEntry; from: ZipReader };

const encoder = new TextEncoder();
/** A fixed time on every entry: the same input gives the same bytes (run twice = run once, down to the file). */
const FIXED_TIME = new Date(2023, 0, 1);

/** Data already compressed (a stored entry copied as it is, or deflated natively) handed to fflate. */
function precompressed(name: string, size: number, crc: number, method: number, data: () => Uint8Array[]): ZipInputFile & { start(): void } {
  const file = {
    filename: name, size, crc, compression: method, mtime: FIXED_TIME,
    ondata: undefined as ZipInputFile["ondata"],
    start() {
      const pieces = data();
      if (pieces.length === 0) pieces.push(new Uint8Array(0));
      pieces.forEach((p, i) => file.ondata?.(null, p as Uint8Array<ArrayBuffer>, i === pieces.length - 1));
    },
  };
  return file as ZipInputFile & { start(): void };
}

function* slices(data: Uint8Array): Iterable<Uint8Array> {
  for (let i = 0; i < data.length; i += 1 << 20) yield data.subarray(i, Math.min(data.length, i + (1 << 20)));
  if (data.length === 0) yield data;
}

/** A part's pieces as UTF-8 blocks of about 1 MiB: few deflate calls, never the whole part as one string.
 * An empty block only where the part is empty. */
function* blocks(pieces: Iterable<string>): Iterable<Uint8Array> {
  let block: string[] = [];
  let size = 0;
  let any = false;
  for (const s of pieces) {
    block.push(s);
    size += s.length;
    if (size >= 1 << 20) {
      yield encoder.encode(block.join(""));
      any = true;
      block = [];
      size = 0;
    }
  }
  if (size > 0 || !any) yield encoder.encode(block.join(""));
}

function nativeDeflated(name: string, parts: Iterable<Uint8Array>, z: NativeZlib) {
  const out: Uint8Array[] = [];
  let size = 0;
  let crc = 0;
  let held: Uint8Array | null = null;
  for (const b of parts) {
    if (held) out.push(z.deflateRaw(held, false));
    held = b;
    size += b.length;
    // zlib's crc32 answers 0 for an empty buffer with no memory behind it (a NULL pointer means
    // "give me the initial value"), whatever running value it is handed: an empty block would
    // wipe the CRC of everything before it (a part of one string of 1 MiB or more ended so).
    if (b.length > 0) crc = z.crc32(b, crc);
  }
  out.push(z.deflateRaw(held ?? new Uint8Array(0), true));
  return precompressed(name, size, crc, 8, () => out);
}

/** Writes the parts in order into one zip: chunks of the output as fflate makes them, handed to
 * `sink` as they come (a file) or returned together (a download in the browser). */
export function writeZip(parts: Iterable<OutPart>, sink?: (chunk: Uint8Array) => void): Uint8Array[] {
  const chunks: Uint8Array[] = [];
  let failure: Error | null = null;
  const zip = new Zip((err, chunk) => {
    if (err) failure = err;
    else if (sink) sink(chunk);
    else chunks.push(chunk);
  });
  for (const p of parts) {
    if ("copy" in p) {
      const f = precompressed(p.name, p.copy.size, p.copy.crc, p.copy.method, () => [p.from.raw(p.copy)]);
      zip.add(f);
      f.start();
      continue;
    }
    if ("stored" in p) {
      const bytes = p.stored();
      const f = native ? precompressed(p.name, bytes.length, native.crc32(bytes, 0), 0, () => [bytes]) : new ZipPassThrough(p.name);
      if (f instanceof ZipPassThrough) f.mtime = FIXED_TIME;
      zip.add(f);
      if (f instanceof ZipPassThrough) f.push(bytes, true);
      else f.start();
      continue;
    }
    const data = "data" in p ? slices(p.data) : blocks(p.pieces());
    if (native) {
      const f = nativeDeflated(p.name, data, native);
      zip.add(f);
      f.start();
      continue;
    }
    // Level 3, as on Node: a third of level 6's time for 12% more bytes.
    const f = new ZipDeflate(p.name, { level: 3 });
    f.mtime = FIXED_TIME;
    zip.add(f);
    for (const b of data) f.push(b);
    f.push(new Uint8Array(0), true);
  }
  zip.end();
  if (failure) throw failure;
  return chunks;
}
