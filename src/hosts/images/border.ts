// Is the background white? Measured on the pixels along the edges of the upright picture.

import type { Raster } from "./raster";

export interface BorderMeasure {
  /** Mean lightness, 0 (black) to 1 (white): (max + min) / 2 of R, G, B. */
  lightness: number;
  /** Mean saturation, 0 (grey) to 1 (pure colour): (max - min) / max, as HSV. */
  saturation: number;
}

/** The band measured: this share of the width (left, right) and of the height (top). */
export const BAND = 0.05;

/**
 * The top band across the whole width, and the left and right bands down the upper half only: an ID
 * photo's shoulders and clothes reach the bottom edge and the lower sides, the background does not.
 */
export function measureBorder(r: Raster): BorderMeasure {
  const bandX = Math.max(1, Math.round(r.width * BAND));
  const bandY = Math.max(1, Math.round(r.height * BAND));
  let l = 0;
  let s = 0;
  let n = 0;
  const add = (x: number, y: number) => {
    const i = (y * r.width + x) * 4;
    const R = r.data[i], G = r.data[i + 1], B = r.data[i + 2];
    const max = Math.max(R, G, B);
    const min = Math.min(R, G, B);
    l += (max + min) / 510;
    s += max === 0 ? 0 : (max - min) / max;
    n++;
  };
  for (let y = 0; y < bandY; y++) for (let x = 0; x < r.width; x++) add(x, y);
  const half = Math.max(bandY, Math.round(r.height / 2));
  for (let y = bandY; y < half; y++) {
    for (let x = 0; x < bandX; x++) add(x, y);
    for (let x = Math.max(bandX, r.width - bandX); x < r.width; x++) add(x, y);
  }
  return { lightness: n ? l / n : 0, saturation: n ? s / n : 0 };
}

/**
 * Near-white: lightness at least 0.80 and saturation at most 0.15. From Pillow-made samples
 * (scripts/make_photos.py, test/hosts/images.test.ts): white (255) 1.00/0.00, light grey paper (215) 0.84/0.00,
 * a phone's warm white wall (235,228,215) 0.88/0.09 pass; ID-photo blue (67,142,219) 0.56/0.70,
 * light blue (160,200,240) 0.78/0.33, red (200,30,40) 0.45/0.85, mid grey (150) 0.59/0.00 do not.
 */
export const WHITE_LIGHTNESS = 0.8;
export const WHITE_SATURATION = 0.15;

export const isNearWhite = (m: BorderMeasure) => m.lightness >= WHITE_LIGHTNESS && m.saturation <= WHITE_SATURATION;
