// npm run bench: wall time and peak memory of the product on large workbooks, beside the floor
// (ExcelJS alone). Prints figures; asserts nothing (machines here are shared and noisy).
"use strict";
const { spawnSync } = require("child_process");
const fs = require("fs");
const os = require("os");
const path = require("path");
const { makeRoster } = require("./make-data");

const ROOT = path.join(__dirname, "..");
const DATA = path.join(ROOT, "bench-data");
const sizes = (process.env.KZ_BENCH_SIZES || "5000,50000").split(",").map(Number);

/** Runs node with the peak-memory hook; returns seconds and MiB. */
function measure(args, label) {
  const peakFile = path.join(os.tmpdir(), `kz-peak-${process.pid}-${Date.now()}`);
  const started = process.hrtime.bigint();
  const r = spawnSync(process.execPath, ["--max-old-space-size=8192", "-r", path.join(__dirname, "peak.js"), ...args], {
    cwd: ROOT, env: { ...process.env, KZ_PEAK_FILE: peakFile }, stdio: ["ignore", "ignore", "pipe"], encoding: "utf8",
  });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (r.status !== 0 && r.status !== 1) throw new Error(`${label} failed (${r.status}): ${r.stderr}`);
  const mib = Number(fs.readFileSync(peakFile, "utf8")) / 1024;
  fs.rmSync(peakFile, { force: true });
  return { seconds, mib };
}

const fmt = (m) => `${m.seconds.toFixed(2)} s, ${m.mib.toFixed(0)} MiB`;

async function main() {
  console.log(`kezheng bench on ${os.cpus().length} cores, node ${process.version}`);
  for (const n of sizes) {
    const file = await makeRoster(n, DATA);
    const mb = (fs.statSync(file).size / 1048576).toFixed(1);
    const read = measure([path.join(__dirname, "read-only.js"), file], "read");
    const check = measure([path.join(ROOT, "bin", "kezheng.js"), "check", file, "--json"], "check");
    console.log(`\n${n} applicants × 10 courses (${mb} MB, ${n * 10} grade rows)`);
    console.log(`  ExcelJS read alone     ${fmt(read)}`);
    console.log(`  kezheng check --json   ${fmt(check)}   ratio ${(check.seconds / read.seconds).toFixed(2)} × the read (goal ≤ 1.3), memory goal < 2048 MiB`);
    for (const extra of (global.KZ_BENCH_EXTRA || [])) await extra(n, file, measure, fmt);
  }
}

main().catch((e) => {
  console.error(e.message);
  process.exit(1);
});
