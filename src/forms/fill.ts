// `kezheng fill`: the applicants put into a template someone else made (the evaluation system's
// 考生信息导入模板, the city centre's 合格人员名册). The template is read, not assumed: its header row,
// its columns, its drop-down lists and its cell formats decide what is written where.
import type { Level } from "../domain/catalogue";
import { STATUS_LABELS } from "../domain/eligibility";
import { levelName } from "../domain/levels";
import { HEADER_SCAN_ROWS } from "./detect";
import { headerKey, matchField } from "./fields";
import { cellText, isBlank, type CellValue, type Grid } from "./grid";
import { issueAt, type Issue } from "./issue";
import { levelInWordingOf, matchEntry } from "./listmatch";
import { canBePutForward, type OutputApplicant } from "./output";
import { TEMPLATE_FIELDS, TEXT_FIELDS, type TemplateField } from "./templatefields";

/** How a column's cells are formatted (its number format), as the host reads it. */
export type ColumnFormat = "text" | "date" | "general";

/** The header row of a sheet: the row (within the first 30) naming the most known fields. */
export function templateHeaderRow(grid: Grid): { row: number; fields: number } | null {
  let best: { row: number; fields: number } | null = null;
  const last = Math.min(grid.rows.length, HEADER_SCAN_ROWS);
  for (let row = 0; row < last; row++) {
    const found = new Set<TemplateField>();
    for (const v of grid.rows[row] ?? []) {
      const f = typeof v === "string" ? matchField(TEMPLATE_FIELDS, v) : null;
      if (f) found.add(f);
    }
    // A template names a person: at least a name or an ID number, and two more fields.
    if (found.size >= 3 && (found.has("name") || found.has("idNumber")) && (!best || found.size > best.fields)) best = { row, fields: found.size };
  }
  return best;
}

/** The sheet to fill: the visible sheet whose header names the most fields (code-list sheets are hidden). */
export function chooseTemplateSheet(sheets: readonly { grid: Grid; hidden: boolean }[]): { index: number; headerRow: number } | null {
  let best: { index: number; headerRow: number; fields: number } | null = null;
  for (let index = 0; index < sheets.length; index++) {
    if (sheets[index].hidden) continue;
    const h = templateHeaderRow(sheets[index].grid);
    if (h && (!best || h.fields > best.fields)) best = { index, headerRow: h.row, fields: h.fields };
  }
  return best ? { index: best.index, headerRow: best.headerRow } : null;
}

export interface TemplateSheet {
  grid: Grid;
  headerRow: number;
  /** Drop-down list entries per 0-based column. */
  lists: ReadonlyMap<number, readonly string[]>;
  formats: ReadonlyMap<number, ColumnFormat>;
}

export interface FillApplicant {
  applicant: OutputApplicant;
  /** The applicant's roster row as read (for columns the product has no field for). */
  rosterCells: readonly CellValue[];
}

export interface FillSource {
  applicants: readonly FillApplicant[];
  /** The roster's header cells: header key -> 0-based column. */
  rosterHeader: ReadonlyMap<string, number>;
}

export interface FillColumn {
  col: number;
  header: string;
  /** A template field, `花名册:<header>` for a roster column of the same name, or null (left empty). */
  field: string | null;
}

export interface FillPlan {
  sheet: string;
  /** 0-based header row. */
  headerRow: number;
  columns: FillColumn[];
  /** 0-based first row written. */
  firstRow: number;
  /** The rows written from firstRow: one value per column (null: the cell is blanked, its style kept). */
  rows: CellValue[][];
  /** Cells of example rows that no written value replaces: blanked (their style kept). */
  blanks: { row: number; cols: number[] }[];
  /** The first row below the header that holds data, and what it holds (the refusal names it). */
  existing: { row: number; text: string } | null;
  /** Headers of columns no row got a value in. */
  emptyColumns: string[];
  issues: Issue[];
}

const EXAMPLE = /示例|样例|范例|例如|举例|^[（(]?例[)）:：]|填写示例|样本/;
const SAMPLE_NAMES = new Set(["张三", "李四", "王五", "赵六", "某某", "张某某", "李某某", "王某某", "XXX", "xxx", "×××"]);

/** A row the template holds as an example of how to fill it in. */
function isExampleRow(cells: readonly CellValue[], nameCol: number | undefined): boolean {
  if (cells.some((v) => typeof v === "string" && EXAMPLE.test(cellText(v)))) return true;
  const name = nameCol === undefined ? "" : cellText(cells[nameCol] ?? null);
  return SAMPLE_NAMES.has(name) || /某某|XXX|×××/i.test(name);
}

const rowBlank = (cells: readonly CellValue[] | undefined) => !cells || cells.every(isBlank);

/** Which of the template's columns each field or roster column goes to. */
function mapColumns(grid: Grid, headerRow: number, source: FillSource): FillColumn[] {
  const cells = grid.rows[headerRow] ?? [];
  const columns: FillColumn[] = [];
  // A field named twice (出生日期 and 出生年月) is written in both columns.
  cells.forEach((v, col) => {
    if (isBlank(v)) return;
    const header = cellText(v);
    const f = matchField(TEMPLATE_FIELDS, header);
    const key = headerKey(header);
    columns.push({ col, header, field: f ?? (source.rosterHeader.has(key) ? `花名册:${key}` : null) });
  });
  return columns;
}

const iso = (d: Date) => d.toISOString().slice(0, 10);

function birthDate(id: string): Date | null {
  const m = /^\d{6}(\d{4})(\d{2})(\d{2})\d{3}[\dX]$/.exec(id);
  if (!m) return null;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCMonth() === Number(m[2]) - 1 ? d : null;
}

/** A roster cell by any spelling of a field (民族, 文化程度...: the roster form does not have them). */
function rosterValue(src: FillApplicant, source: FillSource, spellings: readonly string[]): CellValue {
  for (const s of spellings) {
    const col = source.rosterHeader.get(headerKey(s));
    if (col !== undefined && !isBlank(src.rosterCells[col] ?? null)) return src.rosterCells[col] ?? null;
  }
  return null;
}

/** Our value of a field for one applicant, before the template's wording and formats apply. */
function fieldValue(field: TemplateField, header: string, src: FillApplicant, source: FillSource, seq: number): CellValue {
  const a = src.applicant;
  const spellings = TEMPLATE_FIELDS.find((f) => f.field === field)?.spellings ?? [];
  const orEmpty = (s: string) => (s === "" ? null : s);
  switch (field) {
    case "seq": return seq;
    case "name": return orEmpty(a.name);
    case "sex": return orEmpty(a.sex);
    case "idType": return a.idNumber ? "居民身份证" : null;
    case "idNumber": return orEmpty(a.idNumber);
    case "birthDate": return birthDate(a.idNumber) ?? rosterValue(src, source, spellings);
    case "phone": return orEmpty(a.phone);
    case "studentId": return orEmpty(a.studentId);
    case "department": return orEmpty(a.department);
    case "major": return orEmpty(a.major);
    case "className": return orEmpty(a.className);
    case "cohort": return cohortValue(header, src, source, a.cohort);
    case "occupationCode": return orEmpty(a.occupation?.code ?? a.occupationCode);
    case "occupationName": return orEmpty(a.occupation?.name ?? a.occupationName);
    case "workType": return orEmpty(a.occupation ? a.occupation.workType : a.workType);
    case "level": {
      const level: Level | null = a.eligibleLevel ?? a.requestedLevel;
      return level === null ? null : levelName(level);
    }
    case "route": return rosterValue(src, source, spellings) ?? "过程化考核";
    case "source": return rosterValue(src, source, spellings) ?? "在校生";
    case "certificateNo": return orEmpty(a.certificateNo);
    case "result": return canBePutForward(a) ? "合格" : STATUS_LABELS[a.status];
    case "ethnicity":
    case "education":
    case "issueDate":
      return rosterValue(src, source, spellings);
  }
}

/** 入学年份 wants the year; 年级 the roster's own words (2021级), unless they are a bare year. */
function cohortValue(header: string, src: FillApplicant, source: FillSource, cohort: number | null): CellValue {
  if (/年份|年度/.test(headerKey(header))) return cohort;
  const typed = rosterValue(src, source, ["年级", "入学年级", "入学年份"]);
  if (typed === null) return cohort;
  const text = cellText(typed);
  return /^\d{4}$/.test(text) ? Number(text) : text;
}

export interface FillOptions {
  /** Write below rows that already hold data, instead of refusing. */
  append?: boolean;
  /** Everyone on the roster, not only those put forward. */
  all?: boolean;
}

/** The cells to write into a template sheet, and what the template could not take. */
export function planFill(t: TemplateSheet, source: FillSource, options: FillOptions = {}): FillPlan {
  const { grid, headerRow } = t;
  const columns = mapColumns(grid, headerRow, source);
  const nameCol = columns.find((c) => c.field === "name")?.col;
  // Example rows: the first rows right below the header that show how to fill it in.
  const examples: number[] = [];
  for (let r = headerRow + 1; r <= headerRow + 3 && r < grid.rows.length; r++) {
    const cells = grid.rows[r];
    if (rowBlank(cells)) continue;
    if (!isExampleRow(cells, nameCol)) break;
    examples.push(r);
  }
  let existing: FillPlan["existing"] = null;
  let lastData = -1;
  let dataRows = 0;
  for (let r = headerRow + 1; r < grid.rows.length; r++) {
    if (examples.includes(r) || rowBlank(grid.rows[r])) continue;
    existing ??= { row: r, text: (grid.rows[r] ?? []).filter((v) => !isBlank(v)).slice(0, 3).map(cellText).join(" ") };
    lastData = r;
    dataRows++;
  }
  const firstRow = options.append && lastData >= 0 ? lastData + 1 : headerRow + 1;
  const chosen = source.applicants.filter((s) => options.all || canBePutForward(s.applicant));
  const issues: Issue[] = [];
  const filled = new Set<number>();
  const hint = (col: number) => (examples.length ? cellText(grid.rows[examples[0]]?.[col] ?? null) : "");

  const present = (c: FillColumn, value: CellValue, row: number): CellValue => {
    if (value === null || value === "") return null;
    const field = c.field && !c.field.startsWith("花名册:") ? (c.field as TemplateField) : null;
    const format = t.formats.get(c.col) ?? "general";
    const list = t.lists.get(c.col);
    // Dates in the column's own date format, or as yyyy-mm-dd text (a text or General column).
    if (value instanceof Date) return format === "date" ? value : iso(value);
    const text = cellText(value);
    let entry: string | null = null;
    if (list && list.length) {
      entry = matchEntry(field, text, list);
      if (entry === null) issues.push(issueAt(grid.name, row, c.col, "TEMPLATE_VALUE_NOT_IN_LIST", { column: c.header, value: text, choices: list.slice(0, 8).join("、") + (list.length > 8 ? "……" : "") }));
    } else if (field && WORDED.has(field) && hint(c.col) !== "") {
      // No list: the example row shows the wording the template expects.
      const ex = hint(c.col);
      if (field === "level") entry = levelInWordingOf(text.startsWith("三") ? 3 : 4, ex);
      else if (field === "sex" && /^[12]$/.test(normalizeDigits(ex))) entry = text === "男" ? "1" : text === "女" ? "2" : null;
      else entry = matchEntry(field, text, [ex]);
    }
    if (entry === null) return typeof value === "number" && format !== "text" && !(field && TEXT_FIELDS.has(field)) ? value : text;
    if ((field && TEXT_FIELDS.has(field)) || format === "text") return entry;
    // A list entry like 1 or 2 is a number in the cell, as Excel stores what a user picks from it.
    return /^-?\d{1,9}$/.test(entry) ? Number(entry) : entry;
  };

  const width = Math.max(0, ...columns.map((c) => c.col + 1), ...examples.map((r) => (grid.rows[r] ?? []).length));
  const rows: CellValue[][] = chosen.map((src, i) => {
    const row = firstRow + i;
    const out: CellValue[] = Array(width).fill(null);
    for (const c of columns) {
      let v: CellValue = null;
      if (c.field?.startsWith("花名册:")) v = src.rosterCells[source.rosterHeader.get(c.field.slice(4)) ?? -1] ?? null;
      else if (c.field) v = fieldValue(c.field as TemplateField, c.header, src, source, dataRows + i + 1);
      out[c.col] = present(c, v, row);
      if (out[c.col] !== null) filled.add(c.col);
    }
    return out;
  });
  for (const c of columns) if (c.field === null || (!filled.has(c.col) && isSourceless(c, source))) issues.push(issueAt(grid.name, headerRow, c.col, "TEMPLATE_COLUMN_UNFILLED", { column: c.header }));
  const blanks = examples.map((r) => ({
    row: r,
    cols: (grid.rows[r] ?? []).map((v, k) => (isBlank(v) || (rows[r - firstRow]?.[k] ?? null) !== null ? -1 : k)).filter((k) => k >= 0),
  }));
  return {
    sheet: grid.name, headerRow, columns, firstRow, rows, blanks, existing,
    emptyColumns: columns.filter((c) => !filled.has(c.col)).map((c) => c.header), issues,
  };
}

/** Fields whose wording templates choose (the example row shows it where there is no list). */
const WORDED: ReadonlySet<TemplateField> = new Set(["level", "sex", "idType", "source", "route", "result"]);

const normalizeDigits = (s: string) => s.replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0)).trim();

/** A known field the roster has no column for (民族, 文化程度, 发证日期): the user must fill it. */
function isSourceless(c: FillColumn, source: FillSource): boolean {
  if (c.field !== "ethnicity" && c.field !== "education" && c.field !== "issueDate") return false;
  const spellings = TEMPLATE_FIELDS.find((f) => f.field === c.field)?.spellings ?? [];
  return !spellings.some((s) => source.rosterHeader.has(headerKey(s)));
}
