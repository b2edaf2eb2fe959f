// An independent check of every zip the product writes: Python's zipfile recomputes each entry's
// CRC-32 over the bytes it inflates (the JS zip readers skip that by default, which is how a part
// with CRC 0 once went unnoticed while every test that compared inflated parts passed).
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";

const PYTHON = fs.existsSync("/usr/bin/python3") ? "/usr/bin/python3" : "python3";
const SCRIPT = `
import json, sys, zipfile
bad = {}
for f in sys.argv[1:]:
    try:
        with zipfile.ZipFile(f) as z:
            first = z.testzip()
            if first is not None: bad[f] = "bad CRC or data: " + first
    except Exception as e:
        bad[f] = repr(e)
print(json.dumps(bad))
`;

/** Files whose zip does not verify, with the reason (an empty object when all are sound). */
export function zipFaults(files: readonly string[]): Record<string, string> {
  if (files.length === 0) return {};
  const r = spawnSync(PYTHON, ["-c", SCRIPT, ...files], { encoding: "utf8", maxBuffer: 1 << 26 });
  if (r.status !== 0) throw new Error(`python zipfile check failed: ${r.stderr}`);
  return JSON.parse(r.stdout) as Record<string, string>;
}

const WORKBOOK = /\.(xlsx|xlsm)$/i;

/** Workbook files in these folders with their modification times: what a command is about to change. */
export function workbookTimes(dirs: Iterable<string>): Map<string, number> {
  const times = new Map<string, number>();
  for (const dir of dirs) {
    let names: string[] = [];
    if (fs.existsSync(dir) && fs.statSync(dir).isDirectory()) names = fs.readdirSync(dir);
    for (const n of names) if (WORKBOOK.test(n) && !n.startsWith(".")) {
      const f = path.join(dir, n);
      const s = fs.statSync(f);
      if (s.isFile()) times.set(f, s.mtimeMs);
    }
  }
  return times;
}

/** The workbook files that appeared or changed between two looks. */
export function changedSince(before: Map<string, number>, after: Map<string, number>): string[] {
  return [...after].filter(([f, t]) => before.get(f) !== t).map(([f]) => f);
}
