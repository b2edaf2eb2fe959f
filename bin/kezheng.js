#!/usr/bin/env node
"use strict";
// The command line runs the compiled engine in lib/ (built by `npm ci` through the prepare script).
const path = require("path");
const fs = require("fs");
const entry = path.join(__dirname, "..", "lib", "cli", "main.js");
if (!fs.existsSync(entry)) {
  process.stderr.write("kezheng 尚未编译：请在项目目录运行 npm run build:cli（npm ci 会自动完成）。\n");
  process.exit(2);
}
// Output piped into `head` and the like: stop quietly when the reader goes away.
for (const stream of [process.stdout, process.stderr]) {
  stream.on("error", (e) => {
    if (e.code === "EPIPE") process.exit(process.exitCode || 0);
    throw e;
  });
}
require(entry).main(process.argv).then((code) => {
  process.exitCode = code;
});
