// Issue 9: bad packages get one clear line and exit 2, and nothing is written; run is idempotent on
// every sample and generated layout, also after LibreOffice saved the output in between.
import * as fs from "fs";
import * as path from "path";
import { deflateSync, zipSync } from "fflate";
import { syntheticDepartment } from "../../src/app/synthetic";
import { CATALOGUE } from "../../src/domain/catalogue";
import { kezheng } from "../support/cli";
import { tmpDir, writeFixture } from "../support/workbooks";
import { libreofficeResave, openpyxlDump, readParts, zipEdit, type DumpedSheet } from "../support/writers";

const dir = tmpDir();
let good: string;

beforeAll(async () => {
  good = await writeFixture(syntheticDepartment({ seed: 71, applicants: 20 }).sheets, path.join(dir, "good.xlsx"));
});

function expectRefused(file: string, pattern: RegExp) {
  for (const args of [["check", file], ["run", file, "-o", path.join(dir, "out.xlsx")]]) {
    const r = kezheng(args);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(pattern);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stderr).not.toMatch(/\bat .*\(|Error:|node_modules/);
  }
  expect(fs.existsSync(path.join(dir, "out.xlsx"))).toBe(false);
  expect(fs.readdirSync(dir).filter((f) => f.endsWith(".tmp"))).toEqual([]);
}

describe("bad packages: one clear Chinese line, exit 2, nothing written", () => {
  test("a truncated file (a download cut short)", () => {
    const bytes = fs.readFileSync(good);
    const f = path.join(dir, "截断.xlsx");
    fs.writeFileSync(f, bytes.subarray(0, Math.floor(bytes.length * 0.6)));
    expectRefused(f, /截断\.xlsx (已损坏|不是有效的 Excel 工作簿)/);
  });

  test("bytes that are not a zip at all", () => {
    const f = path.join(dir, "乱码.xlsx");
    fs.writeFileSync(f, Buffer.from(Array.from({ length: 5000 }, (_, i) => (i * 7919) % 251)));
    expectRefused(f, /乱码\.xlsx 不是 Excel 工作簿/);
  });

  test("a zip whose sheet claims gigabytes is refused before anything is inflated", () => {
    const f = path.join(dir, "声称巨大.xlsx");
    const bytes = Buffer.from(fs.readFileSync(good));
    // Patch the central directory's size of sheet1: 3 GB.
    const name = Buffer.from("xl/worksheets/sheet1.xml");
    for (let at = bytes.lastIndexOf(Buffer.from([0x50, 0x4b, 1, 2])); at >= 0; at = bytes.lastIndexOf(Buffer.from([0x50, 0x4b, 1, 2]), at - 1)) {
      const n = bytes.readUInt16LE(at + 28);
      if (bytes.subarray(at + 46, at + 46 + n).equals(name)) bytes.writeUInt32LE(3_000_000_000, at + 24);
    }
    fs.writeFileSync(f, bytes);
    expectRefused(f, /声称巨大\.xlsx 的压缩内容异常庞大/);
  });

  test("a real zip bomb: 64 MB of one byte deflated to almost nothing", () => {
    const parts = readParts(good);
    const bomb = new Uint8Array(64 * 1024 * 1024).fill(0x20);
    const f = path.join(dir, "炸弹.xlsx");
    fs.writeFileSync(f, zipSync({ ...parts, "xl/worksheets/sheet1.xml": [bomb, { level: 9 }] }));
    expect(fs.statSync(f).size).toBeLessThan(1024 * 1024);
    expectRefused(f, /炸弹\.xlsx 的压缩内容异常庞大/);
  });

  test("a part whose data inflates past the size its entry claims", () => {
    const f = path.join(dir, "谎报.xlsx");
    const parts = readParts(good);
    const sheet = parts["xl/worksheets/sheet1.xml"];
    const bytes = Buffer.from(zipSync(parts, { level: 6 }));
    // The entry says 100 bytes; its data inflates to the whole sheet.
    const name = Buffer.from("xl/worksheets/sheet1.xml");
    for (let at = bytes.indexOf(Buffer.from([0x50, 0x4b, 1, 2])); at >= 0; at = bytes.indexOf(Buffer.from([0x50, 0x4b, 1, 2]), at + 4)) {
      const n = bytes.readUInt16LE(at + 28);
      if (bytes.subarray(at + 46, at + 46 + n).equals(name)) bytes.writeUInt32LE(100, at + 24);
    }
    expect(sheet.length).toBeGreaterThan(100);
    fs.writeFileSync(f, bytes);
    expectRefused(f, /谎报\.xlsx 的压缩内容异常庞大/);
  });

  test("a cell address beyond Excel's sheet (row 1,048,577) is damage, not a huge sheet", () => {
    const f = zipEdit(good, path.join(dir, "越界.xlsx"), (_p, text, setText) => {
      setText("xl/worksheets/sheet1.xml", text("xl/worksheets/sheet1.xml").replace("</sheetData>", `<row r="1048577"><c r="A1048577"><v>1</v></c></row></sheetData>`));
    });
    expectRefused(f, /越界\.xlsx 的工作表“[^”]+”已损坏（行号 1048577）/);
  });

  test("a sheet whose dimension lies (claims the whole sheet, or one cell) is read by its cells", () => {
    const expected = JSON.parse(kezheng(["check", good, "--json"]).stdout);
    for (const ref of ["A1:XFD1048576", "A1"]) {
      const f = zipEdit(good, path.join(dir, `维度${ref.length}.xlsx`), (parts, text, setText) => {
        for (const name of Object.keys(parts).filter((n) => /worksheets\/sheet\d+\.xml$/.test(n))) setText(name, text(name).replace(/<dimension ref="[^"]*"\/>/, `<dimension ref="${ref}"/>`));
      });
      const r = kezheng(["check", f, "--json"]);
      expect(r.code).toBe(0);
      expect(JSON.parse(r.stdout)).toEqual(expected);
    }
  });

  test("a sheet part written without its deflate stream's end", () => {
    const parts = readParts(good);
    const deflated = deflateSync(parts["xl/worksheets/sheet1.xml"]);
    const f = path.join(dir, "半截.xlsx");
    // Stored as deflated, but only the first half of the stream.
    const z = Buffer.from(zipSync({ ...parts, "xl/worksheets/sheet1.xml": [deflated.subarray(0, deflated.length >> 1), { level: 0 }] }));
    // Mark the entry as deflated (method 8) in both headers, keeping its sizes: the stream ends too soon.
    const name = Buffer.from("xl/worksheets/sheet1.xml");
    for (const sig of [[0x50, 0x4b, 3, 4], [0x50, 0x4b, 1, 2]]) {
      for (let at = z.indexOf(Buffer.from(sig)); at >= 0; at = z.indexOf(Buffer.from(sig), at + 4)) {
        const local = sig[2] === 3;
        const n = z.readUInt16LE(at + (local ? 26 : 28));
        if (z.subarray(at + (local ? 30 : 46), at + (local ? 30 : 46) + n).equals(name)) z.writeUInt16LE(8, at + (local ? 8 : 10));
      }
    }
    fs.writeFileSync(f, z);
    expectRefused(f, /半截\.xlsx (已损坏|的压缩内容异常庞大)/);
  });
});

const SAMPLES = path.join(__dirname, "..", "samples");
const samples = fs.readdirSync(SAMPLES).filter((f) => f.endsWith(".xlsx")).map((f) => [f, path.join(SAMPLES, f)]);
const layouts: [string, Parameters<typeof syntheticDepartment>[0]][] = [
  ["generated: titles, shuffled, footers, blank rows, messy values", { seed: 81, applicants: 30, defects: true, layout: { titleRows: 2, shuffle: true, footer: true, blankRows: true, messyValues: true } }],
  ["generated: wide register", { seed: 82, applicants: 30, defects: true, occupations: CATALOGUE.slice(15, 17), layout: { grades: "wide" } }],
  ["generated: plain", { seed: 83, applicants: 30 }],
  ["generated: tall register (a 教务系统 export)", { seed: 84, applicants: 30, defects: true, layout: { grades: "tall", shuffle: true } }],
];

/** Cells as a spreadsheet holds them: blank text is blank, and numbers keep 15 significant digits
 * (LibreOffice, like Excel, stores an 18-digit ID number typed as a number that way). */
const normal = (cells: DumpedSheet["cells"]): DumpedSheet["cells"] =>
  Object.fromEntries(Object.entries(cells).map(([k, [v, f]]): [string, [unknown, string | null]] => [k, [v === "" ? null : typeof v === "number" ? Number(v.toPrecision(15)) : v, f]]).filter(([, [v, f]]) => v !== null || f !== null));

/** Sheets, cells (values and fills) and widths as openpyxl reads them; LibreOffice rounds widths a little. */
function expectSameContent(a: DumpedSheet[], b: DumpedSheet[]) {
  expect(b.map((s) => [s.name, s.state])).toEqual(a.map((s) => [s.name, s.state]));
  // The journal (_kz) records the styles as it found them, which LibreOffice renumbered: not content.
  for (const s of a.filter((x) => x.name !== "_kz")) {
    const t = b.find((x) => x.name === s.name) as DumpedSheet;
    expect({ sheet: s.name, cells: normal(t.cells) }).toEqual({ sheet: s.name, cells: normal(s.cells) });
    for (const [col, w] of Object.entries(s.widths)) expect(Math.abs((t.widths[col] ?? 0) - w)).toBeLessThanOrEqual(1);
  }
}

const cases: [string, string | Parameters<typeof syntheticDepartment>[0]][] = [...samples.map(([a, b]) => [a, b] as [string, string]), ...layouts];
describe.each(cases)("idempotent: %s", (label, source) => {
  let input: string, once: string;
  beforeAll(async () => {
    const name = label.replace(/[^\w.-]+/g, "_");
    input = typeof source === "string" ? source : await writeFixture(syntheticDepartment(source).sheets, path.join(dir, `${name}.xlsx`));
    once = path.join(dir, `${name}-once.xlsx`);
    expect([0, 1]).toContain(kezheng(["run", input, "-o", once]).code);
  });

  test("run on run's output gives the same file, part for part", () => {
    const twice = path.join(dir, `${path.basename(once, ".xlsx")}-twice.xlsx`);
    expect([0, 1]).toContain(kezheng(["run", once, "-o", twice]).code);
    const a = readParts(once);
    const b = readParts(twice);
    expect(Object.keys(b).sort()).toEqual(Object.keys(a).sort());
    for (const n of Object.keys(a)) expect({ part: n, same: Buffer.from(a[n]).equals(Buffer.from(b[n])) }).toEqual({ part: n, same: true });
  });

  test("after LibreOffice saved the output: run gives the same sheets, cells and widths; clear gives back the input's values", () => {
    const saved = libreofficeResave(once, path.join(dir, `${path.basename(once, ".xlsx")}-lo.xlsx`));
    const again = path.join(dir, `${path.basename(once, ".xlsx")}-lo-run.xlsx`);
    expect([0, 1]).toContain(kezheng(["run", saved, "-o", again]).code);
    expectSameContent(openpyxlDump(once), openpyxlDump(again));
    const cleared = path.join(dir, `${path.basename(once, ".xlsx")}-lo-cleared.xlsx`);
    expect(kezheng(["clear", saved, "-o", cleared]).code).toBe(0);
    const before = openpyxlDump(input);
    const after = openpyxlDump(cleared);
    expect(after.map((s) => s.name)).toEqual(before.map((s) => s.name));
    for (const s of before) {
      const t = after.find((x) => x.name === s.name) as DumpedSheet;
      const values = (d: DumpedSheet) => Object.fromEntries(Object.entries(normal(d.cells)).filter(([, [v]]) => v !== null).map(([k, [v]]) => [k, v]));
      expect({ sheet: s.name, values: values(t) }).toEqual({ sheet: s.name, values: values(s) });
    }
  }, 120000);
});
