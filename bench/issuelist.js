// The issue list on the bench workbook's real report, in Chromium: the list alone (the pane's and
// page's component, production build) fed `kezheng check --json`; the time to open the largest
// group after its notes are shown, and the longest task while opening the list.
"use strict";
const fs = require("fs");
const http = require("http");
const os = require("os");
const path = require("path");
const { spawnSync } = require("child_process");
const { chromium } = require("playwright-core");
const { groupIssues } = require("../lib/app/issues");
const { buildIssueListHarness } = require("../test/support/issuelist/build.js");

const ROOT = path.join(__dirname, "..");
const TYPES = { ".html": "text/html; charset=utf-8", ".js": "application/javascript", ".json": "application/json" };

async function timeIssueList(file) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "kz-bench-issues-"));
  const out = fs.openSync(path.join(dir, "report.json"), "w");
  spawnSync(process.execPath, [path.join(ROOT, "bin", "kezheng.js"), "check", file, "--json"], { cwd: ROOT, stdio: ["ignore", out, "ignore"] });
  fs.closeSync(out);
  const report = JSON.parse(fs.readFileSync(path.join(dir, "report.json"), "utf8"));
  const groups = groupIssues(report.issues);
  const largest = [...groups].sort((a, b) => b.issues.length - a.issues.length)[0];
  buildIssueListHarness(dir);
  const server = http.createServer((req, res) => {
    const f = path.join(dir, decodeURIComponent(new URL(req.url, "http://x").pathname));
    if (!f.startsWith(dir) || !fs.existsSync(f) || fs.statSync(f).isDirectory()) return res.writeHead(404).end();
    res.writeHead(200, { "Content-Type": TYPES[path.extname(f)] || "application/octet-stream" }).end(fs.readFileSync(f));
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu"] });
  try {
    const page = await browser.newPage({ viewport: { width: 500, height: 900 } });
    await page.goto(`http://127.0.0.1:${server.address().port}/index.html`);
    const h = (f, arg) => page.evaluate(([src, a]) => new Function("h", "a", `return (${src})(h, a)`)(window.__kzIssueList, a), [f.toString(), arg]);
    const mounted = await h((x) => x.mount({ url: "/report.json" }));
    if (!largest) return { issues: 0, groups: 0 };
    const show = await h((x, id) => x.click(id), `kz-issue-filter-${largest.severity}`);
    const hidden = await page.getByTestId(`kz-group-toggle-${largest.key}`).count() === 0;
    if (hidden) await h((x, id) => x.click(id), `kz-issue-filter-${largest.severity}`);
    const open = largest.issues.length > 1 ? await h((x, id) => x.click(id), `kz-group-toggle-${largest.key}`) : 0;
    const longest = Math.max(0, ...(await h((x) => x.longTasks)));
    return { issues: report.issues.length, groups: groups.length, largest: largest.issues.length, mount: mounted.ms, show, open, longest };
  } finally {
    await browser.close();
    server.close();
  }
}

module.exports = { timeIssueList };
