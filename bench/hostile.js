// Hostile files (small on disk, enormous once read) through `kezheng check`: the one line each
// gets, and the peak memory it cost. Made by scripts/hostile.js into bench-data/.
"use strict";
const fs = require("fs");
const path = require("path");
const hostile = require("../scripts/hostile");

/** [label, file] for each hostile file, made once. */
function hostileFiles(dir) {
  fs.mkdirSync(dir, { recursive: true });
  const at = (name) => path.join(dir, name);
  const make = (name, fn) => (fs.existsSync(at(name)) ? at(name) : fn(at(name)));
  return [
    [".ods, 2 MB, content.xml 500 MB", make("bomb-500mb.ods", (f) => hostile.odsBomb(f))],
    [".ods, content.xml lying about its size", make("bomb-lying.ods", (f) => hostile.odsBomb(f, { lying: true }))],
    [".ods, 0.2 MB inflating 255 times (40 MB)", make("bomb-40mb.ods", (f) => hostile.odsBomb(f, { inflated: 40 * 1024 * 1024 }))],
    [".ods, 900 bytes repeating a cell 10⁹ times", make("repeated.ods", (f) => hostile.odsRepeated(f))],
    ["the same renamed .xlsx", make("repeated.xlsx", (f) => hostile.odsRepeated(f))],
    [".csv, 101 MB", make("huge.csv", (f) => hostile.csvHuge(f, 101 * 1024 * 1024))],
    [".xls, 101 MB", make("huge.xls", (f) => hostile.xlsHuge(f, 101 * 1024 * 1024))],
  ];
}

module.exports = { hostileFiles };
