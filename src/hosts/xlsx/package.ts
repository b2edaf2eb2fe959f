// An .xlsx/.xlsm package held as its zip: parts are read when asked for, edited parts are kept as
// text, and writing copies every part nobody changed exactly as it was stored.
import { UnusableWorkbook } from "../../app/port";
import { unusable } from "./open";
import { BadPackage, writeZip, ZipReader, type OutPart, type ZipEntry } from "./zip";
import { isMain, NS, REL, relativeTarget, relIdOf, relIs, relsPathOf, resolveTarget, XML_DECLARATION } from "./ooxml";
import { BLANK_PARTS } from "./blank";
import { element } from "./writer";
import { children, DamagedXml, decodeXml, insertChild, parseTree, type XNode } from "./xml";

export interface SheetRef {
  name: string;
  /** Part name without a leading slash, e.g. xl/worksheets/sheet1.xml. */
  path: string;
  rId: string;
  sheetId: number;
  state: "visible" | "hidden" | "veryHidden";
  /** A worksheet (not a chartsheet, dialog or macro sheet). */
  isWorksheet: boolean;
}

export interface Relationship {
  id: string;
  type: string;
  target: string;
  external: boolean;
}

// The names of the format live in ooxml.ts; they are exported here too for the modules that import them from the package.
export { CONTENT_TYPE, REL, relativeTarget, relIs, relsPathOf, resolveTarget } from "./ooxml";
export { insertChild } from "./xml";

/** A part made as it is written: string pieces, never the whole part at once. */
export type Pieces = () => Iterable<string>;

/** A binary part read only when the zip writer reaches it, and stored (a JPEG does not deflate):
 * thousands of photos are never held at once. */
export class LazyStored {
  constructor(readonly read: () => Uint8Array) {}
}

export class XlsxPackage {
  private readonly changed = new Map<string, string | Uint8Array | Pieces | LazyStored>();
  private readonly removed = new Set<string>();
  /** Part names in the order they were stored; new parts follow. */
  private readonly order: string[];

  private constructor(readonly fileName: string, readonly zip: ZipReader) {
    this.order = [...zip.entries.keys()];
  }

  /** Opens a package, or says in one line why it cannot be used. */
  static open(fileName: string, bytes: Uint8Array): XlsxPackage {
    let zip: ZipReader;
    try {
      zip = new ZipReader(bytes);
    } catch (e) {
      throw packageError(fileName, e);
    }
    const pkg = new XlsxPackage(fileName, zip);
    if (!withinPackage(pkg, () => pkg.workbookPath())) throw unusable(fileName, "FILE_NOT_WORKBOOK");
    return pkg;
  }

  /** An empty package to build new workbooks in (template, demo, merge). */
  static blank(fileName: string): XlsxPackage {
    const pkg = new XlsxPackage(fileName, new ZipReader(EMPTY_ZIP));
    for (const [name, text] of Object.entries(BLANK_PARTS)) pkg.set(name, text);
    return pkg;
  }

  has(part: string): boolean {
    return !this.removed.has(part) && (this.changed.has(part) || this.zip.entries.has(part));
  }

  bytes(part: string): Uint8Array {
    const c = this.changed.get(part);
    if (c instanceof LazyStored) return c.read();
    if (c !== undefined) return c instanceof Uint8Array ? c : new TextEncoder().encode(typeof c === "string" ? c : [...c()].join(""));
    const e = this.zip.entries.get(part);
    if (!e || this.removed.has(part)) throw this.missing(part);
    try {
      return this.zip.read(e);
    } catch (err) {
      throw packageError(this.fileName, err);
    }
  }

  /** The part parsed (a small part: rels, workbook, styles, comments); not well-formed XML is DamagedXml naming it. */
  tree(part: string): XNode {
    return parseTree(this.text(part), part);
  }

  text(part: string): string {
    const c = this.changed.get(part);
    return typeof c === "string" ? c : decodeXml(this.bytes(part));
  }

  /** The part's text as it is now, to be read again later: a stored part is inflated anew at each
   * call (so its text is not held in between), a changed one is given as it is. */
  textSource(part: string): () => string {
    if (!this.untouched(part)) {
      const text = this.text(part);
      return () => text;
    }
    const stored = this.zip.entries.get(part);
    return () => {
      try {
        return decodeXml(this.zip.read(stored as NonNullable<typeof stored>));
      } catch (err) {
        throw packageError(this.fileName, err);
      }
    };
  }

  /** The part's size as stored (uncompressed), or its length as changed; for weighing work. */
  size(part: string): number {
    const c = this.changed.get(part);
    if (c === undefined) return this.zip.entries.get(part)?.size ?? 0;
    return typeof c === "string" || c instanceof Uint8Array ? c.length : 0;
  }

  /** Inflates a stored part chunk by chunk (the reader streams sheets through this). */
  stream(part: string, onChunk: (bytes: Uint8Array) => void): void {
    if (this.changed.has(part)) return onChunk(this.bytes(part));
    const e = this.zip.entries.get(part);
    if (!e || this.removed.has(part)) throw this.missing(part);
    try {
      this.zip.stream(e, onChunk);
    } catch (err) {
      throw packageError(this.fileName, err);
    }
  }

  /** A part a relationship points at is not in the package. */
  private missing(part: string): UnusableWorkbook {
    return UnusableWorkbook.coded("PART_MISSING", { file: this.fileName, part });
  }

  set(part: string, content: string | Uint8Array | Pieces | LazyStored): void {
    this.changed.set(part, content);
    this.removed.delete(part);
    if (!this.order.includes(part)) this.order.push(part);
  }

  remove(part: string): void {
    this.changed.delete(part);
    this.removed.add(part);
  }

  /** Was this part left as it was stored? */
  untouched(part: string): boolean {
    return !this.changed.has(part) && !this.removed.has(part) && this.zip.entries.has(part);
  }

  parts(): string[] {
    return this.order.filter((p) => this.has(p));
  }

  /** The parts the next write makes afresh (every other part is copied as stored, CRC and all). */
  madeParts(): string[] {
    return this.parts().filter((p) => !this.untouched(p));
  }

  /** A part name not yet used: xl/worksheets/sheet{n}.xml with the smallest free n. */
  freeName(pattern: (n: number) => string): string {
    const lower = new Set(this.parts().map((p) => p.toLowerCase()));
    for (let n = 1; ; n++) if (!lower.has(pattern(n).toLowerCase())) return pattern(n);
  }

  // --- relationships and content types ---

  rels(part: string): Relationship[] {
    const path = relsPathOf(part);
    if (!this.has(path)) return [];
    const root = this.tree(path);
    return children(root, "Relationship").map((r) => ({
      id: r.attrs.Id, type: r.attrs.Type, target: r.attrs.Target ?? "", external: r.attrs.TargetMode === "External",
    }));
  }

  /** Adds a relationship from a part and returns its id (the smallest free rIdN). */
  addRel(source: string, type: string, targetPart: string): string {
    const path = relsPathOf(source);
    const xml = this.has(path) ? this.text(path) : XML_DECLARATION + element("Relationships", { xmlns: NS.pkgRel }, "");
    const root = parseTree(xml, path);
    const ids = new Set(children(root, "Relationship").map((r) => r.attrs.Id));
    let n = 1;
    while (ids.has(`rId${n}`)) n++;
    const id = `rId${n}`;
    const el = element("Relationship", { Id: id, Type: type, Target: relativeTarget(source, targetPart) });
    this.set(path, insertChild(xml, root, el));
    return id;
  }

  removeRel(source: string, id: string): void {
    const path = relsPathOf(source);
    if (!this.has(path)) return;
    const xml = this.text(path);
    const root = parseTree(xml, path);
    const r = children(root, "Relationship").find((x) => x.attrs.Id === id);
    if (!r) return;
    // A sheet's rels part left without relationships goes (the workbook's and the package's always stay).
    if (children(root, "Relationship").length === 1 && source !== "" && source !== this.workbookPath()) {
      this.remove(path);
      return;
    }
    this.set(path, xml.slice(0, r.start) + xml.slice(r.end));
  }

  /** Target part of a relationship of a given type, where there is one. */
  relTarget(source: string, type: string): string | null {
    const r = this.rels(source).find((x) => relIs(x.type, type) && !x.external);
    return r ? resolveTarget(source, r.target) : null;
  }

  setOverride(part: string, contentType: string): void {
    const xml = this.text("[Content_Types].xml");
    const root = parseTree(xml, "[Content_Types].xml");
    const existing = children(root, "Override").find((o) => o.attrs.PartName?.toLowerCase() === `/${part}`.toLowerCase());
    if (existing) return;
    this.set("[Content_Types].xml", insertChild(xml, root, element("Override", { PartName: `/${part}`, ContentType: contentType })));
  }

  ensureDefault(extension: string, contentType: string): void {
    const xml = this.text("[Content_Types].xml");
    const root = parseTree(xml, "[Content_Types].xml");
    if (children(root, "Default").some((d) => d.attrs.Extension?.toLowerCase() === extension)) return;
    // Defaults come before overrides.
    const first = root.children[0];
    const el = element("Default", { Extension: extension, ContentType: contentType });
    this.set("[Content_Types].xml", first ? xml.slice(0, first.start) + el + xml.slice(first.start) : insertChild(xml, root, el));
  }

  removeOverride(part: string): void {
    const xml = this.text("[Content_Types].xml");
    const root = parseTree(xml, "[Content_Types].xml");
    const o = children(root, "Override").find((x) => x.attrs.PartName?.toLowerCase() === `/${part}`.toLowerCase());
    if (o) this.set("[Content_Types].xml", xml.slice(0, o.start) + xml.slice(o.end));
  }

  // --- the workbook ---

  workbookPath(): string | null {
    const rel = this.rels("").find((r) => relIs(r.type, REL.officeDocument));
    if (rel) {
      const path = resolveTarget("", rel.target);
      if (this.has(path)) return path;
    }
    return this.has("xl/workbook.xml") ? "xl/workbook.xml" : null;
  }

  workbook(): string {
    return this.workbookPath() as string;
  }

  /** The sheets in workbook order, following workbook.xml.rels (never guessing part names). */
  sheets(): SheetRef[] {
    const wb = this.workbook();
    const root = this.tree(wb);
    const rels = new Map(this.rels(wb).map((r) => [r.id, r]));
    const sheetsNode = children(root, "sheets")[0];
    if (!sheetsNode) return [];
    return children(sheetsNode, "sheet").map((s) => {
      const rId = relIdOf(s);
      const rel = rels.get(rId);
      return {
        name: s.attrs.name ?? "", rId, sheetId: Number(s.attrs.sheetId), state: (s.attrs.state as SheetRef["state"]) ?? "visible",
        path: rel ? resolveTarget(wb, rel.target) : "", isWorksheet: !!rel && relIs(rel.type, REL.worksheet) && isMain(s.uri),
      };
    });
  }

  /** The whole package as zip chunks, untouched parts copied as stored, [Content_Types].xml first;
   * handed to `sink` as they are made if given (nothing is returned then); `progress` counts parts written. */
  write(sink?: (chunk: Uint8Array) => void, progress?: (done: number, total: number) => void): Uint8Array[] {
    const names = this.parts();
    const ordered = [...names.filter((n) => n === "[Content_Types].xml"), ...names.filter((n) => n !== "[Content_Types].xml")];
    const parts = ordered.map((name): OutPart => {
      if (this.untouched(name)) return { name, copy: this.zip.entries.get(name) as ZipEntry, from: this.zip };
      const c = this.changed.get(name) as string | Uint8Array | Pieces | LazyStored;
      if (c instanceof LazyStored) return { name, stored: c.read };
      if (c instanceof Uint8Array) return { name, data: c };
      return { name, pieces: typeof c === "string" ? () => [c] : c };
    });
    return writeZip(progress ? counted(parts, progress) : parts, sink);
  }
}

/** The parts, each counted once the zip writer has taken it in (the generator resumes then). */
function* counted(parts: OutPart[], progress: (done: number, total: number) => void): Iterable<OutPart> {
  for (let i = 0; i < parts.length; i++) {
    yield parts[i];
    progress(i + 1, parts.length);
  }
}

/** Runs work on a user's package: a damaged part found on the way (DamagedXml) becomes a coded
 * UnusableWorkbook naming the file and the sheet (or part), never an internal error. */
export function withinPackage<T>(pkg: XlsxPackage, run: () => T): T {
  try {
    return run();
  } catch (e) {
    throw e instanceof DamagedXml ? damagedPart(pkg, e) : e;
  }
}

function damagedPart(pkg: XlsxPackage, e: DamagedXml): UnusableWorkbook {
  const file = pkg.fileName;
  // A worksheet is named as the user knows it (its tab), when the workbook that names it is sound.
  const lookUp = e.part !== null && !e.part.endsWith(".rels") && e.part !== "[Content_Types].xml" && e.part !== pkg.workbookPath();
  const sheet = lookUp ? withinPackage(pkg, () => pkg.sheets()).find((s) => s.path === e.part) : undefined;
  if (sheet) return UnusableWorkbook.coded(e.defect === "noSheetData" ? "SHEET_NO_DATA" : "SHEET_NOT_XML", { file, sheet: sheet.name }, e.message);
  return UnusableWorkbook.coded("PART_NOT_XML", { file, part: e.part ?? "XML" }, e.message);
}

function packageError(fileName: string, e: unknown): UnusableWorkbook {
  if (e instanceof UnusableWorkbook) return e;
  if (e instanceof BadPackage) {
    return unusable(fileName, e.code, e.message);
  }
  return unusable(fileName, "FILE_NOT_WORKBOOK");
}

const EMPTY_ZIP = Uint8Array.of(0x50, 0x4b, 5, 6, ...Array(18).fill(0));
