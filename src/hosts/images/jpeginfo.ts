// A JPEG's header read without decoding it: pixel size, EXIF orientation, whether the data is complete.

export interface JpegInfo {
  /** As stored (before orientation). */
  width: number;
  height: number;
  /** EXIF orientation 1-8 (1 when there is none or it is not a valid value). */
  orientation: number;
  /** The scan data ends with an EOI marker: a file cut short (a copy that did not finish) does not. */
  complete: boolean;
}

const u16 = (b: Uint8Array, i: number, little = false) => (little ? b[i] | (b[i + 1] << 8) : (b[i] << 8) | b[i + 1]);
const u32 = (b: Uint8Array, i: number, little: boolean) =>
  little ? (b[i] | (b[i + 1] << 8) | (b[i + 2] << 16)) + b[i + 3] * 0x1000000 : b[i] * 0x1000000 + ((b[i + 1] << 16) | (b[i + 2] << 8) | b[i + 3]);

/** SOF markers carry the frame size (C4 DHT, C8 JPG, CC DAC are not frames). */
const isFrame = (m: number) => m >= 0xc0 && m <= 0xcf && m !== 0xc4 && m !== 0xc8 && m !== 0xcc;

/** null when the bytes are not a JPEG or have no frame header before the scan. */
export function readJpegInfo(b: Uint8Array): JpegInfo | null {
  if (b.length < 4 || b[0] !== 0xff || b[1] !== 0xd8) return null;
  let i = 2;
  let width = 0;
  let height = 0;
  let orientation = 1;
  while (i + 4 <= b.length) {
    if (b[i] !== 0xff) return null;
    const marker = b[i + 1];
    if (marker === 0xff) {
      i += 1; // fill bytes
      continue;
    }
    if (marker === 0xd8 || (marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) {
      i += 2;
      continue;
    }
    const length = u16(b, i + 2);
    const body = i + 4;
    if (length < 2) return null;
    if (marker === 0xe1 && orientation === 1) orientation = exifOrientation(b.subarray(body, Math.min(b.length, i + 2 + length)));
    else if (isFrame(marker) && body + 5 <= b.length) {
      height = u16(b, body + 1);
      width = u16(b, body + 3);
    } else if (marker === 0xda) {
      if (width === 0 || height === 0) return null;
      return { width, height, orientation, complete: hasEnd(b, i + 2 + length) };
    }
    i += 2 + length;
  }
  return width && height ? { width, height, orientation, complete: false } : null;
}

/** After the first scan: entropy-coded data never holds FF D9 (an FF there is followed by 00 or a restart marker). */
function hasEnd(b: Uint8Array, from: number): boolean {
  for (let i = from; i + 1 < b.length; i++) if (b[i] === 0xff && b[i + 1] === 0xd9) return true;
  return false;
}

/** The Orientation tag (0x0112) of IFD0 in an APP1 "Exif\0\0" segment; 1 when absent or invalid. */
export function exifOrientation(seg: Uint8Array): number {
  if (seg.length < 14 || String.fromCharCode(...seg.subarray(0, 4)) !== "Exif" || seg[4] !== 0 || seg[5] !== 0) return 1;
  const t = seg.subarray(6);
  const little = t[0] === 0x49 && t[1] === 0x49;
  if (!little && !(t[0] === 0x4d && t[1] === 0x4d)) return 1;
  if (u16(t, 2, little) !== 42) return 1;
  const ifd = u32(t, 4, little);
  if (ifd + 2 > t.length) return 1;
  const count = u16(t, ifd, little);
  for (let k = 0; k < count; k++) {
    const e = ifd + 2 + k * 12;
    if (e + 12 > t.length) return 1;
    if (u16(t, e, little) === 0x0112) {
      const value = u16(t, e + 8, little);
      return value >= 1 && value <= 8 ? value : 1;
    }
  }
  return 1;
}

/** Orientations 5-8 turn the picture a quarter: width and height swap. */
export const swapsSides = (orientation: number) => orientation >= 5 && orientation <= 8;
