// §9 Certificate numbers (证书编号), 22 characters:
// body type (S/Y) + 4-digit body code + 2-digit province + 6-digit body serial  = 13-character prefix,
// then 2-digit year of issue + 1 level digit + 6-digit serial.
import type { Level } from "./catalogue";

export const CERT_PREFIX_PATTERN = /^[SY]\d{12}$/;
const CERT_PATTERN = /^([SY]\d{12})(\d{2})([1-5])(\d{6})$/;

export interface CertNo {
  prefix: string;
  year2: string;
  level: number;
  serial: number;
}

export function parseCertNo(text: string): CertNo | null {
  const m = CERT_PATTERN.exec(text);
  if (!m) return null;
  return { prefix: m[1], year2: m[2], level: Number(m[3]), serial: Number(m[4]) };
}

export function formatCertNo(prefix: string, year: number, level: Level, serial: number): string {
  if (!CERT_PREFIX_PATTERN.test(prefix)) throw new RangeError(`证书编号前缀应为 13 位（S 或 Y 加 12 位数字）：${prefix}`);
  if (!Number.isInteger(serial) || serial < 1 || serial > 999999) throw new RangeError(`证书流水号超出 1-999999：${serial}`);
  return prefix + String(year % 100).padStart(2, "0") + String(level) + String(serial).padStart(6, "0");
}
