// styles.xml, edited: fonts, fills, borders, number formats and cell formats the product needs are
// appended (an identical one already there is reused), and everything else stays as written.
import type { StyleName } from "../../forms/sheetspec";
import { CONTENT_TYPE, isMain, REL } from "./ooxml";
import { minimalStylesheet } from "./blank";
import type { XlsxPackage } from "./package";
import { element, insertInSchemaOrder, SCHEMA_ORDER, setAttr, withPrefix } from "./writer";
import { child, children, insertChild, outer, parseTree, prefixOf, type XNode } from "./xml";

type Collection = "numFmts" | "fonts" | "fills" | "borders" | "cellXfs";

const BOX = ["left", "right", "top", "bottom"].map((side) => element(side, { style: "thin" }, element("color", { rgb: "FF808080" }))).join("") + element("diagonal");

interface StyleParts {
  font?: string;
  fill?: string;
  border?: string;
  numFmt?: string;
  alignment?: Record<string, string>;
}

const font = (size: number, bold = false, color?: string) => element("font", null, (bold ? element("b") : "") + element("sz", { val: size })
  + (color ? element("color", { rgb: color }) : "") + element("name", { val: "宋体" }) + element("family", { val: 3 }) + element("charset", { val: 134 }));
export const solidFill = (argb: string) => element("fill", null, element("patternFill", { patternType: "solid" }, element("fgColor", { rgb: argb }) + element("bgColor", { indexed: 64 })));

const STYLE_PARTS: Record<StyleName, StyleParts> = {
  title: { font: font(16, true), alignment: { horizontal: "center", vertical: "center", wrapText: "1" } },
  subtitle: { font: font(11), alignment: { horizontal: "center", vertical: "center", wrapText: "1" } },
  titleAcross: { font: font(16, true), alignment: { horizontal: "centerContinuous", vertical: "center" } },
  subtitleAcross: { font: font(11), alignment: { horizontal: "centerContinuous", vertical: "center" } },
  header: { font: font(11, true), alignment: { horizontal: "center", vertical: "center", wrapText: "1" }, border: BOX, fill: solidFill("FFF2F2F2") },
  cell: { font: font(11), alignment: { vertical: "center", wrapText: "1" }, border: BOX, numFmt: "@" },
  text: { font: font(11), numFmt: "@" },
  date: { font: font(11), numFmt: "yyyy-mm-dd", border: BOX },
  center: { font: font(11), alignment: { horizontal: "center" } },
  box: { font: font(11), alignment: { vertical: "center", wrapText: "1" }, border: BOX },
  // Scores and counts in a form's boxes: centred, so numbers and words (优秀, 78分) line up.
  boxCenter: { font: font(11), alignment: { horizontal: "center", vertical: "center", wrapText: "1" }, border: BOX },
  label: { font: font(11, true), alignment: { vertical: "center" }, border: BOX },
  note: { font: font(11), alignment: { vertical: "top" } },
  computedHeader: { font: font(11, true, "FF1F4E79"), fill: solidFill("FFE2EFDA"), alignment: { horizontal: "center", wrapText: "1" }, border: BOX },
  computed: { font: font(11, false, "FF1F4E79"), fill: solidFill("FFF3F9EE"), border: BOX },
  // A long value in a large table's unstyled body: wraps within its column (forms/layout.ts).
  wrap: { alignment: { wrapText: "1" } },
};

const BUILTIN_FORMATS: Record<string, number> = { General: 0, "0": 1, "0.00": 2, "@": 49, "yyyy-mm-dd": -1 };

export class Styles {
  readonly part: string;
  private xml: string;
  private root: XNode;
  private prefix: string;
  /** Element XML of each collection, existing ones as written, then ours. */
  private readonly items = new Map<Collection, string[]>();
  private readonly added = new Map<Collection, string[]>();
  private readonly index = new Map<Collection, Map<string, number>>();
  private readonly namedCache = new Map<string, number>();
  /** Every numFmtId in use (a code may be defined twice, under two ids). */
  private readonly numFmtIds = new Set<number>();

  constructor(private readonly pkg: XlsxPackage) {
    const wb = pkg.workbook();
    let part = pkg.relTarget(wb, REL.styles);
    if (!part || !pkg.has(part)) {
      // A package without styles (some generators): give it the minimal one Excel needs.
      part = part ?? "xl/styles.xml";
      pkg.set(part, minimalStylesheet(element("font", null, `${element("sz", { val: 11 })}${element("name", { val: "Calibri" })}`), false));
      if (!pkg.relTarget(wb, REL.styles)) pkg.addRel(wb, REL.styles, part);
      pkg.setOverride(part, CONTENT_TYPE.styles);
    }
    this.part = part;
    this.xml = pkg.text(part);
    this.root = parseTree(this.xml, part);
    this.prefix = prefixOf(this.root);
    for (const c of ["numFmts", "fonts", "fills", "borders", "cellXfs"] as Collection[]) {
      const node = child(this.root, c);
      const list = node ? node.children.filter((n) => isMain(n.uri)).map((n) => outer(this.xml, n)) : [];
      this.items.set(c, list);
      this.added.set(c, []);
      const idx = new Map<string, number>();
      if (c === "numFmts") {
        for (const n of node ? children(node, "numFmt") : []) {
          if (!idx.has(n.attrs.formatCode ?? "")) idx.set(n.attrs.formatCode ?? "", Number(n.attrs.numFmtId));
          this.numFmtIds.add(Number(n.attrs.numFmtId));
        }
      }
      else list.forEach((x, i) => idx.has(x) || idx.set(x, i));
      this.index.set(c, idx);
    }
  }

  /** The xf of a cell as written, e.g. for the journal. */
  xf(index: number): string | null {
    return this.items.get("cellXfs")?.[index] ?? null;
  }


  /** The fill of a cell format as written, or null for none. */
  fillOf(xfIndex: number): string | null {
    const id = Number(/\bfillId="(\d+)"/.exec(this.xf(xfIndex) ?? "")?.[1] ?? 0);
    return id === 0 ? null : (this.items.get("fills")?.[id] ?? null);
  }

  private saved = false;

  private ensure(c: Collection, xml: string): number {
    const idx = this.index.get(c) as Map<string, number>;
    const found = idx.get(xml);
    if (found !== undefined) return found;
    // Cells made while the package is written must use styles resolved before it was saved.
    if (this.saved) throw new Error(`style added after styles.xml was saved: ${xml}`);
    const list = this.items.get(c) as string[];
    list.push(xml);
    (this.added.get(c) as string[]).push(xml);
    idx.set(xml, list.length - 1);
    return list.length - 1;
  }

  /** The id of a number format: a built-in one, one the file defines, or one appended now. */
  numberFormat(code: string): number {
    const builtin = BUILTIN_FORMATS[code];
    if (builtin !== undefined && builtin >= 0) return builtin;
    const idx = this.index.get("numFmts") as Map<string, number>;
    const found = idx.get(code);
    if (found !== undefined) return found;
    let id = 164;
    while (this.numFmtIds.has(id)) id++;
    this.numFmtIds.add(id);
    idx.set(code, id);
    (this.added.get("numFmts") as string[]).push(element("numFmt", { numFmtId: id, formatCode: code }));
    return id;
  }

  /** The cell format of one of the product's named styles (for formula cells, General instead of text). */
  styleOf(name: StyleName, isFormula = false): number {
    const key = `${name}|${isFormula}`;
    const known = this.namedCache.get(key);
    if (known !== undefined) return known;
    const p = STYLE_PARTS[name];
    const fontId = p.font ? this.ensure("fonts", p.font) : 0;
    const fillId = p.fill ? this.ensure("fills", p.fill) : 0;
    const borderId = p.border ? this.ensure("borders", element("border", null, p.border)) : 0;
    const numFmtId = p.numFmt && !isFormula ? this.numberFormat(p.numFmt) : 0;
    const xf = element("xf", {
      numFmtId, fontId, fillId, borderId, xfId: 0,
      applyNumberFormat: numFmtId ? 1 : undefined, applyFont: p.font ? 1 : undefined, applyFill: p.fill ? 1 : undefined,
      applyBorder: p.border ? 1 : undefined, applyAlignment: p.alignment ? 1 : undefined,
    }, p.alignment ? element("alignment", p.alignment) : undefined);
    const i = this.ensure("cellXfs", xf);
    this.namedCache.set(key, i);
    return i;
  }

  /** A text-formatted cell format (columns of ID numbers in new sheets). */
  textFormat(): number {
    return this.ensure("cellXfs", element("xf", { numFmtId: 49, fontId: 0, fillId: 0, borderId: 0, xfId: 0, applyNumberFormat: 1 }));
  }

  /** The format of a user's cell with only its fill changed (a mark). */
  withFill(xfIndex: number, fill: string | null): number {
    const xf = this.xf(xfIndex) ?? this.xf(0) ?? element("xf", { numFmtId: 0, fontId: 0, fillId: 0, borderId: 0, xfId: 0 });
    const fillId = fill === null ? 0 : this.ensure("fills", fill);
    return this.ensure("cellXfs", setAttr(setAttr(xf, "fillId", fillId), "applyFill", 1));
  }

  /** Writes what was appended back into the part (nothing when nothing was). */
  save(): void {
    this.saved = true;
    let xml = this.xml;
    let root = this.root;
    for (const c of ["numFmts", "fonts", "fills", "borders", "cellXfs"] as Collection[]) {
      const added = this.added.get(c) as string[];
      if (added.length === 0) continue;
      const node = child(root, c);
      const ours = withPrefix(added.join(""), this.prefix);
      if (node) {
        const count = node.children.filter((n) => isMain(n.uri)).length + added.length;
        const open = xml.slice(node.start, node.openEnd);
        xml = xml.slice(0, node.start) + setAttr(open, "count", count) + xml.slice(node.openEnd);
        root = parseTree(xml);
        xml = insertChild(xml, child(root, c) as XNode, ours);
      } else {
        xml = insertInSchemaOrder(xml, root, SCHEMA_ORDER.stylesheet, c, element(this.prefix + c, { count: added.length }, ours));
      }
      root = parseTree(xml);
      added.length = 0;
    }
    if (xml !== this.xml) {
      this.xml = xml;
      this.root = root;
      this.pkg.set(this.part, xml);
    }
  }
}
