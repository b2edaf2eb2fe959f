// The photos' benchmark (#19): a folder of one 40 KB JPEG per applicant, named by ID number, made
// once with Pillow (one noisy picture, each copy made distinct by a JPEG comment), then
// `kezheng run --photos` and a second run that keeps them, timed with their peak memory.
"use strict";
const { spawnSync } = require("child_process");
const fs = require("fs");
const os = require("os");
const path = require("path");

const ROOT = path.join(__dirname, "..");

const MAKE = `
import io, json, os, random, sys
from PIL import Image, ImageDraw
ids, out, kb = json.load(open(sys.argv[1])), sys.argv[2], int(sys.argv[3])
random.seed(19)
img = Image.new("RGB", (295, 413), (250, 250, 250))
d = ImageDraw.Draw(img)
d.ellipse([-30, 290, 325, 620], fill=(40, 45, 60))
d.ellipse([95, 90, 200, 230], fill=(225, 190, 160))
px = img.load()
noise = 4
while True:
    for y in range(413):
        for x in range(295):
            r, g, b = px[x, y]
            n = random.randint(-noise, noise)
            px[x, y] = (max(0, min(255, r + n)), max(0, min(255, g + n)), max(0, min(255, b + n)))
    buf = io.BytesIO()
    img.save(buf, "JPEG", quality=90)
    if len(buf.getvalue()) >= kb * 1024 - 600:
        break
    noise += 2
base = buf.getvalue()
os.makedirs(out, exist_ok=True)
for i, id in enumerate(ids):
    note = ("kezheng bench %d" % i).encode()
    com = b"\\xff\\xfe" + (len(note) + 2).to_bytes(2, "big") + note
    with open(os.path.join(out, id + ".jpg"), "wb") as f:
        f.write(base[:2] + com + base[2:])
print(len(base))
`;

/** bench-data/photos-N/: a photo for every applicant of the roster with a 备案表 page. */
function makePhotoFolder(roster, dir, kb = 40) {
  const folder = path.join(dir, `photos-${path.basename(roster, ".xlsx")}`);
  if (fs.existsSync(path.join(folder, ".done"))) return folder;
  const check = spawnSync(process.execPath, [path.join(ROOT, "bin", "kezheng.js"), "check", roster, "--json"], { encoding: "utf8", maxBuffer: 1 << 30 });
  const report = JSON.parse(check.stdout);
  const ids = [...new Set(report.applicants.filter((a) => ["eligible", "downgrade", "review"].includes(a.status) && a.idNumber).map((a) => a.idNumber))];
  const list = path.join(os.tmpdir(), `kz-bench-ids-${process.pid}.json`);
  fs.writeFileSync(list, JSON.stringify(ids));
  const r = spawnSync("/usr/bin/python3", ["-c", MAKE, list, folder, String(kb)], { encoding: "utf8" });
  fs.rmSync(list, { force: true });
  if (r.status !== 0) throw new Error(`making the photos failed (python3-pil): ${r.stderr.trim().split("\n").pop()}`);
  fs.writeFileSync(path.join(folder, ".done"), "");
  return folder;
}

/** Times `run --photos` and a second run keeping the photos; `measure` and `fmt` are run.js's. */
function benchPhotos(roster, dataDir, measure, fmt) {
  const folder = makePhotoFolder(roster, dataDir);
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

module.exports = { benchPhotos, makePhotoFolder };
