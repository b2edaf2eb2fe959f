// LibreOffice (Debian's, headless) as the second spreadsheet engine: opens an .xlsx, recalculates
// every formula (a throwaway profile sets OOXMLRecalcMode to "always": without it LibreOffice keeps
// the cached results stored in the file and a test could not fail), and saves it as .xlsx again.
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { tmpDir } from "./workbooks";

const PROFILE_SETTINGS = `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
`;

let profile: string | null = null;

function profileDir(): string {
  if (profile) return profile;
  profile = tmpDir();
  fs.mkdirSync(path.join(profile, "user"), { recursive: true });
  fs.writeFileSync(path.join(profile, "user", "registrymodifications.xcu"), PROFILE_SETTINGS);
  return profile;
}

/** Returns the path of the recalculated copy and how long LibreOffice took (seconds). */
export function recalculate(file: string): { file: string; seconds: number } {
  const out = tmpDir();
  const started = Date.now();
  execFileSync("soffice", [`-env:UserInstallation=file://${profileDir()}`, "--headless", "--norestore", "--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", out, file], { stdio: "pipe", timeout: 600000 });
  const result = path.join(out, path.basename(file));
  if (!fs.existsSync(result)) throw new Error(`LibreOffice wrote nothing for ${file}`);
  return { file: result, seconds: (Date.now() - started) / 1000 };
}
