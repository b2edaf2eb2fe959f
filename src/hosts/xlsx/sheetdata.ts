// sheetData, the rows of a worksheet, scanned fast. A sheet of 500,000 grade rows is ~100 MB of
// XML in a handful of element kinds; saxes takes ~3.5 s for it, this ~0.8 s. Everything around
// sheetData (the root and its namespace declarations, cols, drawings, extLst...) is still parsed
// by saxes, and the rows are matched by the prefix the root declares for SpreadsheetML's
// namespace, not by a guessed one.
import { SaxesParser, type SaxesTagNS } from "saxes";
import { isMain, isRelNs } from "./ooxml";
import { attrsText } from "./writer";
import { parseTree, parsing, type XNode } from "./xml";

/** Top-level elements of a worksheet with their offsets. */
export interface Top {
  local: string;
  start: number;
  openEnd: number;
  end: number;
  attrs: Record<string, string>;
}

export interface SheetLayout {
  tops: Top[];
  /** Element prefix of SpreadsheetML's namespace in this sheet ("" or "x:"). */
  prefix: string;
  /** Prefix declared for the relationships namespace on the root, if any. */
  relPrefix: string | null;
  /** The namespaces the root declares (prefix -> URI, "" the default): a top-level element parsed
   * on its own needs them (an x:-prefixed sheet's <x:cols>). */
  rootNs: Record<string, string>;
  rootCloseStart: number;
  /** Offsets of sheetData's content ([from, to)); equal when it has none. */
  dataFrom: number;
  dataTo: number;
}

/** The worksheet's top-level children, parsing around sheetData's rows (which can be hundreds of MB). */
export function sheetLayout(xml: string, part?: string): SheetLayout {
  const layout: SheetLayout = { tops: [], prefix: "", relPrefix: null, rootNs: {}, rootCloseStart: xml.length, dataFrom: 0, dataTo: 0 };
  const dataOpen = xml.search(/<([\w.-]+:)?sheetData[\s>/]/);
  let text = xml;
  let cut = 0;
  let openEnd = -1;
  if (dataOpen >= 0) {
    openEnd = tagEnd(xml, dataOpen);
    const closeStart = xml.lastIndexOf("<", xml.lastIndexOf("sheetData>"));
    layout.dataFrom = openEnd;
    layout.dataTo = openEnd;
    if (xml[openEnd - 2] !== "/" && closeStart >= openEnd) {
      cut = closeStart - openEnd;
      layout.dataTo = closeStart;
      text = xml.slice(0, openEnd) + xml.slice(closeStart);
    }
  }
  const parser = new SaxesParser({ xmlns: true, position: true });
  let depth = 0;
  let current: Top | null = null;
  parser.on("opentag", (t) => {
    const tag = t as SaxesTagNS;
    depth++;
    const end = parser.position;
    if (depth === 1) {
      layout.prefix = tag.prefix ? `${tag.prefix}:` : "";
      layout.rootNs = { ...(tag.ns ?? {}) };
      for (const [p, uri] of Object.entries(tag.ns ?? {})) if (isRelNs(uri) && p) layout.relPrefix = p;
    }
    if (depth !== 2) return;
    const attrs: Record<string, string> = {};
    for (const [q, a] of Object.entries(tag.attributes)) attrs[q] = a.value;
    current = { local: isMain(tag.uri) ? tag.local : `?${tag.local}`, start: text.lastIndexOf("<", end - 1), openEnd: end, end, attrs };
    if (tag.local === "sheetData" && isMain(tag.uri)) layout.prefix = tag.prefix ? `${tag.prefix}:` : "";
    layout.tops.push(current);
  });
  parser.on("closetag", () => {
    if (depth === 2 && current) current.end = parser.position;
    if (depth === 1) layout.rootCloseStart = text.lastIndexOf("<", parser.position - 1);
    depth--;
  });
  parsing(part, () => parser.write(text).close());
  if (cut) {
    const shift = (pos: number) => (pos > openEnd ? pos + cut : pos);
    for (const t of layout.tops) {
      t.start = shift(t.start);
      t.openEnd = shift(t.openEnd);
      t.end = shift(t.end);
    }
    layout.rootCloseStart = shift(layout.rootCloseStart);
  }
  return layout;
}

/** One top-level element parsed on its own, in the namespaces the root declares. */
export function parseTop(xml: string, layout: SheetLayout, top: Top, part?: string): XNode {
  const declares = attrsText(Object.fromEntries(Object.entries(layout.rootNs).map(([p, uri]) => [p ? `xmlns:${p}` : "xmlns", uri])));
  return parseTree(`<root${declares}>${xml.slice(top.start, top.end)}</root>`, part).children[0];
}

/** The offset after a start tag's `>` (a `>` inside a quoted attribute value does not end it). */
function tagEnd(xml: string, from: number): number {
  let quote = "";
  for (let i = from; i < xml.length; i++) {
    const c = xml[i];
    if (quote) {
      if (c === quote) quote = "";
    } else if (c === '"' || c === "'") quote = c;
    else if (c === ">") return i + 1;
  }
  return xml.length;
}

// A tag (with quoted values that may hold `>`), CDATA, a comment or a processing instruction.
const TOKEN = /<(\/?)([A-Za-z_][\w.:-]*)([^>"'/]*(?:(?:"[^"]*"|'[^']*'|\/(?!>))[^>"'/]*)*)(\/?)>|<!\[CDATA\[([\s\S]*?)\]\]>|<!--[\s\S]*?-->|<\?[\s\S]*?\?>/g;

export interface TagEvents {
  /** A start tag (selfClosing: `<x/>`): its name as written, the attribute text, offsets [start, end). */
  open(name: string, attrs: string, start: number, end: number, selfClosing: boolean): void;
  close(name: string, start: number, end: number): void;
  /** Text between tags (entities not yet decoded), and CDATA. */
  text?(raw: string, cdata: boolean): void;
}

/** Walks the tags of xml[from, to). */
export function scanTags(xml: string, from: number, to: number, on: TagEvents): void {
  TOKEN.lastIndex = from;
  let at = from;
  for (let m = TOKEN.exec(xml); m && m.index < to; m = TOKEN.exec(xml)) {
    if (on.text && m.index > at) on.text(xml.slice(at, m.index), false);
    at = TOKEN.lastIndex;
    if (m[2] === undefined) {
      if (m[5] !== undefined && on.text) on.text(m[5], true);
      continue;
    }
    if (m[1]) on.close(m[2], m.index, at);
    else {
      on.open(m[2], m[3], m.index, at, m[4] === "/");
      if (m[4] === "/") on.close(m[2], at, at);
    }
  }
  if (on.text && at < to) on.text(xml.slice(at, to), false);
}

/** An attribute's value from a tag's attribute text (entities decoded), or undefined. */
export function attr(attrs: string, name: string): string | undefined {
  // name="..." or name='...', after white space (so r= does not match in xr:uid=); spaces around = are rare.
  for (let i = attrs.indexOf(name); i >= 0; i = attrs.indexOf(name, i + 1)) {
    const before = i === 0 ? " " : attrs[i - 1];
    if (before !== " " && before !== "\t" && before !== "\n" && before !== "\r") continue;
    let j = i + name.length;
    while (attrs[j] === " ") j++;
    if (attrs[j] !== "=") continue;
    j++;
    while (attrs[j] === " ") j++;
    const quote = attrs[j];
    if (quote !== '"' && quote !== "'") continue;
    const end = attrs.indexOf(quote, j + 1);
    if (end < 0) return undefined;
    const v = attrs.slice(j + 1, end);
    return v.includes("&") ? decodeEntities(v) : v;
  }
  return undefined;
}

const NAMED: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" };

export function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9A-Fa-f]+|#\d+|lt|gt|amp|quot|apos);/g, (_, e: string) =>
    e[0] === "#" ? String.fromCodePoint(e[1] === "x" ? parseInt(e.slice(2), 16) : Number(e.slice(1))) : NAMED[e]);
}
