// §7: a phone, where present, is 11 digits starting with 1.
export function isValidPhone(normalized: string): boolean {
  return /^1\d{10}$/.test(normalized.replace(/[- ]/g, ""));
}
