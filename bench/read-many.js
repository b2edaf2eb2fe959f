// The floor for `merge`: reading every department file, one after another, with the same reader.
"use strict";
const fs = require("fs");
const path = require("path");
const { readGridsStreaming } = require("../lib/hosts/xlsx/stream");
(async () => {
  const dir = process.argv[2];
  for (const f of fs.readdirSync(dir).filter((x) => x.endsWith(".xlsx"))) await readGridsStreaming(path.join(dir, f));
})();
