// kezheng photos at scale (issue #19): one photo per applicant of a roster, ~40 KB each, named by ID
// number. One Pillow photo, copied under each name with a comment segment that makes its bytes (and
// hash) different. `node bench/photos.js [N]` prints time and peak memory; npm run bench calls it for 5,000.
"use strict";
const { spawnSync } = require("child_process");
const fs = require("fs");
const os = require("os");
const path = require("path");

const ROOT = path.join(__dirname, "..");

/** The roster's ID numbers, as kezheng reads them (lib/ is built by npm run bench). */
async function rosterIds(roster) {
  const { checkGrids } = require("../lib/app/check");
  const { readGridsFromFile } = require("../lib/cli/files");
  return checkGrids(await readGridsFromFile(roster)).applicants.map((a) => a.identity.idNumber).filter((id) => id.length === 18);
}

/** DIR/photos-N: one ~40 KB JPEG per ID number (made once, kept). */
async function makePhotoFolder(roster, dir, n) {
  const folder = path.join(dir, `photos-${n}`);
  if (fs.existsSync(path.join(folder, ".done"))) return folder;
  fs.rmSync(folder, { recursive: true, force: true });
  fs.mkdirSync(folder, { recursive: true });
  const plan = path.join(dir, "photo-plan.json");
  fs.writeFileSync(plan, JSON.stringify([{ path: "seed.jpg", noise: 24, quality: 92 }]));
  const seedDir = path.join(dir, "photo-seed");
  const r = spawnSync("/usr/bin/python3", [path.join(ROOT, "scripts", "make_photos.py"), plan, seedDir], { encoding: "utf8" });
  if (r.status !== 0) throw new Error(`make_photos.py: ${r.stderr}`);
  const seed = fs.readFileSync(path.join(seedDir, "seed.jpg"));
  for (const [k, id] of (await rosterIds(roster)).entries()) {
    // SOI, then a COM segment carrying the number, then the rest: a valid JPEG with its own bytes.
    const text = Buffer.from(`kezheng bench ${k}`);
    const com = Buffer.concat([Buffer.from([0xff, 0xfe, 0, text.length + 2]), text]);
    fs.writeFileSync(path.join(folder, `${id}.jpg`), Buffer.concat([seed.subarray(0, 2), com, seed.subarray(2)]));
  }
  fs.writeFileSync(path.join(folder, ".done"), "");
  return folder;
}

/** Seconds and peak MiB of `kezheng photos FOLDER --roster ROSTER [-o OUT]`. */
function timePhotos(folder, roster, out) {
  const peakFile = path.join(os.tmpdir(), `kz-peak-photos-${process.pid}-${Date.now()}`);
  fs.rmSync(out ?? "", { recursive: true, force: true });
  const started = process.hrtime.bigint();
  const r = spawnSync(process.execPath, ["-r", path.join(__dirname, "peak.js"), path.join(ROOT, "bin", "kezheng.js"), "photos", folder, "--roster", roster, ...(out ? ["-o", out] : [])], {
    cwd: ROOT, env: { ...process.env, KZ_PEAK_FILE: peakFile }, stdio: ["ignore", "pipe", "pipe"], encoding: "utf8", maxBuffer: 1 << 28,
  });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (r.status !== 0 && r.status !== 1) return { seconds, failed: r.stderr.trim().split("\n").pop() };
  const mib = Number(fs.readFileSync(peakFile, "utf8")) / 1024;
  fs.rmSync(peakFile, { force: true });
  const files = out ? fs.readdirSync(out).filter((f) => f.endsWith(".jpg")).length : 0;
  return { seconds, mib, files, summary: r.stdout.split("\n")[0] };
}

async function benchPhotos(roster, dir, n) {
  const folder = await makePhotoFolder(roster, dir, n);
  const count = fs.readdirSync(folder).filter((f) => f.endsWith(".jpg")).length;
  const kb = fs.statSync(path.join(folder, fs.readdirSync(folder).find((f) => f.endsWith(".jpg")))).size / 1024;
  const check = timePhotos(folder, roster, null);
  const write = timePhotos(folder, roster, path.join(os.tmpdir(), `kz-bench-photos-out-${n}`));
  const show = (m) => (m.failed ? `FAILED after ${m.seconds.toFixed(0)} s: ${m.failed}` : `${m.seconds.toFixed(2)} s, ${m.mib.toFixed(0)} MiB`);
  console.log(`  kezheng photos (${count} photos of ${kb.toFixed(0)} KB)          ${show(check)}`);
  console.log(`  kezheng photos -o OUT (writes ${write.files ?? "-"} JPEGs)   ${show(write)}`);
}

module.exports = { benchPhotos, makePhotoFolder };

if (require.main === module) {
  const n = Number(process.argv[2] || 5000);
  const { makeRoster } = require("./make-data");
  const data = path.join(ROOT, "bench-data");
  makeRoster(n, data)
    .then((roster) => {
      console.log(`${n} applicants`);
      return benchPhotos(roster, data, n);
    })
    .catch((e) => {
      console.error(e.message);
      process.exit(1);
    });
}
