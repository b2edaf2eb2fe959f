// The page's engine in Node: names of the downloads, and each action's parts (the browser test
// compares the page's downloads with the command line's files).
import * as fs from "fs";
import { unzipSync } from "fflate";
import { checkGrids } from "../../src/app/check";
import { syntheticDepartment } from "../../src/app/synthetic";
import { joinChunks } from "../../src/web/chunks";
import { MERGE_OUTPUT, outputName, perform, type JobResult } from "../../src/web/engine";
import { roundTrip, writeFixture } from "../support/workbooks";

const dept = syntheticDepartment({ seed: 84, applicants: 30, defects: true });
const join = (r: JobResult) => joinChunks(r.output?.chunks ?? []);
const text = (zip: Uint8Array, part: string) => new TextDecoder().decode(unzipSync(zip)[part]);
const none = () => undefined;

test("downloads are named as kezheng names its outputs", () => {
  expect(outputName("信息工程学院.xlsx", "课证")).toBe("信息工程学院-课证.xlsx");
  expect(outputName("带宏的.XLSM", "课证")).toBe("带宏的-课证.xlsm");
  expect(outputName("名单", "已清除")).toBe("名单-已清除.xlsx");
  expect(outputName("a.b.xlsx", "课证")).toBe("a.b-课证.xlsx");
  expect(MERGE_OUTPUT).toBe("汇总.xlsx");
});

test("each action writes what it says, and clear takes it all away again", async () => {
  const bytes = new Uint8Array(fs.readFileSync(await writeFixture(dept.sheets)));
  const file = { name: "学院.xlsx", bytes };
  const checked = await perform({ kind: "check", file }, none);
  expect(checked.report).toEqual(checkGrids(await roundTrip(dept.sheets)).report);
  expect(checked.output).toBeUndefined();

  const phases: string[] = [];
  const marked = join(await perform({ kind: "run", file, parts: { marks: true, columns: false, sheets: false } }, (p) => phases.push(p)));
  expect(phases[0]).toBe("read");
  expect(phases).toContain("write");
  const computed = join(await perform({ kind: "run", file, parts: { marks: true, columns: true, sheets: false } }, none));
  const all = await perform({ kind: "run", file, parts: { marks: true, columns: true, sheets: true } }, none);
  const workbookXml = (z: Uint8Array) => text(z, "xl/workbook.xml");
  expect(workbookXml(marked)).not.toContain("备案表");
  expect(text(marked, "xl/worksheets/sheet1.xml")).not.toContain("可认定等级");
  expect(workbookXml(computed)).not.toContain("备案表");
  expect(workbookXml(join(all))).toContain("备案表");
  expect(all.output?.name).toBe("学院-课证.xlsx");

  const cleared = await perform({ kind: "clear", file: { name: "学院-课证.xlsx", bytes: join(all) } }, none);
  expect(cleared.cleared).toBe(true);
  expect(cleared.output?.name).toBe("学院-课证-已清除.xlsx");
  const again = await perform({ kind: "check", file: { name: "x.xlsx", bytes: join(cleared) } }, none);
  expect(again.report).toEqual(checked.report);
});

test("an unusable file is one clear line naming it", async () => {
  await expect(perform({ kind: "check", file: { name: "坏.xlsx", bytes: new TextEncoder().encode("not a zip") } }, none)).rejects.toThrow(/^坏\.xlsx 不是 Excel 工作簿，也不是 CSV 文本：/);
});
