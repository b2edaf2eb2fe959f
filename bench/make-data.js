// Generates the benchmark workbooks (bench-data/, not committed): N applicants, 10 courses each.
"use strict";
const fs = require("fs");
const path = require("path");
const { syntheticDepartment } = require("../lib/app/synthetic");
const { writeSheetsStreaming } = require("../lib/hosts/xlsx/sheets");

async function makeRoster(applicants, dir) {
  const file = path.join(dir, `roster-${applicants}.xlsx`);
  if (fs.existsSync(file)) return file;
  fs.mkdirSync(dir, { recursive: true });
  const dept = syntheticDepartment({ seed: applicants, applicants, layout: { titleRows: 2, shuffle: true, footer: true } });
  await writeSheetsStreaming(file + ".part", dept.sheets);
  fs.renameSync(file + ".part", file);
  return file;
}

module.exports = { makeRoster };
