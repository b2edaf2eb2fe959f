// The browser test's machinery: builds the add-in and the stand-in, serves dist/ on this
// machine, and drives Debian's Chromium through playwright-core (no browser download, no network).
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as http from "http";
import * as path from "path";
import type { AddressInfo } from "net";
import { chromium, type Browser } from "playwright-core";
import { tmpDir } from "./workbooks";

const ROOT = path.join(__dirname, "..", "..");

export function buildAddin(): string {
  const out = tmpDir();
  execFileSync(process.execPath, [require.resolve("webpack-cli/bin/cli.js"), "--mode", "development", "--output-path", out], { cwd: ROOT, stdio: "pipe" });
  return out;
}

/** The stand-in as one browser script. */
export function buildStandIn(): string {
  const out = tmpDir();
  const config = path.join(out, "webpack.standin.js");
  fs.writeFileSync(config, `module.exports = {
    mode: "development", devtool: false, target: "web",
    entry: ${JSON.stringify(path.join(ROOT, "test", "support", "standin", "browser.ts"))},
    output: { path: ${JSON.stringify(out)}, filename: "standin.js" },
    resolve: { extensions: [".ts", ".js"] },
    module: { rules: [{ test: /\\.ts$/, loader: ${JSON.stringify(require.resolve("ts-loader"))}, options: { transpileOnly: true, configFile: ${JSON.stringify(path.join(ROOT, "tsconfig.json"))}, compilerOptions: { module: "esnext" } } }] },
  };`);
  execFileSync(process.execPath, [require.resolve("webpack-cli/bin/cli.js"), "--config", config], { cwd: ROOT, stdio: "pipe" });
  return fs.readFileSync(path.join(out, "standin.js"), "utf8");
}

const TYPES: Record<string, string> = { ".html": "text/html; charset=utf-8", ".js": "application/javascript", ".json": "application/json", ".png": "image/png", ".xml": "application/xml" };

/** A static server for dist/ on 127.0.0.1 (a random port). */
export async function serve(dir: string): Promise<{ url: string; close: () => Promise<void> }> {
  const server = http.createServer((req, res) => {
    const file = path.join(dir, decodeURIComponent(new URL(req.url ?? "/", "http://x").pathname));
    if (!file.startsWith(dir) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { "Content-Type": TYPES[path.extname(file)] ?? "application/octet-stream" }).end(fs.readFileSync(file));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

export async function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
}
