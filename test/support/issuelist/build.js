// Builds the issue-list harness (harness.tsx) into a folder with an index.html: used by the
// browser test and by npm run bench.
/* eslint-disable @typescript-eslint/no-require-imports -- plain Node, shared with bench/run.js */
"use strict";
const { execFileSync } = require("child_process");
const fs = require("fs");
const path = require("path");

const ROOT = path.join(__dirname, "..", "..", "..");

function buildIssueListHarness(out) {
  const config = path.join(out, "webpack.harness.js");
  fs.writeFileSync(config, `module.exports = {
    mode: "production", devtool: false, target: "web",
    entry: ${JSON.stringify(path.join(__dirname, "harness.tsx"))},
    output: { path: ${JSON.stringify(out)}, filename: "harness.js" },
    resolve: { extensions: [".ts", ".tsx", ".js"] },
    performance: { hints: false },
    module: { rules: [{ test: /\\.tsx?$/, exclude: /node_modules/, loader: ${JSON.stringify(require.resolve("ts-loader", { paths: [ROOT] }))}, options: { transpileOnly: true, configFile: ${JSON.stringify(path.join(ROOT, "tsconfig.json"))}, compilerOptions: { module: "esnext" } } }] },
  };`);
  execFileSync(process.execPath, [require.resolve("webpack-cli/bin/cli.js", { paths: [ROOT] }), "--config", config], { cwd: ROOT, stdio: "pipe" });
  fs.writeFileSync(path.join(out, "index.html"), '<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>课证 问题列表</title></head><body><main id="root"></main><script src="harness.js"></script></body></html>');
  return out;
}

module.exports = { buildIssueListHarness };
