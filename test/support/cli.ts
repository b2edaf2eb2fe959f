// Runs the built command line as a child process, as a user would.
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { changedSince, workbookTimes, zipFaults } from "./zipcheck";

export const ROOT = path.join(__dirname, "..", "..");
const BIN = path.join(ROOT, "bin", "kezheng.js");

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs kezheng; every workbook it writes (in the folders its arguments name) must pass an
 * independent zip check, whatever the test goes on to assert.
 */
export function kezheng(args: string[], options: { cwd?: string } = {}): Run {
  if (!fs.existsSync(path.join(ROOT, "lib", "cli", "main.js"))) throw new Error("lib/ is not built: run npm run build:cli (npm test does)");
  const cwd = options.cwd ?? ROOT;
  const dirs = new Set<string>([cwd]);
  for (const a of args) {
    const p = path.resolve(cwd, a);
    dirs.add(fs.existsSync(p) && fs.statSync(p).isDirectory() ? p : path.dirname(p));
  }
  const before = workbookTimes(dirs);
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: "utf8", maxBuffer: 1 << 30 });
  const written = changedSince(before, workbookTimes(dirs));
  const faults = zipFaults(written);
  if (Object.keys(faults).length > 0) throw new Error(`kezheng ${args.join(" ")} wrote a damaged zip: ${JSON.stringify(faults)}`);
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}
