// The Office.js host on the strict stand-in, for `npm run bench`: round trips and the largest
// request of a whole run (check, marks, computed columns, generated sheets) on a big workbook.
"use strict";
const { execFileSync } = require("child_process");
const fs = require("fs");
const path = require("path");

const ROOT = path.join(__dirname, "..");
const OUT = path.join(ROOT, "bench-data", "standin-build");

function compile() {
  const files = ["test/support/standin/api.ts", "test/support/standin/model.ts", "src/hosts/excel/workbook.ts", "src/app/run.ts", "src/cli/files.ts"];
  execFileSync(process.execPath, [require.resolve("typescript/bin/tsc"), "--outDir", OUT, "--rootDir", ROOT, "--module", "commonjs", "--moduleResolution", "node",
    "--target", "es2020", "--strict", "--esModuleInterop", "--skipLibCheck", "--types", "node,office-js", ...files.map((f) => path.join(ROOT, f))], { cwd: ROOT, stdio: "inherit" });
}

async function measureStandIn(file) {
  // Always anew: a build left from an older checkout would measure old code.
  fs.rmSync(OUT, { recursive: true, force: true });
  compile();
  const { RequestContext, makeExcel } = require(path.join(OUT, "test/support/standin/api.js"));
  const { bookFromGrids } = require(path.join(OUT, "test/support/standin/model.js"));
  const { ExcelWorkbook } = require(path.join(OUT, "src/hosts/excel/workbook.js"));
  const { runWriteBack } = require(path.join(OUT, "src/app/run.js"));
  const { readGridsFromFile } = require(path.join(OUT, "src/cli/files.js"));
  const book = bookFromGrids(await readGridsFromFile(file));
  global.Excel = makeExcel(book);
  const ctx = new RequestContext(book);
  const started = Date.now();
  await runWriteBack(new ExcelWorkbook(ctx, { notes: true, comments: true, pageLayout: true, charts: true, formulaCells: true }));
  return { syncs: ctx.syncs, largest: Math.max(...ctx.requests), seconds: (Date.now() - started) / 1000 };
}

module.exports = { measureStandIn };

if (require.main === module) {
  measureStandIn(process.argv[2]).then((r) => console.log(JSON.stringify(r)), (e) => { console.error(e.message); process.exit(1); });
}
