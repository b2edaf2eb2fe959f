// LibreOffice (Debian's, headless) as the second spreadsheet engine, for the tests and the
// benchmarks: opens an .xlsx, recalculates every formula and saves it as .xlsx again. A throwaway
// profile sets OOXMLRecalcMode to "always": without it LibreOffice keeps the cached results
// stored in the file, and a comparison could not fail.
"use strict";
const { execFileSync } = require("child_process");
const fs = require("fs");
const os = require("os");
const path = require("path");

const PROFILE_SETTINGS = `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
`;

let profile = null;

function profileDir() {
  if (profile) return profile;
  profile = fs.mkdtempSync(path.join(os.tmpdir(), "kz-lo-profile-"));
  fs.mkdirSync(path.join(profile, "user"), { recursive: true });
  fs.writeFileSync(path.join(profile, "user", "registrymodifications.xcu"), PROFILE_SETTINGS);
  return profile;
}

/** LibreOffice's copy of a workbook in another format (ext and filter, e.g. "xls", "MS Excel 97"). */
function convert(file, ext, filter) {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), "kz-lo-out-"));
  const started = process.hrtime.bigint();
  execFileSync("soffice", [`-env:UserInstallation=file://${profileDir()}`, "--headless", "--norestore", "--convert-to", `${ext}:${filter}`, "--outdir", out, file], { stdio: "pipe", timeout: 900000 });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const result = path.join(out, `${path.basename(file, path.extname(file))}.${ext}`);
  if (!fs.existsSync(result)) throw new Error(`LibreOffice wrote nothing for ${file}`);
  return { file: result, seconds };
}

/** Returns the recalculated copy's path and LibreOffice's wall time in seconds. */
const recalculate = (file) => convert(file, "xlsx", "Calc MS Excel 2007 XML");

module.exports = { recalculate, convert };
