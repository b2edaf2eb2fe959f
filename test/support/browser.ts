// The browser test's machinery: builds the add-in and the stand-in, serves dist/ on this
// machine, and drives Debian's Chromium through playwright-core (no browser download, no network).
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as http from "http";
import * as path from "path";
import type { AddressInfo } from "net";
import { chromium, type Browser, type Page } from "playwright-core";
import { TID } from "../../src/ui/testids";
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

/** What the pane is opened with: the stand-in's workbook, the language, Office's theme, the ExcelApi version it reports. */
export interface PaneSetup {
  browser: Browser;
  serverUrl: string;
  standIn: string;
  fixture: unknown;
  width: number;
  lang?: string;
  theme?: { bodyBackgroundColor: string; bodyForegroundColor: string } | null;
  api?: string;
}

/** Opens the built task pane with the local Office.js stand-in in place of the CDN's (anything else off this machine is refused). */
export async function openPane(s: PaneSetup): Promise<Page> {
  const page = await s.browser.newPage({ viewport: { width: s.width, height: 900 } });
  const globals: Record<string, unknown> = { __KZ_FIXTURE__: s.fixture, __KZ_LANG__: s.lang ?? "zh-CN", __KZ_THEME__: s.theme ?? null };
  if (s.api !== undefined) globals.__KZ_API__ = s.api;
  const fixture = Object.entries(globals).map(([k, v]) => `window.${k} = ${JSON.stringify(v)};`).join(" ") + "\n";
  await page.route("**/*", (route) => {
    const url = route.request().url();
    if (url.startsWith("https://appsforoffice.microsoft.com/")) return route.fulfill({ contentType: "application/javascript", body: fixture + s.standIn });
    if (url.startsWith(s.serverUrl)) return route.continue();
    return route.abort();
  });
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await page.goto(`${s.serverUrl}/taskpane.html`);
  await page.getByTestId(TID.pane).waitFor();
  // The engine's chunk, which the pane loads once it has painted, is in before a test clicks (as for a user).
  await page.waitForLoadState("networkidle");
  if (errors.length) throw new Error(`the pane failed to load: ${errors.join("; ")}`);
  return page;
}
