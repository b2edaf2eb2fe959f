// The golden harness of the file layer: runs every command that writes a workbook (run, clear, merge,
// template, demo, fill, import) on a fixed set of inputs written by other programs (ExcelJS at bench
// size, openpyxl, LibreOffice, the samples, the tall and several-register layouts) and compares a
// SHA-256 of every zip part of every output, inflated (zip timestamps and compression aside), with
// test/golden/hashes.json. A refactor of src/hosts/xlsx that keeps these equal part for part keeps
// the product's behaviour.
//
//   npm run build:cli && node scripts/golden.js           compare with test/golden/hashes.json (exit 1 if a part differs)
//   npm run build:cli && node scripts/golden.js --record  re-record (only on code whose output is known good)
//   add --fresh to make the inputs again (they are cached in golden-data/, not committed)
//
// An output part byte-identical to the same part of the command's input is recorded as "=input": the
// inputs carry their writer's timestamps (docProps/core.xml), which a fresh input changes, and copying
// such a part unchanged is itself part of the behaviour held here.
"use strict";
const { spawnSync, execFileSync } = require("child_process");
const crypto = require("crypto");
const fs = require("fs");
const path = require("path");
const { unzipSync } = require("fflate");
const ExcelJS = require("exceljs");

const ROOT = path.join(__dirname, "..");
const DATA = path.join(ROOT, "golden-data");
const IN = path.join(DATA, "in");
const OUT = path.join(DATA, "out");
const HASHES = path.join(ROOT, "test", "golden", "hashes.json");
const PYTHON = fs.existsSync("/usr/bin/python3") ? "/usr/bin/python3" : "python3";
const record = process.argv.includes("--record");
const fresh = process.argv.includes("--fresh");

if (!fs.existsSync(path.join(ROOT, "lib", "cli", "main.js"))) throw new Error("lib/ is not built: run npm run build:cli first");
const { syntheticDepartment } = require("../lib/app/synthetic");
const { makeRoster } = require("../bench/make-data");

async function writeExcelJs(file, sheets) {
  const wb = new ExcelJS.Workbook();
  for (const s of sheets) {
    const ws = wb.addWorksheet(s.name);
    for (const c of s.textColumns ?? []) if (c >= 0) ws.getColumn(c + 1).numFmt = "@";
    for (const row of s.rows) ws.addRow(row.map((v) => (v === null ? undefined : v)));
    for (const m of s.merges) ws.mergeCells(m);
  }
  await wb.xlsx.writeFile(file);
  return file;
}

function severalRegisters(sheets) {
  return sheets.flatMap((s) => {
    if (s.name !== "成绩登记册") return [s];
    const half = Math.ceil(s.rows.length / 2);
    return [{ ...s, rows: s.rows.slice(0, half) }, { ...s, name: "成绩登记册（补）", rows: [s.rows[0], ...s.rows.slice(half)] }];
  });
}

function kezheng(args, okCodes = [0, 1]) {
  const r = spawnSync(process.execPath, [path.join(ROOT, "bin", "kezheng.js"), ...args], { cwd: DATA, encoding: "utf8", maxBuffer: 1 << 28 });
  if (!okCodes.includes(r.status)) throw new Error(`kezheng ${args.join(" ")}: exit ${r.status}\n${r.stderr}`);
  return r;
}

/** The inputs, made once (or again with --fresh). */
async function inputs() {
  const done = path.join(IN, "done");
  if (!fresh && fs.existsSync(done)) return;
  fs.rmSync(DATA, { recursive: true, force: true });
  fs.mkdirSync(IN, { recursive: true });
  const at = (n) => path.join(IN, n);
  for (const s of fs.readdirSync(path.join(ROOT, "test", "samples"))) fs.copyFileSync(path.join(ROOT, "test", "samples", s), at(s));
  // The bench generator's file (ExcelJS's streaming writer, shared strings).
  fs.renameSync(await makeRoster(2000, IN), at("bench-2000.xlsx"));
  await writeExcelJs(at("tall.xlsx"), syntheticDepartment({ seed: 18, applicants: 40, passRate: 0.8, layout: { grades: "tall" } }).sheets);
  await writeExcelJs(at("several.xlsx"), severalRegisters(syntheticDepartment({ seed: 19, applicants: 40, passRate: 0.8 }).sheets));
  // openpyxl: the department with a chart, a picture, a comment, a validation, conditional formats.
  const spec = at("spec.json");
  const dept = syntheticDepartment({ seed: 31, applicants: 60, passRate: 0.8, department: "机电工程学院" });
  const clean = (v) => (v instanceof Date ? v.toISOString().slice(0, 10) : v);
  fs.writeFileSync(spec, JSON.stringify({ sheets: dept.sheets.map((s) => ({ name: s.name, merges: s.merges, rows: s.rows.map((r) => r.map(clean)) })) }));
  execFileSync(PYTHON, [path.join(ROOT, "test", "support", "pyxl.py"), "make", spec, at("openpyxl.xlsx")], { stdio: "pipe" });
  // The demo, and the demo's run output opened and saved by LibreOffice.
  kezheng(["demo", "-o", at("demo.xlsx")]);
  const { recalculate } = require("./libreoffice");
  kezheng(["run", at("demo.xlsx"), "-o", at("demo-run.xlsx")]);
  fs.copyFileSync(recalculate(at("demo-run.xlsx")).file, at("libreoffice.xlsx"));
  fs.rmSync(at("demo-run.xlsx"));
  // fill: a template as an evaluation system hands it out (openpyxl); import: a tall export.
  execFileSync(PYTHON, [path.join(ROOT, "test", "support", "filltemplate.py"), "make", at("fill-template.xlsx")], { stdio: "pipe" });
  const imp = syntheticDepartment({ seed: 71, applicants: 40, defects: true, layout: { grades: "tall", shuffle: true } });
  await writeExcelJs(at("import-export.xlsx"), imp.sheets.filter((s) => s.name === "成绩导出"));
  await writeExcelJs(at("import-into.xlsx"), imp.sheets.filter((s) => s.name !== "成绩导出"));
  // A package without styles.xml (some generators write none): the product adds its minimal one.
  const { unzipSync: unzip, zipSync } = require("fflate");
  const bare = unzip(new Uint8Array(fs.readFileSync(at("tall.xlsx"))));
  delete bare["xl/styles.xml"];
  const text = (n) => Buffer.from(bare[n]).toString("utf8");
  bare["xl/_rels/workbook.xml.rels"] = Buffer.from(text("xl/_rels/workbook.xml.rels").replace(/<Relationship [^>]*styles\.xml"\/>/, ""));
  bare["[Content_Types].xml"] = Buffer.from(text("[Content_Types].xml").replace(/<Override [^>]*styles\.xml"[^>]*\/>/, ""));
  for (const n of Object.keys(bare)) if (/^xl\/worksheets\/.*\.xml$/.test(n)) bare[n] = Buffer.from(text(n).replace(/ s="\d+"/g, ""));
  fs.writeFileSync(at("nostyles.xlsx"), zipSync(bare));
  fs.writeFileSync(done, "");
}

/** The jobs: [label, input the output is compared with (or null), arguments]; in order (clear reads run's output). */
function jobs() {
  const i = (n) => path.join(IN, n);
  const o = (n) => path.join(OUT, n);
  const runs = ["demo.xlsx", "bench-2000.xlsx", "tall.xlsx", "several.xlsx", "openpyxl.xlsx", "libreoffice.xlsx", "nostyles.xlsx", ...fs.readdirSync(path.join(ROOT, "test", "samples"))];
  const list = [
    ["demo", null, ["demo", "-o", o("demo.xlsx")]],
    ["template", null, ["template", "-o", o("template.xlsx")]],
  ];
  for (const r of runs) {
    const base = r.replace(/\.xlsx$/, "");
    list.push([`run ${r}`, i(r), ["run", i(r), "-o", o(`${base}-run.xlsx`)]]);
    list.push([`clear ${r}`, o(`${base}-run.xlsx`), ["clear", o(`${base}-run.xlsx`), "-o", o(`${base}-cleared.xlsx`)]]);
  }
  list.push(["run again demo", o("demo-run.xlsx"), ["run", o("demo-run.xlsx"), "-o", o("demo-run2.xlsx")]]);
  list.push(["merge", null, ["merge", i("tall.xlsx"), i("several.xlsx"), i("openpyxl.xlsx"), "-o", o("merge.xlsx"), "--cert-prefix", "S000041000001"]]);
  list.push(["fill", i("fill-template.xlsx"), ["fill", i("fill-template.xlsx"), "--from", i("demo.xlsx"), "-o", o("filled.xlsx")]]);
  list.push(["import", i("import-into.xlsx"), ["import", i("import-export.xlsx"), "--into", i("import-into.xlsx"), "-o", o("imported.xlsx")]]);
  return list;
}

const sha = (bytes) => crypto.createHash("sha256").update(bytes).digest("hex");
const parts = (file) => unzipSync(new Uint8Array(fs.readFileSync(file)));
const outputOf = (args) => args[args.indexOf("-o") + 1];

async function main() {
  await inputs();
  fs.rmSync(OUT, { recursive: true, force: true });
  fs.mkdirSync(OUT, { recursive: true });
  const now = {};
  for (const [label, input, args] of jobs()) {
    const started = Date.now();
    const r = kezheng(args);
    const out = parts(outputOf(args));
    const before = input ? parts(input) : {};
    const hashes = { exit: r.status };
    for (const name of Object.keys(out).sort()) {
      hashes[name] = before[name] && Buffer.from(before[name]).equals(Buffer.from(out[name])) ? "=input" : sha(out[name]);
    }
    now[label] = hashes;
    console.log(`${label.padEnd(48)} ${Object.keys(out).length} parts, ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }
  if (record) {
    fs.mkdirSync(path.dirname(HASHES), { recursive: true });
    fs.writeFileSync(HASHES, JSON.stringify(now, null, 1) + "\n");
    console.log(`recorded ${Object.keys(now).length} outputs in ${path.relative(ROOT, HASHES)}`);
    return;
  }
  const golden = JSON.parse(fs.readFileSync(HASHES, "utf8"));
  let differ = 0;
  let same = 0;
  for (const label of new Set([...Object.keys(golden), ...Object.keys(now)])) {
    const a = golden[label] ?? {};
    const b = now[label] ?? {};
    for (const name of new Set([...Object.keys(a), ...Object.keys(b)])) {
      if (a[name] === b[name]) same++;
      else {
        differ++;
        console.log(`DIFFERS ${label}: ${name} (${a[name] ?? "absent"} -> ${b[name] ?? "absent"})`);
      }
    }
  }
  console.log(`${same} parts the same, ${differ} differ, over ${Object.keys(now).length} outputs`);
  if (differ) process.exit(1);
}

main().catch((e) => {
  console.error(e.stack || e.message);
  process.exit(2);
});
