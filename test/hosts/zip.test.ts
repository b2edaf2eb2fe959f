// The zip layer: the browser's path (fflate's deflate and inflate in JavaScript) and Node's (zlib)
// write the same parts, and each reads what the other wrote.
import * as zlib from "zlib";
import { unzipSync } from "fflate";
import { syntheticDepartment } from "../../src/app/synthetic";
import { sheetsToWorkbook } from "../../src/hosts/xlsx/sheets";
import { useNativeZlib, ZipReader } from "../../src/hosts/xlsx/zip";

const NODE = {
  deflateRaw: (d: Uint8Array, last: boolean) => zlib.deflateRawSync(d, { level: 3, finishFlush: last ? zlib.constants.Z_FINISH : zlib.constants.Z_SYNC_FLUSH }),
  inflateRaw: (d: Uint8Array, max: number) => zlib.inflateRawSync(d, { maxOutputLength: max }),
  crc32: (d: Uint8Array, v?: number) => zlib.crc32(d, v),
};

const concat = (chunks: Uint8Array[]) => new Uint8Array(Buffer.concat(chunks));

function readAll(bytes: Uint8Array): Record<string, string> {
  const r = new ZipReader(bytes);
  return Object.fromEntries([...r.entries.values()].map((e) => [e.name, Buffer.from(r.read(e)).toString("base64")]));
}

afterAll(() => useNativeZlib(null));

test("fflate and zlib write the same parts, and each path reads both", () => {
  const sheets = syntheticDepartment({ seed: 5, applicants: 40, defects: true }).sheets;
  useNativeZlib(null);
  const browser = concat(sheetsToWorkbook(sheets).write());
  useNativeZlib(NODE);
  const node = concat(sheetsToWorkbook(sheets).write());
  // Every entry's CRC is its content's.
  for (const bytes of [browser, node]) {
    const r = new ZipReader(bytes);
    for (const e of r.entries.values()) expect({ part: e.name, crc: zlib.crc32(r.read(e)) }).toEqual({ part: e.name, crc: e.crc });
  }
  // An independent reader (fflate's own unzip) agrees with ours on both files.
  const plain = (u: Record<string, Uint8Array>) => Object.fromEntries(Object.entries(u).map(([k, v]) => [k, Buffer.from(v).toString("base64")]));
  expect(plain(unzipSync(browser))).toEqual(plain(unzipSync(node)));
  expect(readAll(node)).toEqual(plain(unzipSync(node)));
  useNativeZlib(null);
  expect(readAll(node)).toEqual(readAll(browser));
  expect(Object.keys(readAll(browser))).toContain("xl/worksheets/sheet1.xml");
});

test("a part of several megabytes, deflated natively block by block, is one valid deflate stream", () => {
  useNativeZlib(NODE);
  const rows = Array.from({ length: 60000 }, (_, i) => [`第${i}行`, i, `${(i * 7919) % 10007}`]);
  const bytes = concat(sheetsToWorkbook([{ name: "大表", rows, merges: [] }]).write());
  const sheet = new TextDecoder().decode(unzipSync(bytes)["xl/worksheets/sheet1.xml"]);
  expect(sheet.length).toBeGreaterThan(3 * 1024 * 1024);
  expect(sheet).toContain("第59999行");
  expect(sheet.endsWith("</worksheet>")).toBe(true);
});
