// Printed paper, measured: LibreOffice prints each sheet of a workbook to its own PDF (print_sheets.py),
// poppler reads the words and their boxes (pdftotext -bbox) and renders pages (pdftoppm).
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

const SCRIPT = path.join(__dirname, "print_sheets.py");
/** Debian's Python, where python3-uno is installed (a pyenv python on PATH does not have it). */
const PYTHON = fs.existsSync("/usr/bin/python3") ? "/usr/bin/python3" : "python3";

export interface PrintJob {
  file: string;
  sheets: string[];
}

/** Every sheet asked for, printed alone: file -> sheet -> PDF path. One office process for all jobs. */
export function printSheets(jobs: PrintJob[]): Map<string, Map<string, string>> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "kz-print-"));
  const profile = path.join(root, "profile");
  const list = jobs.map((j, i) => {
    const outdir = path.join(root, String(i));
    fs.mkdirSync(outdir);
    return { ...j, outdir };
  });
  const jobsFile = path.join(root, "jobs.json");
  fs.writeFileSync(jobsFile, JSON.stringify(list));
  const out = execFileSync(PYTHON, [SCRIPT, profile, jobsFile], { encoding: "utf8", timeout: 900000, maxBuffer: 1 << 26 });
  const result = new Map<string, Map<string, string>>();
  for (const line of out.split("\n").filter((l) => l.startsWith("{"))) {
    const r = JSON.parse(line) as { file: string; pdfs: Record<string, string> };
    result.set(r.file, new Map(Object.entries(r.pdfs)));
  }
  return result;
}

export interface Word {
  text: string;
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

const unescape = (s: string) => s.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, "&");

/** The words of each page with their boxes (points, origin top left). */
export function pagesOf(pdf: string): Word[][] {
  const html = execFileSync("pdftotext", ["-bbox", pdf, "-"], { encoding: "utf8", maxBuffer: 1 << 28 });
  const pages: Word[][] = [];
  for (const page of html.split("<page ").slice(1)) {
    const words: Word[] = [];
    for (const m of page.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)) {
      words.push({ x0: Number(m[1]), y0: Number(m[2]), x1: Number(m[3]), y1: Number(m[4]), text: unescape(m[5]) });
    }
    pages.push(words);
  }
  return pages;
}

/** Pairs of words whose boxes overlap by more than a hair (touching glyph boxes are not overlap). */
export function overlaps(words: readonly Word[], hair = 0.5): [Word, Word][] {
  const sorted = [...words].sort((a, b) => a.x0 - b.x0);
  const out: [Word, Word][] = [];
  for (let i = 0; i < sorted.length; i++) {
    const a = sorted[i];
    for (let j = i + 1; j < sorted.length && sorted[j].x0 < a.x1 - hair; j++) {
      const b = sorted[j];
      const w = Math.min(a.x1, b.x1) - Math.max(a.x0, b.x0);
      const h = Math.min(a.y1, b.y1) - Math.max(a.y0, b.y0);
      if (w > hair && h > hair) out.push([a, b]);
    }
  }
  return out;
}

/** A page rendered: writes a PNG (for people) and returns its pixels (for counting). */
export function renderPage(pdf: string, page: number, png: string, dpi = 80): { width: number; height: number; rgb: Uint8Array } {
  fs.mkdirSync(path.dirname(png), { recursive: true });
  const base = png.replace(/\.png$/, "");
  execFileSync("pdftoppm", ["-f", String(page), "-l", String(page), "-r", String(dpi), "-png", "-singlefile", pdf, base]);
  const ppm = execFileSync("pdftoppm", ["-f", String(page), "-l", String(page), "-r", String(dpi), "-singlefile", pdf], { maxBuffer: 1 << 28 });
  // P6 header: magic, width, height, maxval, each followed by whitespace.
  const header = /^P6\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(ppm.subarray(0, 64).toString("latin1"));
  if (!header) throw new Error(`not a PPM from pdftoppm: ${pdf}`);
  return { width: Number(header[1]), height: Number(header[2]), rgb: new Uint8Array(ppm.subarray(header[0].length)) };
}

/** Pixels within `tolerance` of a colour ("4472C4"). */
export function countColour(rgb: Uint8Array, hex: string, tolerance = 24): number {
  const [r, g, b] = [0, 2, 4].map((i) => parseInt(hex.slice(i, i + 2), 16));
  let n = 0;
  for (let i = 0; i + 2 < rgb.length; i += 3) {
    if (Math.abs(rgb[i] - r) <= tolerance && Math.abs(rgb[i + 1] - g) <= tolerance && Math.abs(rgb[i + 2] - b) <= tolerance) n++;
  }
  return n;
}
