#!/usr/bin/env node
// npm run dev-server (what `npm start` starts before it sideloads the manifest): the add-in built
// in development mode and rebuilt on every change, served from dist/ at https://localhost:3000/
// with Office's development certificate (office-addin-dev-certs installs it on first use).
// A small server of our own instead of webpack-dev-server: its 190 packages served only this.
"use strict";
const fs = require("fs");
const https = require("https");
const os = require("os");
const path = require("path");
const webpack = require("webpack");
const devCerts = require("office-addin-dev-certs");
const makeConfig = require("../webpack.config.js");

const PORT = 3000;
const DIST = path.resolve(__dirname, "..", "dist");
const TYPES = { ".html": "text/html; charset=utf-8", ".js": "application/javascript", ".json": "application/json", ".png": "image/png", ".xml": "application/xml", ".map": "application/json", ".css": "text/css" };

/** Office's development certificate; where it cannot be installed as trusted (Linux without sudo)
 * the generated files are used anyway, with a line saying the browser will not trust them. */
async function certificates() {
  const dir = path.join(os.homedir(), ".office-addin-dev-certs");
  const files = { cert: path.join(dir, "localhost.crt"), key: path.join(dir, "localhost.key") };
  const fallback = () => {
    console.error("开发证书未能安装为受信任证书：浏览器会提示不安全。Windows 和 macOS 上请用 npx office-addin-dev-certs install 安装。");
    return { cert: fs.readFileSync(files.cert), key: fs.readFileSync(files.key) };
  };
  try {
    const options = await Promise.race([devCerts.getHttpsServerOptions(), new Promise((resolve) => setTimeout(() => resolve(null), 20000))]);
    if (options) return options;
  } catch (e) {
    if (!fs.existsSync(files.key)) throw e;
  }
  return fallback();
}

async function main() {
  const compiler = webpack({ ...(await makeConfig({}, { mode: "development" })), mode: "development" });
  compiler.watch({}, (err, stats) => {
    if (err) console.error(err.message);
    else console.log(stats.toString({ colors: true, preset: "errors-warnings" }) || `已构建（${new Date().toLocaleTimeString()}）`);
  });
  const server = https.createServer(await certificates(), (req, res) => {
    const name = decodeURIComponent(new URL(req.url || "/", "https://localhost").pathname);
    const file = path.join(DIST, name === "/" ? "taskpane.html" : name);
    if (!file.startsWith(DIST + path.sep) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { "Content-Type": TYPES[path.extname(file)] || "application/octet-stream", "Access-Control-Allow-Origin": "*", "Cache-Control": "no-store" });
    fs.createReadStream(file).pipe(res);
  });
  server.on("error", (e) => {
    console.error(e.code === "EADDRINUSE" ? `端口 ${PORT} 已被占用：先运行 npm stop，或关闭占用该端口的程序。` : e.message);
    process.exit(1);
  });
  server.listen(PORT, () => console.log(`课证加载项：https://localhost:${PORT}/taskpane.html（Ctrl+C 停止）`));
}

main().catch((e) => {
  console.error(e.message);
  process.exit(1);
});
