// The written file read back from disk, part by part: the central directory, then each part made
// afresh, read at its offset, inflated and checked against the CRC-32 and size its entry claims.
// Never the whole file at once: an output with 5,000 photos is hundreds of MB.
import * as fs from "fs";
import type { NativeZlib } from "../hosts/xlsx/zip";

interface Entry {
  method: number;
  crc: number;
  compressedSize: number;
  size: number;
  localOffset: number;
}

function read(fd: number, position: number, length: number): Buffer {
  const b = Buffer.alloc(length);
  let at = 0;
  while (at < length) {
    const n = fs.readSync(fd, b, at, length - at, position + at);
    if (n === 0) break;
    at += n;
  }
  return at === length ? b : b.subarray(0, at);
}

/** The central directory of the zip in `fd` (our writer's: no zip64, no comment beyond 64 KiB). */
function centralDirectory(fd: number, fileSize: number): Map<string, Entry> | null {
  const tailLength = Math.min(fileSize, 22 + 0xffff);
  const tail = read(fd, fileSize - tailLength, tailLength);
  let eocd = -1;
  for (let i = tail.length - 22; i >= 0; i--) {
    if (tail.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return null;
  const count = tail.readUInt16LE(eocd + 10);
  const size = tail.readUInt32LE(eocd + 12);
  const offset = tail.readUInt32LE(eocd + 16);
  if (offset + size > fileSize) return null;
  const cd = read(fd, offset, size);
  const entries = new Map<string, Entry>();
  let at = 0;
  for (let n = 0; n < count; n++) {
    if (at + 46 > cd.length || cd.readUInt32LE(at) !== 0x02014b50) return null;
    const nameLength = cd.readUInt16LE(at + 28);
    const name = cd.subarray(at + 46, at + 46 + nameLength).toString("utf8");
    entries.set(name, {
      method: cd.readUInt16LE(at + 10), crc: cd.readUInt32LE(at + 16), compressedSize: cd.readUInt32LE(at + 20), size: cd.readUInt32LE(at + 24), localOffset: cd.readUInt32LE(at + 42),
    });
    at += 46 + nameLength + cd.readUInt16LE(at + 30) + cd.readUInt16LE(at + 32);
  }
  return entries;
}

/** The first of `names` whose bytes in the file do not agree with its entry, or null when all do. */
export function firstBadPartInFile(file: string, names: Iterable<string>, zlib: NativeZlib): string | null {
  const fd = fs.openSync(file, "r");
  try {
    const entries = centralDirectory(fd, fs.fstatSync(fd).size);
    for (const name of names) {
      const e = entries?.get(name);
      if (!e) return name;
      const local = read(fd, e.localOffset, 30);
      if (local.length < 30 || local.readUInt32LE(0) !== 0x04034b50) return name;
      const raw = read(fd, e.localOffset + 30 + local.readUInt16LE(26) + local.readUInt16LE(28), e.compressedSize);
      if (raw.length !== e.compressedSize) return name;
      let data: Uint8Array;
      if (e.method === 0) data = raw;
      else if (e.method === 8) {
        try {
          data = zlib.inflateRaw(raw, Math.max(1, e.size));
        } catch {
          // Does not inflate (or inflates past its size): that is the answer, not an error of ours.
          return name;
        }
      } else return name;
      if (data.length !== e.size || zlib.crc32(data, 0) !== e.crc) return name;
    }
    return null;
  } finally {
    fs.closeSync(fd);
  }
}
