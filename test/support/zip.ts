// A zip archive that is not a workbook, for the tests (the writer is the hostile files' one), and reading one entry.
import { crc32, inflateRawSync } from "zlib";
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { zipOf } = require("../../scripts/hostile.js") as { zipOf: (entries: { name: string; stored: boolean; data: Buffer; claim: number; crc: number }[]) => Buffer };

export function zipStored(files: Record<string, string>): Buffer {
  return zipOf(Object.entries(files).map(([name, text]) => {
    const data = Buffer.from(text);
    return { name, stored: true, data, claim: data.length, crc: crc32(data) };
  }));
}

/** The text of one entry of a zip file (the parts of an .xlsx package), or null. */
export function readZipEntry(zip: Buffer, name: string): string | null {
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  let p = zip.readUInt32LE(end + 16);
  const count = zip.readUInt16LE(end + 10);
  for (let i = 0; i < count; i++) {
    const method = zip.readUInt16LE(p + 10);
    const size = zip.readUInt32LE(p + 20);
    const nameLen = zip.readUInt16LE(p + 28);
    const extraLen = zip.readUInt16LE(p + 30);
    const commentLen = zip.readUInt16LE(p + 32);
    const local = zip.readUInt32LE(p + 42);
    if (zip.toString("utf8", p + 46, p + 46 + nameLen) === name) {
      const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
      const data = zip.subarray(start, start + size);
      return (method === 8 ? inflateRawSync(data) : data).toString("utf8");
    }
    p += 46 + nameLen + extraLen + commentLen;
  }
  return null;
}
