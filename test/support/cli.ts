// Runs the built command line as a child process, as a user would.
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";

export const ROOT = path.join(__dirname, "..", "..");
const BIN = path.join(ROOT, "bin", "kezheng.js");

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

export function kezheng(args: string[], options: { cwd?: string } = {}): Run {
  if (!fs.existsSync(path.join(ROOT, "lib", "cli", "main.js"))) throw new Error("lib/ is not built: run npm run build:cli (npm test does)");
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: options.cwd ?? ROOT, encoding: "utf8", maxBuffer: 1 << 30 });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}
