// Before the tests: the Debian packages they drive (Chromium, LibreOffice with its Python bridge,
// poppler's pdftotext, openpyxl with Pillow, CJK fonts). Missing ones are installed where this user may (root with apt-get, as on a fresh
// Debian machine or in CI); otherwise one line names them and the tests do not start.
"use strict";
const { execFileSync, spawnSync } = require("child_process");
const fs = require("fs");

const has = (cmd, args = ["--version"]) => spawnSync(cmd, args, { stdio: "ignore" }).status === 0;
const dpkg = (name) => spawnSync("dpkg", ["-s", name], { stdio: "ignore" }).status === 0;
const python = fs.existsSync("/usr/bin/python3") ? "/usr/bin/python3" : "python3";

const needs = [
  ["chromium", () => fs.existsSync("/usr/bin/chromium")],
  ["libreoffice-calc-nogui", () => has("soffice")],
  ["python3-openpyxl", () => has(python, ["-c", "import openpyxl"])],
  ["python3-pil", () => has(python, ["-c", "import PIL"])],
  // Printing each generated sheet alone (test/support/print_sheets.py).
  ["python3-uno", () => has(python, ["-c", "import uno"])],
  ["poppler-utils", () => has("pdftotext", ["-v"])],
  ["fonts-noto-cjk", () => dpkg("fonts-noto-cjk")],
];

const missing = needs.filter(([, ok]) => !ok()).map(([name]) => name);
if (missing.length === 0) process.exit(0);

const root = typeof process.getuid === "function" && process.getuid() === 0;
if (root && has("apt-get", ["--version"])) {
  console.log(`测试需要的 Debian 软件包未安装，正在安装：${missing.join(" ")}`);
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  execFileSync("apt-get", ["update", "-qq"], { stdio: "inherit", env });
  execFileSync("apt-get", ["install", "-y", "-qq", "--no-install-recommends", ...missing], { stdio: "inherit", env });
  process.exit(0);
}
console.error(`测试需要 Debian 软件包 ${missing.join(" ")}：请先运行 sudo apt-get install --no-install-recommends ${missing.join(" ")}，再运行 npm test。`);
process.exit(1);
