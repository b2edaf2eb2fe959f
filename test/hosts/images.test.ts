import { createHash } from "crypto";
import * as fs from "fs";
import * as path from "path";
import { PhotoUndecodable } from "../../src/app/photos";
import { isNearWhite, measureBorder } from "../../src/hosts/images/border";
import { decodeJpeg, encodeJpeg } from "../../src/hosts/images/codec";
import { exifOrientation, readJpegInfo } from "../../src/hosts/images/jpeginfo";
import { downscale, orient, type Raster } from "../../src/hosts/images/raster";
import { sha256Hex } from "../../src/hosts/images/sha256";
import { sniffImage } from "../../src/hosts/images/sniff";
import { makePhotos, pillowUpright, type PhotoSpec } from "../support/photos";
import { tmpDir } from "../support/workbooks";

const dir = path.join(tmpDir(), "photos");
const read = (name: string) => new Uint8Array(fs.readFileSync(path.join(dir, name)));
const solid = (background: [number, number, number]): PhotoSpec => ({ path: `bg-${background.join("-")}.jpg`, background, noise: 0, mark: false });
const BACKGROUNDS: { colour: [number, number, number]; white: boolean }[] = [
  { colour: [255, 255, 255], white: true }, // white
  { colour: [215, 215, 215], white: true }, // light grey paper
  { colour: [235, 228, 215], white: true }, // a warm white wall
  { colour: [67, 142, 219], white: false }, // ID-photo blue
  { colour: [160, 200, 240], white: false }, // light blue
  { colour: [200, 30, 40], white: false }, // ID-photo red
  { colour: [150, 150, 150], white: false }, // mid grey
];

beforeAll(() => {
  makePhotos(dir, [
    ...[1, 2, 3, 4, 5, 6, 7, 8].map((o) => ({ path: `o${o}.jpg`, orientation: o, width: 120, height: 160 })),
    { path: "p.png", format: "PNG" }, { path: "g.gif", format: "GIF" }, { path: "w.webp", format: "WEBP" }, { path: "b.bmp", format: "BMP" }, { path: "t.tif", format: "TIFF" },
    { path: "cut.jpg", truncate: 0.6 },
    ...BACKGROUNDS.map((b) => solid(b.colour)),
  ]);
});

const meanDiff = (a: Uint8Array, rgba: Raster) => {
  let sum = 0;
  for (let i = 0, j = 0; i < a.length; i += 3, j += 4) sum += Math.abs(a[i] - rgba.data[j]) + Math.abs(a[i + 1] - rgba.data[j + 1]) + Math.abs(a[i + 2] - rgba.data[j + 2]);
  return sum / a.length;
};

describe("image bytes", () => {
  test("formats are told by their bytes, whatever the name", () => {
    expect(["o1.jpg", "p.png", "g.gif", "w.webp", "b.bmp", "t.tif"].map((f) => sniffImage(read(f)))).toEqual(["jpeg", "png", "gif", "webp", "bmp", "tiff"]);
    const box = (brand: string) => new Uint8Array([0, 0, 0, 24, ...Buffer.from(`ftyp${brand}`), 0, 0, 0, 0]);
    expect([sniffImage(box("heic")), sniffImage(box("mif1")), sniffImage(box("avif")), sniffImage(box("mp42"))]).toEqual(["heic", "heic", "avif", "unknown"]);
    expect(sniffImage(Buffer.from("not a picture at all"))).toBe("unknown");
  });

  test("the JPEG header: size as stored, EXIF orientation, and whether the file is whole", () => {
    for (let o = 1; o <= 8; o++) {
      const info = readJpegInfo(read(`o${o}.jpg`))!;
      expect(info.orientation).toBe(o);
      expect([info.width, info.height]).toEqual(o >= 5 ? [160, 120] : [120, 160]);
      expect(info.complete).toBe(true);
    }
    expect(readJpegInfo(read("cut.jpg"))!.complete).toBe(false);
    expect(readJpegInfo(read("p.png"))).toBeNull();
    // Big-endian and little-endian TIFF headers, the tag not first.
    const exif = (little: boolean, value: number) => {
      const w16 = (n: number) => (little ? [n & 255, n >> 8] : [n >> 8, n & 255]);
      const w32 = (n: number) => (little ? [n & 255, (n >> 8) & 255, 0, 0] : [0, 0, (n >> 8) & 255, n & 255]);
      const entry = (tag: number, v: number) => [...w16(tag), ...w16(3), ...w32(1), ...w16(v), 0, 0];
      return new Uint8Array([...Buffer.from("Exif\0\0"), ...(little ? [0x49, 0x49] : [0x4d, 0x4d]), ...w16(42), ...w32(8), ...w16(2), ...entry(0x010f, 7), ...entry(0x0112, value), 0, 0, 0, 0]);
    };
    expect([exifOrientation(exif(true, 6)), exifOrientation(exif(false, 8)), exifOrientation(exif(false, 9)), exifOrientation(new Uint8Array(4))]).toEqual([6, 8, 1, 1]);
  });

  test("every EXIF orientation is turned upright as Pillow's ImageOps.exif_transpose does", () => {
    for (let o = 1; o <= 8; o++) {
      const bytes = read(`o${o}.jpg`);
      const ours = orient(decodeJpeg(bytes), readJpegInfo(bytes)!.orientation);
      const pil = pillowUpright(path.join(dir, `o${o}.jpg`));
      expect([ours.width, ours.height]).toEqual([pil.width, pil.height]);
      expect([ours.width, ours.height]).toEqual([120, 160]);
      // Two JPEG decoders differ by a level or two; a wrong turn differs by tens.
      expect(meanDiff(pil.rgb, ours)).toBeLessThan(4);
      // The red mark is in the upright top-left corner.
      expect([ours.data[0], ours.data[1]]).toEqual([expect.any(Number), expect.any(Number)]);
      expect(ours.data[0]).toBeGreaterThan(150);
      expect(ours.data[1]).toBeLessThan(90);
    }
  });

  test("bytes that are not a JPEG do not decode: an error, never a picture of nothing", () => {
    expect(() => decodeJpeg(read("p.png"))).toThrow(PhotoUndecodable);
  });

  test("a JPEG whose header claims far more pixels than its bytes can hold is refused before the decoder allocates them", () => {
    // A 120x160 photo's frame header patched to 9999x9999 (under the decoder's 100 MP cap): jpeg-js would
    // take 1.5 GB and seconds to find out; 60000x60000 is over the cap. Real photos hold far more bytes a pixel.
    const bomb = (w: number, h: number) => {
      const b = Uint8Array.from(read("o1.jpg"));
      const sof = b.findIndex((x, i) => x === 0xff && b[i + 1] === 0xc0);
      b.set([h >> 8, h & 255, w >> 8, w & 255], sof + 5);
      return b;
    };
    const jpeg = jest.requireActual<typeof import("jpeg-js")>("jpeg-js");
    const spy = jest.spyOn(jpeg, "decode");
    try {
      for (const [w, h] of [[9999, 9999], [60000, 60000], [12000, 8000]]) {
        expect(readJpegInfo(bomb(w, h))).toMatchObject({ width: w, height: h });
        expect(() => decodeJpeg(bomb(w, h))).toThrow(PhotoUndecodable);
      }
      expect(spy).not.toHaveBeenCalled();
      // A real photo still decodes.
      expect(decodeJpeg(read("o1.jpg")).width).toBe(120);
      expect(spy).toHaveBeenCalledTimes(1);
    } finally {
      spy.mockRestore();
    }
  });

  test("downscaling averages areas, partial pixels weighted, and never enlarges", () => {
    const grey = (w: number, h: number, f: (x: number, y: number) => number): Raster => {
      const data = new Uint8Array(w * h * 4);
      for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) data.set([f(x, y), f(x, y), f(x, y), 255], (y * w + x) * 4);
      return { width: w, height: h, data };
    };
    const values = (r: Raster) => Array.from({ length: r.width * r.height }, (_, i) => r.data[i * 4]);
    // 4x4 into 2x2: each output is the mean of a 2x2 block.
    expect(values(downscale(grey(4, 4, (x, y) => (x < 2 ? 0 : 200) + (y < 2 ? 0 : 40)), 2, 2))).toEqual([0, 200, 40, 240]);
    // 3 into 2: the middle source pixel is split half and half: (3*2 + 1*... ) weights 2/3, 1/3.
    expect(values(downscale(grey(3, 1, (x) => [0, 90, 180][x]), 2, 1))).toEqual([30, 150]);
    const big = grey(10, 10, () => 77);
    expect(downscale(big, 20, 20)).toBe(big);
    expect(values(downscale(big, 3, 7)).every((v) => v === 77)).toBe(true);
  });

  test("the border: white, light grey paper and a warm wall pass; blue, light blue, red and mid grey do not", () => {
    const measured: string[] = [];
    for (const b of BACKGROUNDS) {
      const m = measureBorder(decodeJpeg(read(`bg-${b.colour.join("-")}.jpg`)));
      expect({ colour: b.colour, white: isNearWhite(m) }).toEqual({ colour: b.colour, white: b.white });
      measured.push(`${b.colour.join(",")} ${m.lightness.toFixed(2)}/${m.saturation.toFixed(2)}`);
    }
    // The figures quoted in border.ts.
    expect(measured).toEqual(["255,255,255 1.00/0.00", "215,215,215 0.84/0.00", "235,228,215 0.88/0.09", "67,142,219 0.56/0.70", "160,200,240 0.78/0.33", "200,30,40 0.45/0.85", "150,150,150 0.59/0.00"]);
    // The shoulders at the bottom and lower sides are not measured: the white photo measures near 1.
    expect(measureBorder(decodeJpeg(read("bg-255-255-255.jpg"))).lightness).toBeGreaterThan(0.97);
  });

  test("SHA-256 agrees with Node's at every padding boundary", () => {
    for (const n of [0, 1, 55, 56, 63, 64, 65, 119, 120, 1000, 40_000]) {
      const bytes = new Uint8Array(n).map((_, i) => (i * 31 + 7) & 255);
      expect(sha256Hex(bytes)).toBe(createHash("sha256").update(bytes).digest("hex"));
    }
  });

  test("encoding is deterministic, and Pillow reads what we encode", () => {
    const r = orient(decodeJpeg(read("o6.jpg")), 6);
    const a = encodeJpeg(r, 80);
    const b = encodeJpeg(r, 80);
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
    expect(a).not.toBeInstanceOf(Buffer);
    const file = path.join(dir, "ours.jpg");
    fs.writeFileSync(file, a);
    const pil = pillowUpright(file);
    expect([pil.format, pil.width, pil.height]).toEqual(["JPEG", 120, 160]);
    expect(meanDiff(pil.rgb, r)).toBeLessThan(6);
  });

  test("encoding works where there is no Buffer (the page's worker, the pane)", () => {
    const r = decodeJpeg(read("o1.jpg"));
    const withBuffer = encodeJpeg(r, 70);
    const g = globalThis as { Buffer?: unknown };
    const saved = g.Buffer;
    delete g.Buffer;
    try {
      const without = encodeJpeg(r, 70);
      expect(g.Buffer).toBeUndefined();
      expect(Array.from(without)).toEqual(Array.from(withBuffer));
    } finally {
      g.Buffer = saved;
    }
  });
});
