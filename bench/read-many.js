// The floor for `merge`: reading every department file, one after another, with the same reader.
"use strict";
const fs = require("fs");
const path = require("path");
const { readGridsFromFile } = require("../lib/cli/files");
(async () => {
  const dir = process.argv[2];
  for (const f of fs.readdirSync(dir).filter((x) => x.endsWith(".xlsx"))) await readGridsFromFile(path.join(dir, f));
})();
