// JPEG decoding and encoding: jpeg-js, pure JavaScript, so the bytes written are the same in Node,
// the page's worker and the pane (a browser's canvas encoder differs from one browser to the next).
import { decode, encode } from "jpeg-js";
import { MAX_PHOTO_PIXELS, PhotoUndecodable } from "../../app/photos";
import { readJpegInfo } from "./jpeginfo";
import type { Raster } from "./raster";

/** A phone photo is 12-50 megapixels; more than this is not a photo to decode in a pane. */
const MAX_MEGAPIXELS = MAX_PHOTO_PIXELS / 1e6;
/**
 * The most pixels a byte of JPEG can stand for: a flat grey 4000x3000 picture, Huffman-optimised, is
 * 255 a byte, a photo 1-10. A header claiming more (a 700-byte file saying 9999x9999) is a bomb that
 * jpeg-js would spend 1.5 GB and seconds on before it fails: refused before the decoder sees it.
 */
const MAX_PIXELS_PER_BYTE = 1000;

/** The pixels of a JPEG; throws PhotoUndecodable when the data does not decode. */
export function decodeJpeg(bytes: Uint8Array): Raster {
  const header = readJpegInfo(bytes);
  if (header && header.width * header.height > Math.min(MAX_MEGAPIXELS * 1e6, bytes.length * MAX_PIXELS_PER_BYTE)) throw new PhotoUndecodable(`the header claims ${header.width}x${header.height} pixels`);
  let image: { width: number; height: number; data: Uint8Array };
  try {
    image = decode(bytes, { useTArray: true, formatAsRGBA: true, tolerantDecoding: true, maxResolutionInMP: MAX_MEGAPIXELS, maxMemoryUsageInMB: 1024 });
  } catch (e) {
    throw new PhotoUndecodable(e instanceof Error ? e.message : String(e));
  }
  if (!(image.width > 0 && image.height > 0)) throw new PhotoUndecodable("no picture");
  return { width: image.width, height: image.height, data: image.data };
}

/** Baseline JPEG, no metadata (so no orientation tag to turn it again). */
export function encodeJpeg(r: Raster, quality: number): Uint8Array {
  // jpeg-js returns Buffer.from(bytes) wherever `module` is defined (webpack defines it), and a browser
  // has no Buffer: lend it a minimal one for this synchronous call only, so no other library sees it.
  // A plain Uint8Array either way (a copy of Node's Buffer).
  const run = () => new Uint8Array(encode(r, quality).data as unknown as ArrayLike<number>);
  const g = globalThis as { Buffer?: unknown };
  if (g.Buffer !== undefined) return run();
  g.Buffer = { from: (a: number[]) => Uint8Array.from(a) };
  try {
    return run();
  } finally {
    delete g.Buffer;
  }
}
