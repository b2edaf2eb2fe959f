// §7 ID numbers (公民身份号码, GB 11643-1999).

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = "10X98765432";

/**
 * §7: province-level codes (first two digits) in use, and the prefixes of the residence permits
 * for residents of Hong Kong (81), Macao (82) and Taiwan (83), which carry the same check character.
 */
const PROVINCES = new Set([
  11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46,
  50, 51, 52, 53, 54, 61, 62, 63, 64, 65, 71, 81, 82, 83,
]);

/** §7: the check character of the first 17 digits. */
export function idCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i];
  return CHECK_CHARS[sum % 11];
}

export type IdProblem = "ID_15_DIGIT" | "ID_FORMAT" | "ID_CHECKSUM" | "ID_BIRTH_DATE" | "ID_BIRTH_YEAR_RANGE" | "ID_PROVINCE";

export interface IdCheck {
  /** Upper-cased, as it should read. */
  id: string;
  problems: IdProblem[];
  /** A lower-case x was accepted and upper-cased (info). */
  lowercaseX: boolean;
}

/** §7 on an already normalised (§8) text value; an ID stored as a number is caught by the reader. */
export function checkIdNumber(text: string, assessmentYear: number): IdCheck {
  const lowercaseX = /x$/.test(text);
  const id = text.toUpperCase();
  if (/^\d{15}$/.test(id)) return { id, problems: ["ID_15_DIGIT"], lowercaseX };
  if (!/^\d{17}[\dX]$/.test(id)) return { id, problems: ["ID_FORMAT"], lowercaseX };
  const problems: IdProblem[] = [];
  if (!PROVINCES.has(Number(id.slice(0, 2)))) problems.push("ID_PROVINCE");
  const year = Number(id.slice(6, 10));
  if (!isRealDate(year, Number(id.slice(10, 12)), Number(id.slice(12, 14)))) problems.push("ID_BIRTH_DATE");
  else if (year < assessmentYear - 60 || year > assessmentYear - 14) problems.push("ID_BIRTH_YEAR_RANGE");
  if (idCheckChar(id) !== id[17]) problems.push("ID_CHECKSUM");
  return { id, problems, lowercaseX };
}

function isRealDate(y: number, m: number, d: number): boolean {
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/** §7: digit 17 odd = 男, even = 女. */
export function sexFromId(id: string): "男" | "女" {
  return Number(id[16]) % 2 === 1 ? "男" : "女";
}

/** §9: first `lead` + asterisks + last `trail` (default 6 + ******** + 4). */
export function maskId(id: string, lead = 6, trail = 4): string {
  if (id.length <= lead + trail) return "*".repeat(id.length);
  return id.slice(0, lead) + "*".repeat(id.length - lead - trail) + id.slice(id.length - trail);
}
