// Issue 11: the command line installs on its own from the packed tarball, with only what bin/ and
// lib/ need at run time (the task pane's libraries are bundled at build time, not installed).
import { execFileSync, spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { syntheticDepartment } from "../../src/app/synthetic";
import { ROOT } from "../support/cli";
import { tmpDir, writeFixture } from "../support/workbooks";

const npm = (args: string[], cwd: string) =>
  execFileSync("npm", args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, npm_config_fund: "false", npm_config_audit: "false", npm_config_update_notifier: "false" } });

/** The file name `npm pack --json` reports. */
const packedName = (out: string) => (JSON.parse(out.slice(out.indexOf("["))) as { filename: string }[])[0].filename;

/** The runtime dependencies' closure, from the lockfile. */
function runtimeClosure(): string[] {
  const lock = JSON.parse(fs.readFileSync(path.join(ROOT, "package-lock.json"), "utf8")) as { packages: Record<string, { dependencies?: Record<string, string> }> };
  const seen = new Set<string>();
  const visit = (name: string) => {
    if (seen.has(name)) return;
    seen.add(name);
    for (const d of Object.keys(lock.packages[`node_modules/${name}`]?.dependencies ?? {})) visit(d);
  };
  for (const d of Object.keys(lock.packages[""].dependencies ?? {})) visit(d);
  return [...seen].sort();
}

test("npm pack, then an install of the tarball into an empty folder (no network: dependencies packed from node_modules): a working kezheng with only its runtime packages", async () => {
  const dir = tmpDir();
  const packed = npm(["pack", "--json", "--pack-destination", dir], ROOT);
  const files = (JSON.parse(packed.slice(packed.indexOf("["))) as { files: { path: string }[] }[])[0].files.map((f) => f.path);
  expect(files).toContain("bin/kezheng.js");
  expect(files).toContain("lib/cli/main.js");
  expect(files.some((p) => p.startsWith("src/") || p.startsWith("test/"))).toBe(false);

  // Tests may not use the network: each runtime dependency comes as a tarball packed from
  // node_modules (without its own scripts: a package's build script must not run here).
  const runtime = runtimeClosure();
  expect(runtime).toEqual(["@e965/xlsx", "commander", "fflate", "jpeg-js", "saxes", "xmlchars"]);
  const overrides: Record<string, string> = {};
  for (const name of runtime) overrides[name] = `file:${path.join(dir, packedName(npm(["pack", "--json", "--ignore-scripts", "--pack-destination", dir, path.join(ROOT, "node_modules", name)], dir)))}`;
  const prefix = path.join(dir, "prefix");
  fs.mkdirSync(prefix);
  fs.writeFileSync(path.join(prefix, "package.json"), JSON.stringify({ name: "kz-install-test", private: true, dependencies: { kezheng: `file:${path.join(dir, packedName(packed))}` }, overrides }));
  npm(["install", "--offline", "--no-package-lock", "--ignore-scripts"], prefix);
  const modules = path.join(prefix, "node_modules");
  expect(fs.readdirSync(modules).filter((n) => !n.startsWith(".")).sort()).toEqual(["kezheng", ...runtime.map((n) => n.split("/")[0])].sort());

  const bin = path.join(modules, ".bin", "kezheng");
  const version = spawnSync(bin, ["--version"], { encoding: "utf8" });
  expect(version.stdout.trim()).toBe(JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")).version);
  const input = await writeFixture(syntheticDepartment({ seed: 41, applicants: 20 }).sheets, path.join(dir, "学院.xlsx"));
  const check = spawnSync(bin, ["check", input, "--json"], { encoding: "utf8" });
  expect(check.status).toBe(0);
  expect(JSON.parse(check.stdout).applicants).toHaveLength(20);
  const run = spawnSync(bin, ["run", input], { encoding: "utf8", cwd: dir });
  expect(run.status).toBe(0);
  expect(fs.existsSync(path.join(dir, "学院-课证.xlsx"))).toBe(true);
}, 180000);
