// The zip layer: the browser's path (fflate's deflate and inflate in JavaScript) and Node's (zlib)
// write the same parts, and each reads what the other wrote.
import * as zlib from "zlib";
import { unzipSync } from "fflate";
import { syntheticDepartment } from "../../src/app/synthetic";
import { sheetsToWorkbook } from "../../src/hosts/xlsx/sheets";
import { firstBadPart, useNativeZlib, writeZip, ZipReader, type OutPart } from "../../src/hosts/xlsx/zip";
import { nodeZlib } from "../../src/cli/nodezlib";
import * as fs from "fs";
import * as path from "path";
import { tmpDir } from "../support/workbooks";
import { zipFaults } from "../support/zipcheck";

// The CLI's own adapter: what the command line really writes with.
const NODE = nodeZlib;

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

describe("every entry's CRC-32 is the CRC of its bytes, on every path", () => {
  // Sizes around the 1 MiB block: a part handed over as one string of 1,048,576 characters or
  // more once got CRC 0 on the zlib path (an empty last block reset the running CRC).
  const sizes = [0, 1, (1 << 20) - 1, 1 << 20, (1 << 20) + 1, 3 << 20];
  const partsOf = (n: number): OutPart[] => [
    { name: `one-string-${n}.xml`, pieces: () => ["x".repeat(n)] },
    { name: `many-pieces-${n}.xml`, pieces: () => Array.from({ length: Math.ceil(n / 4096) }, (_, k) => "y".repeat(Math.min(4096, n - k * 4096))) },
    { name: `bytes-${n}.bin`, data: new Uint8Array(n).map((_, i) => (i * 7) & 0xff) },
  ];
  const dir = tmpDir();

  test.each([["zlib (the command line)", NODE], ["fflate (the page)", null]] as const)("%s: Python's zipfile verifies every entry", (_path, z) => {
    useNativeZlib(z);
    const file = path.join(dir, `${z ? "zlib" : "fflate"}.zip`);
    fs.writeFileSync(file, concat(writeZip(sizes.flatMap(partsOf))));
    expect(zipFaults([file])).toEqual({});
    const r = new ZipReader(fs.readFileSync(file));
    expect(r.entries.size).toBe(sizes.length * 3);
    for (const e of r.entries.values()) expect({ part: e.name, crc: zlib.crc32(Buffer.from(r.read(e))) }).toEqual({ part: e.name, crc: e.crc });
    expect(firstBadPart(fs.readFileSync(file), r.entries.keys(), NODE.crc32)).toBeNull();
    useNativeZlib(null);
  });

  test("the read-back check finds an entry whose recorded CRC is not its content's, and the independent check agrees", () => {
    useNativeZlib(NODE);
    const bytes = Buffer.from(concat(writeZip([{ name: "a.xml", pieces: () => ["<a/>"] }, { name: "b.xml", pieces: () => ["z".repeat(1 << 20)] }])));
    useNativeZlib(null);
    const r = new ZipReader(bytes);
    const b = r.entries.get("b.xml") as { crc: number };
    // Zero the CRC of b.xml in its central directory entry (and its data descriptor) as the bug did.
    const wrong = Buffer.alloc(4);
    wrong.writeUInt32LE(b.crc);
    let at = bytes.indexOf(wrong);
    while (at >= 0) {
      bytes.writeUInt32LE(0, at);
      at = bytes.indexOf(wrong, at + 4);
    }
    expect(firstBadPart(bytes, ["a.xml", "b.xml"], NODE.crc32)).toBe("b.xml");
    expect(firstBadPart(bytes, ["a.xml"], NODE.crc32)).toBeNull();
    const file = path.join(dir, "zeroed.zip");
    fs.writeFileSync(file, bytes);
    expect(zipFaults([file])[file]).toMatch(/b\.xml/);
  });

  test("zlib's crc32 of an empty buffer with no memory behind it is 0 whatever the running value; the adapter keeps the value", () => {
    const running = zlib.crc32("abc");
    expect(zlib.crc32(new TextEncoder().encode(""), running)).toBe(0);
    expect(NODE.crc32(new TextEncoder().encode(""), running)).toBe(running);
  });
});
