// The page's use cases on bytes: what `kezheng run | clear | check | merge` do to files, done to
// the files a user drops into the page. Runs in the page's Web Worker (worker.ts), or in the page
// itself where the browser refuses workers (a page opened from a local folder).
import { mergeDepartments, mergedSheets, SUMMARY_MARK, type MergeResult } from "../app/merge";
import type { Report } from "../app/report";
import { EVERYTHING, runWriteBack, type Parts, type Phase } from "../app/run";
import { checkGrids } from "../app/check";
import { importGrades, IMPORT_MARK, type ImportShown } from "../app/import";
import { newMarkedWorkbook } from "../hosts/xlsx/sheets";
import { filledName, fillSourceOf } from "../app/fill";
import type { FillShown } from "../ui/FillSummary";
import { fillTemplate } from "../hosts/formats/fill";
import { writeMarkedSheet } from "../hosts/xlsx/writeback";
import { readAnyGrids, readDepartments } from "../hosts/formats/read";
import { XlsxWorkbook } from "../hosts/xlsx/workbook";
import { checkPhotos } from "../app/photos";
import { offeredPhotos } from "../app/photorun";
import { photoImages } from "../hosts/images";
import type { PhotosShown } from "../ui/PhotosSection";
import { photoSources, photosZip, PHOTOS_ZIP, type PhotoFile } from "./photos";

export interface InFile {
  name: string;
  bytes: Uint8Array;
}

export interface OutFile {
  name: string;
  chunks: Uint8Array[];
}

export type Job =
  | { kind: "check"; file: InFile }
  | { kind: "run"; file: InFile; parts: Parts; photos?: PhotoFile[] }
  | { kind: "photos"; file: InFile; photos: PhotoFile[] }
  | { kind: "clear"; file: InFile }
  | { kind: "merge"; files: InFile[] }
  | { kind: "import"; files: InFile[]; into: InFile }
  | { kind: "fill"; template: InFile; from: InFile; all?: boolean; append?: boolean };

export interface JobResult {
  report?: Report;
  output?: OutFile;
  /** clear: whether there was anything of ours to remove. */
  cleared?: boolean;
  merge?: Pick<MergeResult, "files"> & { applicants: number; reportable: number };
  imported?: ImportShown & { sheetName: string };
  /** 填写上报模板: what was read from the template and written into it. */
  filled?: FillShown;
  /** 照片: what the check of the photos found. */
  photos?: PhotosShown;
  /** 照片（上报）.zip: the renamed photos, beside a run's workbook. */
  photosZip?: OutFile;
}

export type ProgressReport = (phase: Phase, done?: number, total?: number) => void;

/** NAME-suffix.xlsx, as the command line names its outputs (a macro-enabled workbook stays .xlsm). */
export function outputName(input: string, suffix: string): string {
  const dot = input.lastIndexOf(".");
  const base = dot > 0 ? input.slice(0, dot) : input;
  return `${base}-${suffix}${/\.xlsm$/i.test(input) ? ".xlsm" : ".xlsx"}`;
}

export const MERGE_OUTPUT = "汇总.xlsx";

export async function perform(job: Job, progress: ProgressReport): Promise<JobResult> {
  switch (job.kind) {
    case "check": {
      progress("read");
      const grids = await readAnyGrids(job.file.name, job.file.bytes);
      progress("check");
      return { report: checkGrids(grids).report };
    }
    case "photos": {
      // What `kezheng photos DIR --roster WB` reports, for the files picked.
      progress("read");
      const grids = await readAnyGrids(job.file.name, job.file.bytes);
      progress("check");
      const result = checkGrids(grids);
      const sources = photoSources(job.photos);
      const found = checkPhotos(sources, result, result.settings.photos, photoImages);
      return { photos: { files: sources.length, matched: found.matched.length, issues: found.issues } };
    }
    case "run": {
      const wb = XlsxWorkbook.fromBytes(job.file.name, job.file.bytes);
      // With photos: matched once the run's check is known, placed on the 备案表, and zipped renamed.
      const sources = job.photos ? photoSources(job.photos) : null;
      const offered = sources ? offeredPhotos(sources, photoImages) : null;
      const report = await runWriteBack(wb, { parts: job.parts ?? EVERYTHING, progress, photos: offered?.photos }, (r) => r.report);
      const output = { name: outputName(job.file.name, "课证"), chunks: wb.toChunks((done, total) => progress("write", done, total)) };
      const check = offered?.check();
      if (!check) return { report, output };
      return {
        report: { ...report, issues: [...report.issues, ...check.issues] },
        output,
        photos: { files: sources?.length ?? 0, matched: check.matched.length, issues: check.issues },
        photosZip: { name: PHOTOS_ZIP, chunks: photosZip(check.matched) },
      };
    }
    case "clear": {
      const wb = XlsxWorkbook.fromBytes(job.file.name, job.file.bytes);
      progress("write");
      const cleared = await wb.clearWriteBack();
      return { cleared, output: { name: outputName(job.file.name, "已清除"), chunks: wb.toChunks((done, total) => progress("write", done, total)) } };
    }
    case "import": {
      const sources = [];
      for (const [i, f] of job.files.entries()) {
        progress("read", i, job.files.length);
        sources.push({ file: f.name, grids: await readAnyGrids(f.name, f.bytes) });
      }
      const wb = XlsxWorkbook.fromBytes(job.into.name, job.into.bytes);
      const { sheet, ...shown } = importGrades(sources, await wb.readSheets());
      progress("write");
      const sheetName = writeMarkedSheet(wb.pkg, sheet, IMPORT_MARK);
      const chunks = wb.toChunks((done, total) => progress("write", done, total));
      return { output: { name: outputName(job.into.name, "导入"), chunks }, imported: { ...shown, sheetName } };
    }
    case "fill": {
      // What `kezheng fill` does, on bytes: the same file, part for part.
      progress("read");
      const grids = await readAnyGrids(job.from.name, job.from.bytes);
      progress("check");
      const source = fillSourceOf(checkGrids(grids));
      progress("write");
      const f = await fillTemplate(job.template.name, job.template.bytes, source, { all: job.all, append: job.append });
      const chunks = f.kind === "xlsx" ? f.pkg.write(undefined, (done, total) => progress("write", done, total)) : [f.bytes];
      const p = f.plan;
      const filled = { sheet: p.sheet, headerRow: p.headerRow, columns: p.columns, firstRow: p.firstRow, rows: p.rows.length, emptyColumns: p.emptyColumns, issues: p.issues };
      return { output: { name: filledName(job.template.name), chunks }, filled };
    }
    case "merge": {
      const inputs = await readDepartments(job.files.map((f, i) => ({ file: f.name, bytes: async () => (progress("read", i, job.files.length), f.bytes) })));
      progress("check");
      const result = mergeDepartments(inputs);
      progress("write");
      const chunks = newMarkedWorkbook(mergedSheets(result), SUMMARY_MARK, MERGE_OUTPUT).write(undefined, (done, total) => progress("write", done, total));
      const reportable = result.applicants.filter((a) => a.status === "eligible" || a.status === "downgrade").length;
      return { report: result.report, output: { name: MERGE_OUTPUT, chunks }, merge: { files: result.files, applicants: result.applicants.length, reportable } };
    }
  }
}
