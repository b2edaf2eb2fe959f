// Photos made by Pillow (scripts/make_photos.py), and Pillow's own reading of a photo, for the tests.
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { ROOT } from "./cli";

export const PYTHON = fs.existsSync("/usr/bin/python3") ? "/usr/bin/python3" : "python3";

export interface PhotoSpec {
  path: string;
  width?: number;
  height?: number;
  background?: [number, number, number];
  noise?: number;
  quality?: number;
  format?: string;
  orientation?: number;
  truncate?: number;
  target_kb?: number;
  copy_of?: string;
  bytes?: string;
  mtime?: number;
  mark?: boolean;
}

export function makePhotos(dir: string, plan: readonly PhotoSpec[]): void {
  const planFile = path.join(dir, "..", `plan-${path.basename(dir)}.json`);
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(planFile, JSON.stringify(plan));
  const r = spawnSync(PYTHON, [path.join(ROOT, "scripts", "make_photos.py"), planFile, dir], { encoding: "utf8" });
  if (r.status !== 0) throw new Error(`make_photos.py failed: ${r.stderr}`);
}

/** Pillow's view of a JPEG: ImageOps.exif_transpose, then RGB pixels. */
export function pillowUpright(file: string): { width: number; height: number; rgb: Uint8Array; format: string } {
  const script = "import sys,json\nfrom PIL import Image, ImageOps\nim=Image.open(sys.argv[1])\nfmt=im.format\nim=ImageOps.exif_transpose(im).convert('RGB')\nsys.stdout.buffer.write(json.dumps([im.size[0],im.size[1],fmt]).encode()+b'\\n'+im.tobytes())";
  const r = spawnSync(PYTHON, ["-c", script, file], { maxBuffer: 1 << 28 });
  if (r.status !== 0) throw new Error(`Pillow could not read ${file}: ${r.stderr.toString()}`);
  const nl = r.stdout.indexOf(10);
  const [width, height, format] = JSON.parse(r.stdout.subarray(0, nl).toString()) as [number, number, string];
  return { width, height, format, rgb: new Uint8Array(r.stdout.subarray(nl + 1)) };
}
