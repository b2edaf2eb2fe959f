// #19: photos are written as stored (uncompressed) zip entries, each read only when the writer
// reaches it; the CLI's read-back check reads the written file from disk part by part.
import * as fs from "fs";
import * as path from "path";
import { writeZip, ZipReader, useNativeZlib } from "../../src/hosts/xlsx/zip";
import { nodeZlib } from "../../src/cli/nodezlib";
import { firstBadPartInFile } from "../../src/cli/readback";
import { tmpDir } from "../support/workbooks";
import { zipFaults } from "../support/zipcheck";

const dir = tmpDir();
const concat = (chunks: Uint8Array[]) => new Uint8Array(Buffer.concat(chunks));
const photo = (n: number, seed: number) => new Uint8Array(n).map((_, i) => (i * seed + (i >> 7)) & 0xff);

afterAll(() => useNativeZlib(null));

test.each([["zlib (the command line)", nodeZlib], ["fflate (the page)", null]] as const)("%s: stored parts are read in turn, kept as they are, and verify", (_label, z) => {
  useNativeZlib(z);
  const reads: string[] = [];
  const written: string[] = [];
  const parts = [
    { name: "a.xml", pieces: () => ["<a/>"] },
    ...[1, 2, 3].map((k) => ({ name: `xl/media/image${k}.jpeg`, stored: () => (reads.push(`image${k} after ${written.length} chunks`), photo(40000 + k, k + 2)) })),
  ];
  const file = path.join(dir, `${z ? "zlib" : "fflate"}.zip`);
  const chunks: Uint8Array[] = [];
  writeZip(parts, (c) => {
    written.push("x");
    chunks.push(c);
  });
  fs.writeFileSync(file, concat(chunks));
  // Each photo was read once, and after what came before it was already handed on (streamed).
  expect(reads.length).toBe(3);
  expect(Number(/after (\d+)/.exec(reads[2])?.[1])).toBeGreaterThan(Number(/after (\d+)/.exec(reads[0])?.[1]));
  const r = new ZipReader(fs.readFileSync(file));
  for (const k of [1, 2, 3]) {
    const e = r.entries.get(`xl/media/image${k}.jpeg`);
    expect(e?.method).toBe(0);
    expect(Buffer.from(r.read(e as NonNullable<typeof e>)).equals(Buffer.from(photo(40000 + k, k + 2)))).toBe(true);
  }
  expect(zipFaults([file])).toEqual({});
  expect(firstBadPartInFile(file, r.entries.keys(), nodeZlib)).toBeNull();
  useNativeZlib(null);
});

test("the read-back check from disk finds a damaged stored photo and a damaged deflated part, and only those", () => {
  useNativeZlib(nodeZlib);
  const bytes = Buffer.from(concat(writeZip([{ name: "a.xml", pieces: () => ["<a>" + "q".repeat(5000) + "</a>"] }, { name: "b.jpeg", stored: () => photo(30000, 5) }, { name: "c.xml", pieces: () => ["<c/>"] }])));
  useNativeZlib(null);
  const r = new ZipReader(bytes);
  const good = path.join(dir, "good.zip");
  fs.writeFileSync(good, bytes);
  expect(firstBadPartInFile(good, ["a.xml", "b.jpeg", "c.xml"], nodeZlib)).toBeNull();
  expect(firstBadPartInFile(good, ["a.xml", "missing.xml"], nodeZlib)).toBe("missing.xml");
  const flip = (name: string, at: number) => {
    const copy = Buffer.from(bytes);
    const e = r.entries.get(name) as { localOffset: number };
    copy[e.localOffset + 30 + name.length + at] ^= 0xff;
    const file = path.join(dir, `bad-${name}.zip`);
    fs.writeFileSync(file, copy);
    return file;
  };
  expect(firstBadPartInFile(flip("b.jpeg", 12345), ["a.xml", "b.jpeg", "c.xml"], nodeZlib)).toBe("b.jpeg");
  expect(firstBadPartInFile(flip("a.xml", 5), ["a.xml", "b.jpeg", "c.xml"], nodeZlib)).toBe("a.xml");
});
