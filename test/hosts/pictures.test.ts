// #19: the .xlsx host's pictures: a 备案表 split into several sheets (more than 1,000 pages) gives
// each sheet its own drawing with its own applicants' photos; media parts are numbered past the
// user's own; run twice = once.
import { syntheticDepartment } from "../../src/app/synthetic";
import { runWriteBack } from "../../src/app/run";
import { filingApplicants } from "../../src/forms/generated";
import { photoKey } from "../../src/forms/photobox";
import { XlsxWorkbook } from "../../src/hosts/xlsx/workbook";
import { relsPathOf } from "../../src/hosts/xlsx/package";
import { excelJsWorkbook } from "../support/exceljs";

const photoOf = (key: string) => new TextEncoder().encode(`JPEG of ${key}`);

test("1,100 applicants: 备案表 and 备案表（2） each have a drawing of their own pages' photos, one media part per photo", async () => {
  const sheets = syntheticDepartment({ seed: 1100, applicants: 1100, passRate: 1 }).sheets;
  const bytes = new Uint8Array((await excelJsWorkbook(sheets).xlsx.writeBuffer()) as ArrayBuffer);
  const write = async (input: Uint8Array, withPhotos: boolean) => {
    const wb = XlsxWorkbook.fromBytes("big.xlsx", input);
    let keys: string[] = [];
    await runWriteBack(wb, withPhotos ? { photos: (r) => {
      keys = filingApplicants(r.report.applicants).map((a) => photoKey(a.idNumber));
      return new Map(keys.map((k) => [k, () => photoOf(k)]));
    } } : {});
    return { wb, keys, out: new Uint8Array(Buffer.concat(wb.toChunks())) };
  };
  const { keys, out } = await write(bytes, true);
  expect(keys.length).toBeGreaterThan(1000);
  const pkg = XlsxWorkbook.fromBytes("out.xlsx", out).pkg;
  const refs = pkg.sheets().filter((s) => /^备案表/.test(s.name));
  expect(refs.map((s) => s.name)).toEqual(["备案表", "备案表（2）"]);
  const seen: string[] = [];
  const drawings = new Set<string>();
  for (const [k, ref] of refs.entries()) {
    const drawing = pkg.rels(ref.path).filter((r) => r.type.endsWith("/drawing"));
    expect(drawing).toHaveLength(1);
    const part = pkg.relTarget(ref.path, drawing[0].type) as string;
    drawings.add(part);
    const xml = pkg.text(part);
    const mine = [...xml.matchAll(/descr="([^"]+)"/g)].map((m) => m[1]);
    expect(mine.length).toBe(k === 0 ? 1000 : keys.length - 1000);
    seen.push(...mine);
    // Each picture's media part holds that applicant's bytes.
    const rels = new Map(pkg.rels(part).map((r) => [r.id, r.target]));
    const first = /descr="([^"]+)"[\s\S]*?r:embed="(rId\d+)"/.exec(xml) as RegExpExecArray;
    expect(new TextDecoder().decode(pkg.bytes(`xl/media/${(rels.get(first[2]) as string).replace("../media/", "")}`))).toBe(`JPEG of ${first[1]}`);
    expect(pkg.has(relsPathOf(part))).toBe(true);
    // <drawing> after the page breaks (CT_Worksheet's order).
    const sheet = pkg.text(ref.path);
    expect(sheet.indexOf("<drawing ")).toBeGreaterThan(sheet.indexOf("<rowBreaks"));
  }
  expect(drawings.size).toBe(2);
  expect(seen.sort()).toEqual([...keys].sort());
  expect(pkg.parts().filter((p) => p.startsWith("xl/media/")).length).toBe(keys.length);
  // A second run keeping them writes the same package, part for part.
  const again = (await write(out, false)).out;
  const a = XlsxWorkbook.fromBytes("a", out).pkg;
  const b = XlsxWorkbook.fromBytes("b", again).pkg;
  expect(b.parts()).toEqual(a.parts());
  for (const p of a.parts()) expect({ p, same: Buffer.from(a.bytes(p)).equals(Buffer.from(b.bytes(p))) }).toEqual({ p, same: true });
}, 300000);
