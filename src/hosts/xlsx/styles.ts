// styles.xml, edited: fonts, fills, borders, number formats and cell formats the product needs are
// appended (an identical one already there is reused), and everything else stays as written.
import type { StyleName } from "../../forms/sheetspec";
import { CONTENT_TYPE, isMain, NS, REL, XML_DECLARATION } from "./ooxml";
import { insertChild, type XlsxPackage } from "./package";
import { attrsText, child, children, outer, parseTree, prefixOf, type XNode } from "./xml";

/** The order of styleSheet's children (ECMA-376 CT_Stylesheet). */
const ORDER = ["numFmts", "fonts", "fills", "borders", "cellStyleXfs", "cellXfs", "cellStyles", "dxfs", "tableStyles", "colors", "extLst"];
type Collection = "numFmts" | "fonts" | "fills" | "borders" | "cellXfs";

const BOX = `<left style="thin"><color rgb="FF808080"/></left><right style="thin"><color rgb="FF808080"/></right><top style="thin"><color rgb="FF808080"/></top><bottom style="thin"><color rgb="FF808080"/></bottom><diagonal/>`;

interface StyleParts {
  font?: string;
  fill?: string;
  border?: string;
  numFmt?: string;
  alignment?: Record<string, string>;
}

const font = (size: number, bold = false, color?: string) =>
  `<font>${bold ? "<b/>" : ""}<sz val="${size}"/>${color ? `<color rgb="${color}"/>` : ""}<name val="宋体"/><family val="3"/><charset val="134"/></font>`;
export const solidFill = (argb: string) => `<fill><patternFill patternType="solid"><fgColor rgb="${argb}"/><bgColor indexed="64"/></patternFill></fill>`;

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
      pkg.set(part, `${XML_DECLARATION}<styleSheet xmlns="${NS.main}"><fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs></styleSheet>`);
      if (!pkg.relTarget(wb, REL.styles)) pkg.addRel(wb, REL.styles, part);
      pkg.setOverride(part, CONTENT_TYPE.styles);
    }
    this.part = part;
    this.xml = pkg.text(part);
    this.root = parseTree(this.xml);
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

  private numFmt(code: string): number {
    const builtin = BUILTIN_FORMATS[code];
    if (builtin !== undefined && builtin >= 0) return builtin;
    const idx = this.index.get("numFmts") as Map<string, number>;
    const found = idx.get(code);
    if (found !== undefined) return found;
    let id = 164;
    while (this.numFmtIds.has(id)) id++;
    this.numFmtIds.add(id);
    idx.set(code, id);
    (this.added.get("numFmts") as string[]).push(`<numFmt numFmtId="${id}" formatCode="${code}"/>`);
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
    const borderId = p.border ? this.ensure("borders", `<border>${p.border}</border>`) : 0;
    const numFmtId = p.numFmt && !isFormula ? this.numFmt(p.numFmt) : 0;
    const align = p.alignment ? `<alignment${attrsText(p.alignment)}/>` : "";
    const xf = `<xf${attrsText({
      numFmtId, fontId, fillId, borderId, xfId: 0,
      applyNumberFormat: numFmtId ? 1 : undefined, applyFont: p.font ? 1 : undefined, applyFill: p.fill ? 1 : undefined,
      applyBorder: p.border ? 1 : undefined, applyAlignment: p.alignment ? 1 : undefined,
    })}${align ? `>${align}</xf>` : "/>"}`;
    const i = this.ensure("cellXfs", xf);
    this.namedCache.set(key, i);
    return i;
  }

  /** A text-formatted cell format (columns of ID numbers in new sheets). */
  textFormat(): number {
    return this.ensure("cellXfs", `<xf numFmtId="49" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>`);
  }

  /** The format of a user's cell with only its fill changed (a mark). */
  withFill(xfIndex: number, fill: string | null): number {
    const xf = this.xf(xfIndex) ?? this.xf(0) ?? `<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>`;
    const fillId = fill === null ? 0 : this.ensure("fills", fill);
    let changed = /\bfillId="\d+"/.test(xf) ? xf.replace(/\bfillId="\d+"/, `fillId="${fillId}"`) : xf.replace(/^<(\w+:)?xf\b/, (m) => `${m} fillId="${fillId}"`);
    changed = /\bapplyFill="[^"]*"/.test(changed) ? changed.replace(/\bapplyFill="[^"]*"/, `applyFill="1"`) : changed.replace(/^<(\w+:)?xf\b/, (m) => `${m} applyFill="1"`);
    return this.ensure("cellXfs", changed);
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
      const own = added.map((x) => (this.prefix ? x.replace(/<(\/?)(?!\w+:)(\w)/g, `<$1${this.prefix}$2`) : x)).join("");
      if (node) {
        const count = node.children.filter((n) => isMain(n.uri)).length + added.length;
        const open = xml.slice(node.start, node.openEnd);
        const newOpen = /\bcount="\d*"/.test(open) ? open.replace(/\bcount="\d*"/, `count="${count}"`) : open.replace(/^<[\w:]+/, (m) => `${m} count="${count}"`);
        xml = xml.slice(0, node.start) + newOpen + xml.slice(node.openEnd);
        root = parseTree(xml);
        xml = insertChild(xml, child(root, c) as XNode, own);
      } else {
        const el = `<${this.prefix}${c} count="${added.length}">${own}</${this.prefix}${c}>`;
        const after = ORDER.slice(ORDER.indexOf(c) + 1);
        const next = root.children.find((n) => after.includes(n.local));
        xml = next ? xml.slice(0, next.start) + el + xml.slice(next.start) : insertChild(xml, root, el);
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
