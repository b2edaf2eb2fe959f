// Issue 18: every generated sheet, printed by LibreOffice, reads: no two words on a page overlap
// (pdftotext -bbox), and the 认定统计 chart draws its bars in the series' colours. The first page
// of every sheet is written to test-artifacts/print/ for a reviewer to look at.
import * as fs from "fs";
import * as path from "path";
import { syntheticDepartment, type SheetData } from "../../src/app/synthetic";
import { CONTROL_SHEET } from "../../src/app/control";
import { CHART_COLOURS } from "../../src/forms/layout";
import { XlsxWorkbook } from "../../src/hosts/xlsx/workbook";
import { kezheng, ROOT } from "../support/cli";
import { countColour, overlaps, pagesOf, printSheets, renderPage } from "../support/print";
import { tmpDir, writeFixture } from "../support/workbooks";
import { libreofficeResave } from "../support/writers";

const dir = tmpDir();
const ARTIFACTS = path.join(ROOT, "test-artifacts", "print");
const CHART_TITLE = "各职业（工种）可认定人数";

/** The sheets a run wrote for paper, from its journal (the hidden control sheet); not its hidden data sheets. */
async function generatedSheets(file: string): Promise<string[]> {
  const grids = await XlsxWorkbook.fromBytes(path.basename(file), new Uint8Array(fs.readFileSync(file))).readSheets();
  const control = grids.find((g) => g.name === CONTROL_SHEET);
  if (!control) throw new Error(`${file}: no ${CONTROL_SHEET}`);
  return control.rows.slice(1).filter((r) => r[0] === "sheet" && !String(r[1]).startsWith("_kz")).map((r) => String(r[1]));
}

function run(input: string, out: string): string {
  const r = kezheng(["run", input, "-o", out]);
  if (![0, 1].includes(r.code)) throw new Error(`run ${input}: ${r.stderr}`);
  return out;
}

/** A department's long register split over two sheets (forms.md B: several registers united). */
function severalRegisters(sheets: SheetData[]): SheetData[] {
  return sheets.flatMap((s) => {
    if (s.name !== "成绩登记册") return [s];
    const half = Math.ceil(s.rows.length / 2);
    return [{ ...s, rows: s.rows.slice(0, half) }, { ...s, name: "成绩登记册（补）", rows: [s.rows[0], ...s.rows.slice(half)] }];
  });
}

const workbooks: { label: string; file: string }[] = [];

beforeAll(async () => {
  const demo = path.join(dir, "demo.xlsx");
  expect([0, 1]).toContain(kezheng(["demo", "-o", demo]).code);
  const tall = await writeFixture(syntheticDepartment({ seed: 18, applicants: 40, passRate: 0.8, layout: { grades: "tall" } }).sheets, path.join(dir, "tall-in.xlsx"));
  const several = await writeFixture(severalRegisters(syntheticDepartment({ seed: 19, applicants: 40, passRate: 0.8 }).sheets), path.join(dir, "several-in.xlsx"));
  const big = await writeFixture(syntheticDepartment({ seed: 500, applicants: 500, passRate: 0.85, department: "机电工程学院" }).sheets, path.join(dir, "big-in.xlsx"));
  // The demo's output opened and saved by LibreOffice (as a WPS or LibreOffice user does), then run again.
  const resaved = run(libreofficeResave(demo, path.join(dir, "resaved-in.xlsx")), path.join(dir, "resaved.xlsx"));
  workbooks.push(
    { label: "demo", file: demo },
    { label: "tall", file: run(tall, path.join(dir, "tall.xlsx")) },
    { label: "several", file: run(several, path.join(dir, "several.xlsx")) },
    { label: "500", file: run(big, path.join(dir, "500.xlsx")) },
    { label: "libreoffice", file: resaved },
  );
}, 600000);

test("every generated sheet prints with no two words overlapping, and the 认定统计 chart draws its bars", async () => {
  const jobs = await Promise.all(workbooks.map(async (w) => ({ file: w.file, sheets: await generatedSheets(w.file) })));
  for (const j of jobs) expect(j.sheets.length).toBeGreaterThanOrEqual(9);
  const printed = printSheets(jobs);
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  const counts: Record<string, number> = {};
  const bars: Record<string, number[]> = {};
  const examples: string[] = [];
  for (const w of workbooks) {
    const pdfs = printed.get(w.file);
    const sheets = jobs.find((j) => j.file === w.file)?.sheets ?? [];
    expect([...(pdfs?.keys() ?? [])].sort()).toEqual([...sheets].sort());
    for (const [sheet, pdf] of pdfs ?? []) {
      const pages = pagesOf(pdf);
      expect(pages.length).toBeGreaterThan(0);
      const pairs = pages.flatMap((p) => overlaps(p));
      counts[`${w.label}/${sheet}`] = pairs.length;
      examples.push(...pairs.slice(0, 2).map(([a, b]) => `${w.label}/${sheet}: “${a.text}” × “${b.text}”`));
      renderPage(pdf, 1, path.join(ARTIFACTS, `${w.label}-${sheet}.png`));
      if (sheet === "认定统计") {
        // The page the chart's title is on (LibreOffice may also put a clipped copy of it on the page before).
        const chartPages = pages.flatMap((p, i) => (p.map((x) => x.text).join("").includes(CHART_TITLE) ? [i + 1] : []));
        expect(chartPages.length).toBeGreaterThan(0);
        const last = chartPages[chartPages.length - 1];
        const { rgb } = renderPage(pdf, last, path.join(ARTIFACTS, `${w.label}-${sheet}-chart.png`));
        bars[w.label] = CHART_COLOURS.slice(0, 2).map((c) => countColour(rgb, c));
      }
    }
  }
  // Every figure in one comparison, so a failure shows each sheet's count and each chart's pixels.
  const drawn = Object.fromEntries(Object.entries(bars).map(([label, pixels]) => [label, pixels.map((n) => n > 200)]));
  expect({ counts, examples: examples.slice(0, 20), drawn }).toEqual({
    counts: Object.fromEntries(Object.keys(counts).map((k) => [k, 0])), examples: [],
    drawn: Object.fromEntries(workbooks.map((w) => [w.label, CHART_COLOURS.slice(0, 2).map(() => true)])),
  });
}, 900000);
