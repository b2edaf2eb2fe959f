// Preloaded into a measured process: on exit, writes its peak resident memory (KiB) to KZ_PEAK_FILE.
"use strict";
const fs = require("fs");
process.on("exit", () => {
  if (process.env.KZ_PEAK_FILE) fs.writeFileSync(process.env.KZ_PEAK_FILE, String(process.resourceUsage().maxRSS));
});
