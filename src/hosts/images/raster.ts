// Pixels as RGBA bytes, row by row, and the two things done to them: turned upright, made smaller.

export interface Raster {
  width: number;
  height: number;
  /** RGBA, 4 bytes a pixel. */
  data: Uint8Array;
}

/**
 * The picture as it is meant to be seen, per EXIF orientation (1-8, as Pillow's ImageOps.exif_transpose):
 * for each output pixel, the stored pixel it comes from.
 */
export function orient(r: Raster, orientation: number): Raster {
  if (orientation <= 1 || orientation > 8) return r;
  const { width: w, height: h, data } = r;
  const quarter = orientation >= 5;
  const W = quarter ? h : w;
  const H = quarter ? w : h;
  const out = new Uint8Array(W * H * 4);
  const source: (x: number, y: number) => number = {
    2: (x: number, y: number) => y * w + (w - 1 - x),
    3: (x: number, y: number) => (h - 1 - y) * w + (w - 1 - x),
    4: (x: number, y: number) => (h - 1 - y) * w + x,
    5: (x: number, y: number) => x * w + y,
    6: (x: number, y: number) => (h - 1 - x) * w + y,
    7: (x: number, y: number) => (h - 1 - x) * w + (w - 1 - y),
    8: (x: number, y: number) => x * w + (w - 1 - y),
  }[orientation as 2 | 3 | 4 | 5 | 6 | 7 | 8];
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) {
      const s = source(x, y) * 4;
      const d = (y * W + x) * 4;
      out[d] = data[s];
      out[d + 1] = data[s + 1];
      out[d + 2] = data[s + 2];
      out[d + 3] = data[s + 3];
    }
  }
  return { width: W, height: H, data: out };
}

/**
 * Area averaging (a box filter): each output pixel is the mean of the source area it covers, partial
 * pixels weighted by how much of them it covers. Never enlarges. Only +, *, / on doubles and one
 * Math.round: the same bytes in every JavaScript engine.
 */
export function downscale(r: Raster, W: number, H: number): Raster {
  if (W >= r.width && H >= r.height) return r;
  const across = resample(r.data, r.width, r.height, W, true);
  return { width: W, height: H, data: toBytes(resample(across, W, r.height, H, false)) };
}

/** One pass along x (horizontal) or y: n source pixels into m, per channel. */
function resample(src: ArrayLike<number>, w: number, h: number, m: number, horizontal: boolean): Float64Array {
  const n = horizontal ? w : h;
  const outW = horizontal ? m : w;
  const outH = horizontal ? h : m;
  const out = new Float64Array(outW * outH * 4);
  const ratio = n / m;
  // For each output position: the source pixels and their weights (covered fraction / ratio).
  const starts: number[] = [];
  const weights: number[][] = [];
  for (let k = 0; k < m; k++) {
    const a = k * ratio;
    const b = Math.min(n, (k + 1) * ratio);
    const first = Math.floor(a);
    const ws: number[] = [];
    for (let j = first; j < b; j++) ws.push((Math.min(j + 1, b) - Math.max(j, a)) / (b - a));
    starts.push(first);
    weights.push(ws);
  }
  const lines = horizontal ? h : w;
  for (let line = 0; line < lines; line++) {
    for (let k = 0; k < m; k++) {
      const ws = weights[k];
      let r = 0, g = 0, bl = 0, al = 0;
      for (let t = 0; t < ws.length; t++) {
        const j = starts[k] + t;
        const s = (horizontal ? line * w + j : j * w + line) * 4;
        r += src[s] * ws[t];
        g += src[s + 1] * ws[t];
        bl += src[s + 2] * ws[t];
        al += src[s + 3] * ws[t];
      }
      const d = (horizontal ? line * outW + k : k * outW + line) * 4;
      out[d] = r;
      out[d + 1] = g;
      out[d + 2] = bl;
      out[d + 3] = al;
    }
  }
  return out;
}

function toBytes(f: Float64Array): Uint8Array {
  const out = new Uint8Array(f.length);
  for (let i = 0; i < f.length; i++) out[i] = Math.max(0, Math.min(255, Math.round(f[i])));
  return out;
}
