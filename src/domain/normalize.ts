// §8 Normalisation: applied before every check. Original cells are never rewritten.

const ZERO_WIDTH = /[\u200B-\u200D\u2060\uFEFF]/g;
const ODD_SPACES = /[\u00A0\u3000\u2000-\u200A\u202F\u205F]/g;

/** §8: full-width ASCII (U+FF01-FF5E) to half-width; no full NFKC (names keep their characters). */
export function toHalfWidth(text: string): string {
  let out = "";
  for (const ch of text) {
    const code = ch.charCodeAt(0);
    out += code >= 0xff01 && code <= 0xff5e ? String.fromCharCode(code - 0xfee0) : ch;
  }
  return out;
}

/** Anything §8 would change; most cells have none, and skip the work. */
const NEEDS_WORK = /[\uFF01-\uFF5E\u00A0\u3000\u2000-\u200D\u202F\u205F\u2060\uFEFF]|\s\s|^\s|\s$|[\t\n\r\v\f]/;

/** §8: trim, half-width ASCII, odd spaces folded to one ASCII space, zero-width removed. */
export function normalizeText(text: string): string {
  if (!NEEDS_WORK.test(text)) return text;
  return toHalfWidth(text.replace(ZERO_WIDTH, ""))
    .replace(ODD_SPACES, " ")
    .replace(/\s+/g, " ")
    .trim();
}

/** §8 with all spaces removed: for header cells, codes, course names and other keys. */
export function normalizeKey(text: string): string {
  return normalizeText(text).replace(/ /g, "");
}
