// XML for the package: saxes reads (namespace-aware: an element is known by its namespace and
// local name, never by the prefix a writer chose), and edits are splices of the original text, so
// whatever is not edited stays exactly as the writer wrote it.
import { SaxesParser, type SaxesTagNS } from "saxes";

export { isMain, isRelNs, NS } from "./ooxml";

export interface XNode {
  local: string;
  uri: string;
  /** The tag name as written (prefix:local). */
  qname: string;
  /** Attributes by qualified name, as written. */
  attrs: Record<string, string>;
  /** Attributes by namespace URI + "|" + local name (for r:id and the like). */
  nsAttrs: Record<string, string>;
  /** Offsets into the text: `<` of the start tag, after its `>`, `<` of the end tag, after its `>`. */
  start: number;
  openEnd: number;
  closeStart: number;
  end: number;
  selfClosing: boolean;
  children: XNode[];
  /** Direct text content (entities decoded). */
  text: string;
  /** In-scope namespace declarations on this element: prefix ("" for default) -> URI. */
  declares: Record<string, string>;
}

/** A part of the user's file that is not what OOXML says it is: not well-formed XML, or a worksheet
 * without sheetData. The entry points of the file layer turn it into a coded UnusableWorkbook naming
 * the file and the part (or sheet); `part` is null where the parser was not told which part it read. */
export class DamagedXml extends Error {
  constructor(readonly part: string | null, readonly defect: "notXml" | "noSheetData", detail: string) {
    super(detail);
    this.name = "DamagedXml";
  }
}

/** Runs saxes: what it throws (a well-formedness error) is DamagedXml. */
export function parsing<T>(part: string | null | undefined, run: () => T): T {
  try {
    return run();
  } catch (e) {
    if (e instanceof DamagedXml) throw e;
    throw new DamagedXml(part ?? null, "notXml", (e as Error).message.split("\n")[0]);
  }
}

/** Parses a whole (small) part into a tree of elements with their offsets; `part` names it in errors. */
export function parseTree(xml: string, part?: string): XNode {
  const parser = new SaxesParser({ xmlns: true, position: true });
  const stack: XNode[] = [];
  let root: XNode | null = null;
  parser.on("opentag", (tag) => {
    const t = tag as SaxesTagNS;
    const end = parser.position;
    const start = xml.lastIndexOf("<", end - 1);
    const attrs: Record<string, string> = {};
    const nsAttrs: Record<string, string> = {};
    for (const [q, a] of Object.entries(t.attributes)) {
      attrs[q] = a.value;
      nsAttrs[`${a.uri}|${a.local}`] = a.value;
    }
    const node: XNode = {
      local: t.local, uri: t.uri, qname: t.name, attrs, nsAttrs, start, openEnd: end, closeStart: end, end, selfClosing: !!t.isSelfClosing,
      children: [], text: "", declares: { ...(t.ns ?? {}) },
    };
    if (stack.length) stack[stack.length - 1].children.push(node);
    else root = node;
    stack.push(node);
  });
  parser.on("closetag", () => {
    const node = stack.pop() as XNode;
    if (!node.selfClosing) {
      node.end = parser.position;
      node.closeStart = xml.lastIndexOf("<", node.end - 1);
    }
  });
  const onText = (text: string) => {
    if (stack.length) stack[stack.length - 1].text += text;
  };
  parser.on("text", onText);
  parser.on("cdata", onText);
  parsing(part, () => parser.write(xml).close());
  if (!root) throw new DamagedXml(part ?? null, "notXml", "empty XML part");
  return root;
}

export const children = (n: XNode, local: string) => n.children.filter((c) => c.local === local);
export const child = (n: XNode, local: string) => n.children.find((c) => c.local === local);

/** Everything an element contains, as written. */
export const inner = (xml: string, n: XNode) => (n.selfClosing ? "" : xml.slice(n.openEnd, n.closeStart));
export const outer = (xml: string, n: XNode) => xml.slice(n.start, n.end);

/** The prefix (with its colon) a writer used for an element's namespace: "" or "x:". */
export const prefixOf = (n: XNode) => (n.qname.includes(":") ? n.qname.slice(0, n.qname.indexOf(":") + 1) : "");

/** Splices into a text: replace [from, to) with text. Applied together, last first; they must not overlap. */
export interface Splice {
  from: number;
  to: number;
  text: string;
}

export function applySplices(xml: string, splices: readonly Splice[]): string {
  const sorted = [...splices].sort((a, b) => a.from - b.from || a.to - b.to);
  const out: string[] = [];
  let at = 0;
  for (const s of sorted) {
    if (s.from < at) throw new Error("overlapping XML edits");
    out.push(xml.slice(at, s.from), s.text);
    at = s.to;
  }
  out.push(xml.slice(at));
  return out.join("");
}

// Characters XML 1.0 cannot carry, written the OOXML way (_xHHHH_); an underscore that would read as
// such an escape is escaped itself.
const UNSAFE = /[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]|_(?=x[0-9A-Fa-f]{4}_)/g;
const hex4 = (c: string) => `_x${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}_`;

/** Anything escapeText would change. */
const NEEDS_ESCAPE = /[&<>\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]|_x[0-9A-Fa-f]{4}_/;

export function escapeText(s: string): string {
  // Most cell text needs nothing: one test instead of four replacements.
  if (!NEEDS_ESCAPE.test(s)) return s;
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(UNSAFE, hex4);
}

export function escapeAttr(s: string): string {
  return escapeText(s).replace(/"/g, "&quot;").replace(/\r/g, "&#13;").replace(/\n/g, "&#10;").replace(/\t/g, "&#9;");
}

/** OOXML's _xHHHH_ escapes in cell text, read back. */
export function unescapeOoxml(s: string): string {
  return s.indexOf("_x") < 0 ? s : s.replace(/_x([0-9A-Fa-f]{4})_/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
}

/** Inserts an element as the last child of a node (which may be self-closing). */
export function insertChild(xml: string, node: XNode, el: string): string {
  if (node.selfClosing) {
    const open = xml.slice(node.start, node.end).replace(/\s*\/>$/, ">");
    return xml.slice(0, node.start) + open + el + `</${node.qname}>` + xml.slice(node.end);
  }
  return xml.slice(0, node.closeStart) + el + xml.slice(node.closeStart);
}

/** Bytes of a part to text: UTF-8 (with or without BOM) or UTF-16 with its BOM. */
export function decodeXml(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder("utf-16le").decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder("utf-16be").decode(bytes.subarray(2));
  return new TextDecoder("utf-8").decode(bytes);
}
