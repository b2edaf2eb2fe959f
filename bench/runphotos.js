// kezheng run --photos at scale (#19): the photos' folder of bench/photos.js (one ~40 KB JPEG per
// applicant, named by ID number), placed on the 备案表, then a second run that keeps them: time,
// peak memory, output size. The goal: under 1 GiB for 5,000 applicants.
"use strict";
const { spawnSync } = require("child_process");
const fs = require("fs");
const os = require("os");
const path = require("path");
const { makePhotoFolder } = require("./photos");

const ROOT = path.join(__dirname, "..");

/** Times `run --photos` and a second run keeping the photos; `measure` and `fmt` are run.js's. */
async function benchRunPhotos(roster, dataDir, n, measure, fmt) {
  const folder = await makePhotoFolder(roster, dataDir, n);
  const files = fs.readdirSync(folder).filter((n) => n.endsWith(".jpg"));
  const total = files.reduce((s, n) => s + fs.statSync(path.join(folder, n)).size, 0);
  const out = path.join(os.tmpdir(), "kz-bench-photos.xlsx");
  const again = path.join(os.tmpdir(), "kz-bench-photos-kept.xlsx");
  console.log(`\n  Photos: ${files.length} JPEGs of ${(total / files.length / 1024).toFixed(0)} KB (${(total / 1048576).toFixed(0)} MB in all)`);
  const placed = measure([path.join(ROOT, "bin", "kezheng.js"), "run", roster, "--photos", folder, "-o", out], "run --photos");
  console.log(`  kezheng run --photos   ${fmt(placed)}   (goal < 1024 MiB)   output ${placed.failed ? "-" : (fs.statSync(out).size / 1048576).toFixed(1)} MB`);
  if (placed.failed) return;
  const kept = measure([path.join(ROOT, "bin", "kezheng.js"), "run", out, "-o", again], "run (photos kept)");
  console.log(`  kezheng run on that output, photos kept   ${fmt(kept)}   output ${kept.failed ? "-" : (fs.statSync(again).size / 1048576).toFixed(1)} MB`);
  const zip = spawnSync("/usr/bin/python3", ["-c", "import sys, zipfile\nz = zipfile.ZipFile(sys.argv[1])\nprint(z.testzip() or 'every entry verifies', sum(1 for n in z.namelist() if n.startswith('xl/media/')), 'media parts')", out], { encoding: "utf8" });
  console.log(`  Python zipfile.testzip() of the run --photos output: ${zip.stdout.trim() || zip.stderr.trim().split("\n").pop()}`);
}

module.exports = { benchRunPhotos };
