// npm run bench: wall time and peak memory of the product on large workbooks, beside the floor
// (ExcelJS alone). Prints figures; asserts nothing (machines here are shared and noisy).
"use strict";
const { spawnSync } = require("child_process");
const fs = require("fs");
const os = require("os");
const path = require("path");
const { makeRoster, makeDepartments } = require("./make-data");
const { recalculate } = require("../scripts/libreoffice");
const { timeWebRun } = require("./web");
const { hostileFiles } = require("./hostile");
const { timeIssueList } = require("./issuelist");
const { benchPhotos } = require("./photos");
const zlib = require("zlib");

const ROOT = path.join(__dirname, "..");
const DATA = path.join(ROOT, "bench-data");
const sizes = (process.env.KZ_BENCH_SIZES || "5000,50000").split(",").map(Number);

/** Runs node with the peak-memory hook; returns seconds and MiB. */
function measure(args, label, okCodes = [0, 1]) {
  const peakFile = path.join(os.tmpdir(), `kz-peak-${process.pid}-${Date.now()}`);
  const started = process.hrtime.bigint();
  const r = spawnSync(process.execPath, ["--max-old-space-size=8192", "-r", path.join(__dirname, "peak.js"), ...args], {
    cwd: ROOT, env: { ...process.env, KZ_PEAK_FILE: peakFile }, stdio: ["ignore", "ignore", "pipe"], encoding: "utf8",
  });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (!okCodes.includes(r.status)) {
    const why = /heap out of memory/.test(r.stderr) ? "out of memory (8 GiB heap)" : (r.stderr.trim().split("\n").pop() ?? `exit ${r.status}`);
    return { seconds, mib: NaN, failed: why };
  }
  const mib = Number(fs.readFileSync(peakFile, "utf8")) / 1024;
  fs.rmSync(peakFile, { force: true });
  return { seconds, mib, code: r.status, stderr: r.stderr.trim() };
}

const fmt = (m) => (m.failed ? `FAILED after ${m.seconds.toFixed(0)} s: ${m.failed}` : `${m.seconds.toFixed(2)} s, ${m.mib.toFixed(0)} MiB`);

/** The task pane's first load: every script taskpane.html loads, gzipped (production build). */
function firstLoad() {
  const dist = fs.mkdtempSync(path.join(os.tmpdir(), "kz-bench-dist-"));
  spawnSync(process.execPath, [require.resolve("webpack-cli/bin/cli.js"), "--mode", "production", "--output-path", dist], { cwd: ROOT, env: { ...process.env, ADDIN_URL: "https://kz.example.edu.cn/" }, stdio: "ignore" });
  const html = fs.readFileSync(path.join(dist, "taskpane.html"), "utf8");
  // The production page is minified: attribute quotes may be gone.
  const scripts = [...html.matchAll(/<script[^>]+src="?([^"\s>]+\.js)/g)].map((m) => m[1]).filter((s) => !/^https?:/.test(s));
  const bytes = scripts.reduce((n, s) => n + zlib.gzipSync(fs.readFileSync(path.join(dist, s))).length, 0);
  return { scripts, kib: bytes / 1024, dist };
}

async function main() {
  console.log(`kezheng bench on ${os.cpus().length} cores, node ${process.version}`);
  const load = firstLoad();
  console.log(`Task pane first load: ${load.scripts.join(", ")} = ${load.kib.toFixed(0)} KiB gzipped (goal < 350 KiB)`);
  for (const n of sizes) {
    const file = await makeRoster(n, DATA);
    const mb = (fs.statSync(file).size / 1048576).toFixed(1);
    const read = measure([path.join(__dirname, "read-only.js"), file], "read");
    const check = measure([path.join(ROOT, "bin", "kezheng.js"), "check", file, "--json"], "check");
    console.log(`\n${n} applicants × 10 courses (${mb} MB, ${n * 10} grade rows)`);
    console.log(`  ExcelJS read alone     ${fmt(read)}`);
    console.log(`  kezheng check --json   ${fmt(check)}   ratio ${(check.seconds / read.seconds).toFixed(2)} × the read (goal ≤ 1.3), memory goal < 2048 MiB`);
    const list = await timeIssueList(file);
    console.log(`  issue list (Chromium): ${list.issues} issues in ${list.groups} groups shown in ${list.mount?.toFixed(0)} ms; opening the largest group (${list.largest} cells) ${list.open?.toFixed(0)} ms (goal < 200 ms); longest task ${list.longest} ms`);
    const copy = path.join(os.tmpdir(), `kz-bench-copy-${n}.xlsx`);
    const out = path.join(os.tmpdir(), `kz-bench-run-${n}.xlsx`);
    const readWrite = measure([path.join(__dirname, "read-write.js"), file, copy], "read+write");
    const run = measure([path.join(ROOT, "bin", "kezheng.js"), "run", file, "-o", out], "run");
    console.log(`  ExcelJS read + write   ${fmt(readWrite)}`);
    const runGoal = n <= 5000 ? "goal ≤ 1.0 × and ≤ 1024 MiB" : "goal: completes within 2048 MiB";
    console.log(`  kezheng run            ${fmt(run)}   ratio ${(run.seconds / readWrite.seconds).toFixed(2)} × read + write (${runGoal})   output ${run.failed ? "-" : (fs.statSync(out).size / 1048576).toFixed(1)} MB`);
    if (!run.failed) {
      const zip = spawnSync("/usr/bin/python3", ["-c", "import sys, zipfile; print(zipfile.ZipFile(sys.argv[1]).testzip() or 'every entry verifies')", out], { encoding: "utf8" });
      console.log(`  Python zipfile.testzip() of the run output: ${zip.stdout.trim() || zip.stderr.trim().split("\n").pop()}`);
    }
    // In its own process: the stand-in holds the whole workbook as objects.
    const sub = spawnSync(process.execPath, ["--max-old-space-size=16384", path.join(__dirname, "standin.js"), file], { cwd: ROOT, encoding: "utf8", maxBuffer: 1 << 20 });
    if (sub.status === 0) {
      const office = JSON.parse(sub.stdout);
      console.log(`  Office.js host on the strict stand-in (whole run): ${office.syncs} round trips, largest request ${(office.largest / 1048576).toFixed(2)} MB (limit 5 MB), ${office.seconds.toFixed(1)} s`);
    } else {
      console.log(`  Office.js host on the strict stand-in: FAILED (${/heap out of memory/.test(sub.stderr) ? "out of memory" : sub.stderr.trim().split("\n").pop()})`);
    }
    if (n <= 5000) {
      await benchPhotos(file, DATA, n);
      const web = await timeWebRun(load.dist, file);
      console.log(`  网页版 生成表格 (Chromium, worker) ${web.seconds.toFixed(2)} s, ratio ${(web.seconds / run.seconds).toFixed(2)} × kezheng run (goal ≤ 2)   output ${(web.bytes / 1048576).toFixed(1)} MB`);
      const timing = spawnSync("/usr/bin/python3", [path.join(ROOT, "scripts", "lo-recalc-time.py"), out], { encoding: "utf8" });
      if (timing.status === 0) {
        const t = JSON.parse(timing.stdout);
        console.log(`  LibreOffice full recalculation (calculateAll) of the run output: ${t.recalc.toFixed(2)} s (limit 10 s); opening it: ${t.load.toFixed(1)} s`);
      } else {
        console.log("  LibreOffice recalculation time: needs Debian's python3-uno (apt-get install python3-uno)");
      }
      const lo = recalculate(out);
      const plain = recalculate(file);
      console.log(`  LibreOffice open + recalculate + save, run output: ${lo.seconds.toFixed(1)} s; the input alone: ${plain.seconds.toFixed(1)} s`);
    }
  }
  console.log("\nHostile files (kezheng check: exit code, peak memory; goal: one line, bounded memory)");
  for (const [label, file] of hostileFiles(path.join(DATA, "hostile"))) {
    const m = measure([path.join(ROOT, "bin", "kezheng.js"), "check", file], "hostile", [2]);
    console.log(`  ${label.padEnd(44)} ${fmt(m)}${m.failed ? "" : `, exit ${m.code}, ${m.stderr.split("\n").length} line: ${m.stderr.slice(0, 60)}…`}`);
  }
  const folder = await makeDepartments(DATA);
  const readAll = measure([path.join(__dirname, "read-many.js"), folder], "read");
  const merged = measure([path.join(ROOT, "bin", "kezheng.js"), "merge", folder, "-o", path.join(os.tmpdir(), "kz-bench-merge.xlsx"), "--cert-prefix", "S000041000001"], "merge");
  console.log(`\n30 departments × 300 applicants (merge)`);
  console.log(`  reading the 30 files alone  ${fmt(readAll)}`);
  console.log(`  kezheng merge               ${fmt(merged)}   ratio ${(merged.seconds / readAll.seconds).toFixed(2)} × the reads`);
}

main().catch((e) => {
  console.error(e.message);
  process.exit(1);
});
