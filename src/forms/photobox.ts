// The photo box of the 备案表 (#19): its size on the sheet, the key that names an applicant's photo
// without his ID number, and which picture goes where (host-independent: the .xlsx writer places the
// pictures from it, the task pane may too).
import type { PhotoBox } from "../domain/settings";
import type { SheetPicture, SheetSpec } from "./sheetspec";

export type { SheetPicture };

/** 照片尺寸 (the 设置 sheet): the photo's size on paper, in millimetres (一寸 25x35, 二寸 35x49). */
export type PhotoSize = PhotoBox;
export const PHOTO_MM: Record<PhotoSize, { width: number; height: number }> = {
  一寸: { width: 25, height: 35 },
  二寸: { width: 35, height: 49 },
};

/** English Metric Units: DrawingML's length (914,400 an inch). */
export const EMU_PER_MM = 36000;
export const EMU_PER_PX = 9525;
export const EMU_PER_PT = 12700;

/** What a picture's description starts with: how our pictures are told from the user's. */
export const PHOTO_KEY_PREFIX = "课证照片 ";

/**
 * The key naming an applicant's photo, written as the picture's description: the prefix and a 53-bit
 * hash of the ID number (cyrb53), so a run finds the photo again and the number is not written out.
 */
export function photoKey(idNumber: string): string {
  const s = idNumber.trim().toUpperCase();
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return PHOTO_KEY_PREFIX + (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36).padStart(11, "0");
}

/** Column width (characters) whose width on the sheet holds the photo: Excel's 7 px a character and 5 px of margin at 96 dpi. */
export function boxColumnWidth(size: PhotoSize): number {
  const px = (PHOTO_MM[size].width / 25.4) * 96;
  return Math.ceil(((px - 5) / 7) * 2) / 2 + 0.5;
}

/** The least height (points) of each of the `rows` rows the box spans, so that together they hold the photo. */
export function boxRowHeight(size: PhotoSize, rows: number, least: number): number {
  const pt = (PHOTO_MM[size].height / 25.4) * 72;
  return Math.max(least, Math.ceil((pt / rows) * 4) / 4 + 0.25);
}

/** Which applicant's photo goes in which box: one entry per picture, by sheet (the spec's name) and anchor cell. */
export interface PhotoPlacement {
  sheet: string;
  row: number;
  col: number;
  key: string;
}

export function photoPlacements(specs: readonly SheetSpec[]): PhotoPlacement[] {
  return specs.flatMap((s) => (s.pictures ?? []).map((p) => ({ sheet: s.name, row: p.row, col: p.col, key: p.key })));
}
