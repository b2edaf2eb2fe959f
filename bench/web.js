// The web page on a large workbook: Debian's Chromium opens dist/web.html from a local server,
// the workbook is picked, 生成表格 pressed; the time runs from the press to the download (the
// engine in the page's worker, with fflate's JavaScript deflate instead of Node's zlib).
"use strict";
const fs = require("fs");
const http = require("http");
const path = require("path");
const { chromium } = require("playwright-core");

const TYPES = { ".html": "text/html; charset=utf-8", ".js": "application/javascript" };

async function timeWebRun(dist, file) {
  const server = http.createServer((req, res) => {
    const f = path.join(dist, decodeURIComponent(new URL(req.url, "http://x").pathname));
    if (!f.startsWith(dist) || !fs.existsSync(f) || fs.statSync(f).isDirectory()) return res.writeHead(404).end();
    res.writeHead(200, { "Content-Type": TYPES[path.extname(f)] || "application/octet-stream" }).end(fs.readFileSync(f));
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu"] });
  try {
    const context = await browser.newContext({ acceptDownloads: true, locale: "zh-CN" });
    const page = await context.newPage();
    await page.goto(`http://127.0.0.1:${server.address().port}/web.html`);
    await page.getByTestId("kz-web-pick-input").setInputFiles([file]);
    await page.getByTestId("kz-message").filter({ hasText: /检查完成/ }).waitFor({ timeout: 600000 });
    const started = Date.now();
    const [download] = await Promise.all([page.waitForEvent("download", { timeout: 600000 }), page.getByTestId("kz-action-generate").click()]);
    const seconds = (Date.now() - started) / 1000;
    const out = await download.path();
    return { seconds, bytes: fs.statSync(out).size };
  } finally {
    await browser.close();
    server.close();
  }
}

module.exports = { timeWebRun };
