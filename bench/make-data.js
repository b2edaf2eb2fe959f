// Generates the benchmark workbooks (bench-data/, not committed): N applicants, 10 courses each.
"use strict";
const fs = require("fs");
const path = require("path");
const { syntheticDepartment } = require("../lib/app/synthetic");
const ExcelJS = require("exceljs");

/** Large workbooks streamed to disk row by row by ExcelJS (another writer than the product). */
async function writeSheetsStreaming(file, sheets) {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: true, useStyles: true });
  for (const sheet of sheets) {
    const ws = wb.addWorksheet(sheet.name);
    for (const c of sheet.textColumns ?? []) if (c >= 0) ws.getColumn(c + 1).numFmt = "@";
    for (const m of sheet.merges) ws.mergeCells(m);
    for (const row of sheet.rows) ws.addRow(row.map((v) => (v === null ? undefined : v))).commit();
    ws.commit();
  }
  await wb.commit();
}

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

/** 30 department workbooks of 300 applicants each, for the merge benchmark. */
async function makeDepartments(dir, count = 30, applicants = 300) {
  const folder = path.join(dir, `departments-${count}x${applicants}`);
  if (fs.existsSync(path.join(folder, "done"))) return folder;
  fs.mkdirSync(folder, { recursive: true });
  for (let k = 0; k < count; k++) {
    const dept = syntheticDepartment({ seed: 7000 + k, applicants, department: `第${k + 1}学院`, layout: { titleRows: 1 } });
    for (const row of dept.sheets[0].rows.slice(2)) row.forEach((v, c) => { if (dept.sheets[0].rows[1][c] === "学号" && v) row[c] = `${k}-${v}`; });
    // Student numbers unique across the school (the generator numbers each department from 1).
    for (const row of dept.sheets[1].rows.slice(2)) if (row[0]) row[0] = `${k}-${row[0]}`;
    await writeSheetsStreaming(path.join(folder, `第${String(k + 1).padStart(2, "0")}学院.xlsx`), dept.sheets);
  }
  fs.writeFileSync(path.join(folder, "done"), "");
  return folder;
}

module.exports.makeDepartments = makeDepartments;
