// The write-back plan (forms.md "What is written back"): marks, computed columns with live
// formulas, helper columns, generated sheets. Plain data; each host applies it (hosts/*/writeback).
import type { Level } from "../domain/catalogue";
import { courseOutcome, partOutcome } from "../domain/course";
import { allowedLevels, STATUS_LABELS } from "../domain/eligibility";
import { COURSES_NEEDED } from "../domain/levels";
import { parseScore, type Score } from "../domain/score";
import type { Settings } from "../domain/settings";
import { countCodes, courseCodeFormula, levelFormula, localRef, ref, scoreFormula, type CourseCells, type WordTable } from "../forms/formulas";
import { allGeneratedSheets } from "../forms/generated";
import { planDates } from "../forms/plan";
import { SCORE_PARTS, type GradeEntry, type PartCell, type ScorePart } from "../forms/grades";
import { cellText, parseA1, widthOf, type CellValue, type Grid } from "../forms/grid";
import type { OutputApplicant, OutputContext, OutputCourse } from "../forms/output";
import { cell, formula, type SheetSpec, type SpecCell } from "../forms/sheetspec";
import { textOf } from "../forms/table";
import type { ApplicantDetail, CheckResult } from "./check";
import type { ParsedEntry } from "./courses";
import { WORDS_NAME } from "./journal";
import type { Block, Mark, MarkKind, WritePlan } from "./port";
import { supervisionOf } from "./supervision";
import { cohortAllows } from "./identity";

// The plan's types are the port's (port.ts: what a host implements); here for the modules that import them from the plan.
export type { Block, Mark, MarkKind, WritePlan } from "./port";
const MARK_RANK: Record<MarkKind, number> = { error: 4, warning: 3, missing: 2, incomplete: 1 };


export const DATA_SHEET = "_kz_data";
export const COMPUTED_HEADERS = ["已合格相关课程数", "可认定等级", "认定状态", "说明"] as const;
export const NOTE_PREFIX = "课证：";

const width = (g: Grid) => widthOf(g.rows);

export function planWriteBack(result: CheckResult, extra: Partial<OutputContext> = {}): WritePlan {
  const data = dataSheet(result.settings);
  // By name: the hosts define it on the data sheet they write, whatever name that sheet gets.
  const words: WordTable = { range: WORDS_NAME };
  const helpers = gradeHelpers(result, words);
  const blocks = helpers ? [...helpers.blocks] : [];
  blocks.push(computedColumns(result, helpers?.codeCell ?? (() => undefined)));
  const list = result.applicants.map((a) => outputApplicant(result, a));
  const cells = markCells(result);
  const departments = [...new Set(list.map((a) => a.department).filter(Boolean))];
  const ctx: OutputContext = {
    schoolName: result.settings.schoolName, assessmentYear: result.settings.assessmentYear, mask: result.settings.mask,
    archive: { gradeRegister: result.grades?.registers.map((r) => r.sheet).join("、") || null, supervisionReport: null },
    planDates: result.planForm ? planDates(result.planForm) : undefined,
    supervision: [{ title: departments.join("、") || "本学院", data: supervisionOf(result, cells, list) }], ...extra,
  };
  return { marks: cells, blocks, sheets: [...allGeneratedSheets(list, ctx), data] };
}

/** Hidden data the formulas read: score words (§5) and every score as text (see scoreFormula). */
function dataSheet(settings: Settings): SheetSpec {
  const rows: (SpecCell | null)[][] = [];
  const seen = new Set<string>();
  const add = (text: string, value: CellValue) => {
    if (seen.has(text)) return;
    seen.add(text);
    rows.push([cell(text), cell(value)]);
  };
  for (const [w, v] of Object.entries(settings.gradeWords)) add(w, v);
  add("缺考", 0); add("旷考", 0); add("作弊", 0); add("缓考", "缓");
  const full = (s: string) => s.replace(/[0-9.]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
  for (let tenths = 0; tenths <= 1000; tenths++) {
    const text = tenths % 10 === 0 ? String(tenths / 10) : (tenths / 10).toFixed(1);
    for (const form of [text, full(text)]) {
      add(form, tenths / 10);
      add(`${form}分`, tenths / 10);
    }
  }
  return { name: DATA_SHEET, rows, merges: [], widths: [12, 8], hidden: true };
}

const scoreResult = (s: Score): CellValue => (s.kind === "score" ? s.value : s.kind === "deferred" ? "缓" : "");

interface Helpers {
  blocks: Block[];
  /** The course-code cell of a graded course (its home entry), where one was written. */
  codeCell: (e: GradeEntry) => PartCell | undefined;
}

/** One register sheet's helper cells, collected by row. */
class HelperBlock {
  readonly rows = new Map<number, (SpecCell | null)[]>();
  readonly hidden: number[] = [];
  width = 0;
  constructor(readonly sheet: string, readonly start: number) {}

  /** Sets the helper cell at a sheet row and column. */
  setCell(row: number, col: number, cell: SpecCell): void {
    let cells = this.rows.get(row);
    if (!cells) this.rows.set(row, (cells = []));
    cells[col - this.start] = cell;
    this.width = Math.max(this.width, col - this.start + 1);
  }

  block(): Block | null {
    if (this.rows.size === 0) return null;
    let first = Infinity;
    let last = -Infinity;
    for (const r of this.rows.keys()) {
      if (r < first) first = r;
      if (r > last) last = r;
    }
    const cells: (SpecCell | null)[][] = [];
    for (let r = first; r <= last; r++) cells.push(this.rows.get(r) ?? []);
    return { sheet: this.sheet, row: first, col: this.start, cells, widths: Array(this.width).fill(10), hiddenCols: this.hidden };
  }
}

/** Where a register's helpers stand: by column, not by cell (500,000 grade rows need no per-cell maps). */
interface RegisterHelpers {
  block: HelperBlock;
  tall: boolean;
  /** Long/wide: score column -> its parsed column; course column -> its code column. */
  parsed: Map<number, number>;
  code: Map<number, number>;
}

/**
 * Helper columns right of each grade register: every score parsed (hidden) and each course's §5
 * code. Long and wide registers get a parsed column per course part and a code column per course;
 * a tall register one parsed column beside its score column and one code column, the code on the
 * course's first row reading the parsed cells of its other rows (or of other registers, where the
 * course's parts were united from several sheets).
 */
function gradeHelpers(result: CheckResult, words: WordTable): Helpers | null {
  const grades = result.grades;
  if (!grades) return null;
  const gradeWords = result.settings.gradeWords;
  const bySheet = new Map<string, RegisterHelpers>();
  const sharedFormula = formulaRuns();
  const parsedCell = (c: PartCell): PartCell | undefined => {
    const r = bySheet.get(c.sheet);
    const col = r?.tall ? r.block.start : r?.parsed.get(c.col);
    return col === undefined ? undefined : { sheet: c.sheet, row: c.row, col };
  };
  const codeCell = (e: GradeEntry): PartCell | undefined => {
    const r = bySheet.get(e.sheet);
    const col = r?.tall ? r.block.start + 1 : r?.code.get(e.courseCol);
    return col === undefined ? undefined : { sheet: e.sheet, row: e.row, col };
  };
  grades.registers.forEach((reg, i) => {
    const h = new HelperBlock(reg.sheet, width(result.gradeGrids[i]));
    const helpers: RegisterHelpers = { block: h, tall: reg.layout === "tall", parsed: new Map(), code: new Map() };
    bySheet.set(reg.sheet, helpers);
    const grid = result.gradeGrids[i];
    const top = reg.headerRows[0];
    const parse = (row: number, scoreCol: number, col: number) =>
      h.setCell(row, col, sharedFormula(row, col, () => scoreFormula(localRef(row, scoreCol), words), scoreResult(parseScore(grid.rows[row]?.[scoreCol] ?? null, gradeWords))));
    if (helpers.tall) {
      const scores = reg.scoreRows ?? { rows: [], col: 0 };
      h.setCell(top, h.start, cell("成绩（解析）", "computedHeader"));
      h.setCell(top, h.start + 1, cell("课程结果", "computedHeader"));
      h.hidden.push(h.start);
      for (const r of scores.rows) parse(r, scores.col, h.start);
      return;
    }
    const groups = [...new Map(reg.entries.map((e) => [e.courseCol, e])).values()].sort((a, b) => a.courseCol - b.courseCol);
    let c = h.start;
    for (const g of groups) {
      const parts = SCORE_PARTS.filter((p) => g.at[p] !== undefined);
      const label = reg.layout === "wide" ? `${g.course}·` : "";
      parts.forEach((p, k) => {
        h.setCell(top, c + k, cell(`${label}${PART_TITLE[p]}（解析）`, "computedHeader"));
        h.hidden.push(c + k);
        helpers.parsed.set((g.at[p] as PartCell).col, c + k);
      });
      // A single 补考成绩 column is parsed too: the code formula offers it to both parts.
      if (g.makeup) {
        const m = c + parts.length;
        h.setCell(top, m, cell(`${label}补考（解析）`, "computedHeader"));
        h.hidden.push(m);
        helpers.parsed.set(g.makeup.at.col, m);
      }
      const code = c + parts.length + (g.makeup ? 1 : 0);
      h.setCell(top, code, cell(`${label}课程结果`, "computedHeader"));
      helpers.code.set(g.courseCol, code);
      c = code + 1;
    }
    for (const e of reg.entries) {
      for (const p of SCORE_PARTS) {
        const at = e.at[p];
        const col = at && helpers.parsed.get(at.col);
        if (at && col !== undefined) parse(e.row, at.col, col);
      }
      const m = e.makeup && helpers.parsed.get(e.makeup.at.col);
      if (e.makeup && m !== undefined) parse(e.row, e.makeup.at.col, m);
    }
  });

  // The codes: for a course in the index, from its (united) parts; other rows from their own.
  /** The parsed entry the index holds for this very row, if it is the one the index chose. */
  const indexedEntry = (entry: GradeEntry): ParsedEntry | undefined => {
    const p = grades.byStudent.get(entry.student)?.get(entry.courseKey);
    return p && p.entry.sheet === entry.sheet && p.entry.row === entry.row && p.entry.courseCol === entry.courseCol ? p : undefined;
  };
  for (const reg of grades.registers) {
    const h = (bySheet.get(reg.sheet) as RegisterHelpers).block;
    for (const own of reg.entries) {
      const at = codeCell(own);
      if (!at) continue;
      const indexed = indexedEntry(own);
      const e = indexed?.entry ?? own;
      const refs = {} as Record<ScorePart, string>;
      let sameRow = true;
      for (const p of SCORE_PARTS) {
        const score = e.at[p];
        const parsed = score && parsedCell(score);
        if (!parsed) {
          refs[p] = '""';
          continue;
        }
        if (parsed.sheet !== at.sheet || parsed.row !== at.row) sameRow = false;
        refs[p] = parsed.sheet === at.sheet ? localRef(parsed.row, parsed.col) : ref(parsed.sheet, parsed.row, parsed.col);
      }
      // The formula decides live which part a single makeup belongs to (the first sitting that failed).
      const single = own.makeup && parsedCell(own.makeup.at);
      if (single) refs.theoryMakeup = refs.practicalMakeup = localRef(single.row, single.col);
      const scores = indexed?.scores ?? parseAll(e, gradeWords);
      const text = () => courseCodeFormula(refs.theory, refs.practical, refs.theoryMakeup, refs.practicalMakeup);
      // Same-row codes of a column share one formula; codes reading other rows are each their own.
      h.setCell(at.row, at.col, sameRow && reg.layout !== "tall" ? sharedFormula(at.row, at.col, text, codeOf(scores)) : formula(text(), codeOf(scores)));
    }
  }
  const blocks = [...bySheet.values()].map((r) => r.block.block()).filter((b): b is Block => b !== null);
  return { blocks, codeCell };
}

function parseAll(e: GradeEntry, words: Settings["gradeWords"]): Record<ScorePart, Score> {
  const out = {} as Record<ScorePart, Score>;
  for (const p of SCORE_PARTS) out[p] = parseScore(e.values[p] ?? null, words);
  return out;
}

/**
 * Runs of consecutive rows in a helper column become shared formulas (see SpecCell.shareRange):
 * every formula of a helper column has the same shape, so a cell right below the run's last one
 * joins it, and its formula text is never made (500,000 grade rows would otherwise hold 2.5
 * million formula strings).
 */
function formulaRuns(): (row: number, col: number, text: () => string, result: CellValue) => SpecCell {
  const runs = new Map<number, { master: SpecCell; ref: string; last: number; followers: Map<CellValue, SpecCell> }>();
  return (row, col, text, result) => {
    const run = runs.get(col);
    if (run && run.last === row - 1) {
      run.last = row;
      run.master.shareRange = `${run.ref}:${localRef(row, col)}`;
      // A follower is its run and its result only, so the run's cells with the same result (a
      // score of 85, a course passed) are one object: never changed, read by every host.
      let follower = run.followers.get(result);
      if (!follower) run.followers.set(result, (follower = { sharedWith: run.ref, result }));
      return follower;
    }
    const master = formula(text(), result);
    runs.set(col, { master, ref: localRef(row, col), last: row, followers: new Map() });
    return master;
  };
}

const PART_TITLE: Record<ScorePart, string> = { theory: "理论", practical: "实操", theoryMakeup: "理论补考", practicalMakeup: "实操补考" };

function codeOf(s: Record<ScorePart, Score>): number {
  const o = courseOutcome(partOutcome(s.theory, s.theoryMakeup).outcome, partOutcome(s.practical, s.practicalMakeup).outcome);
  return o === "passed" ? 1 : o === "failed" ? -1 : 0;
}

/** The four computed columns right of the roster (forms.md 2): count and level live, status and note too. */
function computedColumns(result: CheckResult, codeCell: Helpers["codeCell"]): Block {
  const t = result.roster.table;
  const start = width(t.grid);
  const cells: (SpecCell | null)[][] = [COMPUTED_HEADERS.map((h) => cell(h, "computedHeader"))];
  const first = t.headerRow;
  const s = result.settings;
  for (const a of result.applicants) {
    const r = a.identity.row;
    while (first + cells.length < r) cells.push([]);
    const mine: CourseCells[] = [];
    const earned: string[] = [];
    for (const res of a.courses.results) {
      if (!res.graded) continue;
      const code = codeCell(res.graded.entry);
      if (!code) continue;
      const existing = mine.find((m) => m.sheet === code.sheet && m.col === code.col);
      if (existing) existing.rows.push(code.row);
      else mine.push({ sheet: code.sheet, col: code.col, rows: [code.row] });
      const credits = res.course.credits || 0;
      if (credits > 0) earned.push(`(${ref(code.sheet, code.row, code.col)}=1)*${credits}`);
    }
    const countCell = localRef(r, start);
    const levelCell = localRef(r, start + 1);
    const statusCell = localRef(r, start + 2);
    const d = a.decision;
    // No graded related course: nothing to count, a plain 0 (LibreOffice drops a constant formula).
    const row: SpecCell[] = [mine.length ? formula(countCodes(mine, 1), a.courses.passedCourses, "computed") : cell(0, "computed")];
    const blocked = d.status === "invalid" || d.status === "ineligible" || d.status === "review";
    if (blocked) {
      row.push(cell(null, "computed"), cell(STATUS_LABELS[d.status], "computed"), cell(blockedNote(a), "computed"));
    } else {
      const allowed = allowedLevels(a.identity.occupation?.levels ?? [3, 4], cohortAllows(a.identity.cohortKind));
      const failed = s.failedMakeup === "disqualify" ? countCodes(mine, -1) : undefined;
      const hasCredits = Object.keys(s.creditThresholds).length > 0;
      const level = levelFormula({
        count: countCell, allowed, failed: failed === "0" ? undefined : failed,
        credits: hasCredits ? { earned: earned.length ? earned.join("+") : "0", thresholds: s.creditThresholds } : undefined,
      });
      const asked3 = a.identity.requestedLevel === 3;
      const fail = failed && failed !== "0" ? `(${failed})>0` : "FALSE";
      const status = `IF(${fail},"${STATUS_LABELS.disqualified}",IF(${levelCell}="","${STATUS_LABELS.incomplete}",${asked3 ? `IF(${levelCell}=4,"${STATUS_LABELS.downgrade}","${STATUS_LABELS.eligible}")` : `"${STATUS_LABELS.eligible}"`}))`;
      const lowest = allowed[allowed.length - 1] as Level;
      const reach3 = asked3 && allowed.includes(3);
      const note = `IF(${statusCell}="${STATUS_LABELS.disqualified}","有相关课程补考仍不及格，按通知取消认定资格",IF(${levelCell}="","还差 "&(${COURSES_NEEDED[lowest]}-${countCell})&" 门合格相关课程",IF(${statusCell}="${STATUS_LABELS.downgrade}","申报三级，目前可认定四级${reach3 ? `，还差 "&(${COURSES_NEEDED[3]}-${countCell})&" 门` : ""}","")))`;
      row.push(
        formula(level, d.eligibleLevel ?? "", "computed"),
        formula(status, STATUS_LABELS[d.status], "computed"),
        formula(note, noteResult(a, lowest, reach3), "computed"),
      );
    }
    cells.push(row);
  }
  return { sheet: t.sheet, row: first, col: start, cells, widths: [10, 10, 12, 40], hiddenCols: [] };
}

function noteResult(a: ApplicantDetail, lowest: Level, reach3: boolean): string {
  const c = a.courses.passedCourses;
  switch (a.decision.status) {
    case "disqualified": return "有相关课程补考仍不及格，按通知取消认定资格";
    case "incomplete": return `还差 ${COURSES_NEEDED[lowest] - c} 门合格相关课程`;
    case "downgrade": return `申报三级，目前可认定四级${reach3 ? `，还差 ${COURSES_NEEDED[3] - c} 门` : ""}`;
    default: return "";
  }
}

function blockedNote(a: ApplicantDetail): string {
  if (a.decision.status === "review") return "竞赛取证，由认定中心人工审核";
  const own = a.identity.issues.find((i) => i.severity === "error");
  return own ? own.message : STATUS_LABELS[a.decision.status];
}

/** forms.md 1: every error and warning cell; incomplete applicants' roster rows and their unmet score cells. */
export function markCells(result: CheckResult): Mark[] {
  const byCell = new Map<string, Mark>();
  const add = (m: Mark) => {
    const k = `${m.sheet}!${m.row}!${m.col}`;
    const old = byCell.get(k);
    if (!old) return void byCell.set(k, m);
    if (MARK_RANK[m.kind] > MARK_RANK[old.kind]) old.kind = m.kind;
    if (m.note) old.note = old.note ? `${old.note}\n${m.note.slice(NOTE_PREFIX.length)}` : m.note;
  };
  for (const i of result.report.issues) {
    // The journal's own warning stands on the journal sheet, which the run replaces.
    if (i.severity === "info" || i.code === "JOURNAL_SKIPPED") continue;
    const at = parseA1(i.cell);
    if (!at) continue;
    add({ sheet: i.sheet, ...at, kind: i.severity, note: NOTE_PREFIX + i.message });
  }
  const t = result.roster.table;
  const cols = [...t.columns.values()];
  const [from, to] = [Math.min(...cols), Math.max(...cols)];
  for (const a of result.applicants) {
    if (a.decision.status !== "incomplete" && a.decision.status !== "downgrade") continue;
    for (let c = from; c <= to; c++) add({ sheet: t.sheet, row: a.identity.row, col: c, kind: "incomplete", note: null });
    for (const r of a.courses.results) {
      if (!r.graded || r.outcome === "passed") continue;
      const e = r.graded.entry;
      for (const [first, makeup, outcome] of [["theory", "theoryMakeup", r.theory], ["practical", "practicalMakeup", r.practical]] as const) {
        if (outcome === "passed") continue;
        const part = outcome === "failed" || (outcome === "pendingMakeup" && e.at[makeup] !== undefined) ? makeup : first;
        const cell = e.at[part] ?? e.at[first];
        if (cell === undefined) continue;
        // A fill only: the roster's 说明 column says what is missing, and thousands of notes make a workbook slow to open.
        add({ ...cell, kind: "missing", note: null });
      }
    }
  }
  return [...byCell.values()];
}


/** The plain record the generated sheets are made from. */
export function outputApplicant(result: CheckResult, a: ApplicantDetail): OutputApplicant {
  const t = result.roster.table;
  const id = a.identity;
  const text = (f: Parameters<typeof textOf>[2]) => textOf(t, id.row, f);
  const courses: OutputCourse[] = a.courses.results.map((r) => {
    const v = (p: ScorePart) => (r.graded ? (r.graded.entry.values[p] ?? null) : null);
    const shown = (x: CellValue) => (x === null ? null : typeof x === "number" ? x : cellText(x));
    return {
      name: r.course.name, theory: shown(v("theory")), practical: shown(v("practical")), theoryMakeup: shown(v("theoryMakeup")), practicalMakeup: shown(v("practicalMakeup")),
      outcome: { passed: "合格", failed: "补考不及格", pending: "待补考", missing: "缺成绩" }[r.outcome],
    };
  });
  return {
    name: id.name, sex: id.sex, idNumber: id.idNumber, studentId: id.studentId, cohort: id.cohort,
    department: text("department"), major: text("major"), className: text("className"), phone: text("phone"),
    occupation: id.occupation, occupationCode: a.report.occupationCode, occupationName: text("occupationName"), workType: a.report.workType,
    requestedLevel: id.requestedLevel, eligibleLevel: a.decision.eligibleLevel, status: a.decision.status, passedCourses: a.courses.passedCourses,
    certificateNo: text("certificateNo").replace(/ /g, "").toUpperCase(), courses,
  };
}
