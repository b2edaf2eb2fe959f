// workbook.xml, edited: sheets added and removed with their relationships, content types and
// sheet-local defined names; calcPr's fullCalcOnLoad; the stale calcChain dropped.
import { CONTENT_TYPE, isRelNs, NS, REL, relIdOf, relIs, relsPathOf, resolveTarget } from "./ooxml";
import type { XlsxPackage } from "./package";
import { element, elementsIn, insertInSchemaOrder, SCHEMA_ORDER, setAttr } from "./writer";
import { applySplices, child, children, escapeText, insertChild, parseTree, prefixOf, type Splice, type XNode } from "./xml";


function relPrefix(root: XNode): string | null {
  for (const [p, uri] of Object.entries(root.declares)) if (isRelNs(uri) && p) return p;
  return null;
}

/** Inserts an element among workbook.xml's top-level children in schema order. */
const insertInWorkbook = (xml: string, root: XNode, local: string, el: string) => insertInSchemaOrder(xml, root, SCHEMA_ORDER.workbook, local, el);

/** Adds a worksheet part at the end of the workbook; returns its part name. */
export function addSheet(pkg: XlsxPackage, name: string, hidden: boolean): string {
  const wbPath = pkg.workbook();
  const part = pkg.freeName((n) => `xl/worksheets/sheet${n}.xml`);
  pkg.set(part, "");
  const rId = pkg.addRel(wbPath, REL.worksheet, part);
  pkg.setOverride(part, CONTENT_TYPE.worksheet);
  let xml = pkg.text(wbPath);
  const root = parseTree(xml, wbPath);
  const el = elementsIn(prefixOf(root));
  const sheets = child(root, "sheets");
  const ids = sheets ? children(sheets, "sheet").map((s) => Number(s.attrs.sheetId) || 0) : [];
  const sheetId = Math.max(0, ...ids) + 1;
  const rp = relPrefix(root);
  // The relationships namespace as the workbook declares it, or declared on the element.
  const sheet = el("sheet", { name, sheetId, state: hidden ? "hidden" : undefined, ...(rp ? { [`${rp}:id`]: rId } : { "xmlns:r": NS.rel, "r:id": rId }) });
  xml = sheets ? insertChild(xml, sheets, sheet) : insertInWorkbook(xml, root, "sheets", el("sheets", null, sheet));
  pkg.set(wbPath, xml);
  return part;
}

/** Adds a defined name (print area, print titles) local to the sheet at `index`, or to the workbook (null). */
export function addDefinedName(pkg: XlsxPackage, name: string, index: number | null, formula: string): void {
  const wbPath = pkg.workbook();
  const xml = pkg.text(wbPath);
  const root = parseTree(xml, wbPath);
  const el = elementsIn(prefixOf(root));
  const defined = el("definedName", { name, localSheetId: index }, escapeText(formula));
  const names = child(root, "definedNames");
  pkg.set(wbPath, names ? insertChild(xml, names, defined) : insertInWorkbook(xml, root, "definedNames", el("definedNames", null, defined)));
}

/** Parts a sheet brought with it (comments, drawings, charts), to remove with it: ours only ever reference their own. */
function ownedParts(pkg: XlsxPackage, part: string, into: Set<string>): void {
  for (const r of pkg.rels(part)) {
    if (r.external) continue;
    const target = resolveTarget(part, r.target);
    if (into.has(target) || !pkg.has(target)) continue;
    into.add(target);
    ownedParts(pkg, target, into);
  }
}

/** Removes a sheet the product wrote, with everything it brought; sheet-local names move along. */
export function removeSheet(pkg: XlsxPackage, name: string): boolean {
  const wbPath = pkg.workbook();
  let xml = pkg.text(wbPath);
  let root = parseTree(xml, wbPath);
  const sheetsNode = child(root, "sheets");
  const list = sheetsNode ? children(sheetsNode, "sheet") : [];
  const index = list.findIndex((s) => s.attrs.name === name);
  if (index < 0) return false;
  const node = list[index];
  const rId = relIdOf(node);
  const rel = pkg.rels(wbPath).find((r) => r.id === rId);
  const splices: Splice[] = [{ from: node.start, to: node.end, text: "" }];
  const names = child(root, "definedNames");
  for (const d of names ? children(names, "definedName") : []) {
    if (d.attrs.localSheetId === undefined) continue;
    const local = Number(d.attrs.localSheetId);
    if (local === index) splices.push({ from: d.start, to: d.end, text: "" });
    else if (local > index) {
      splices.push({ from: d.start, to: d.openEnd, text: setAttr(xml.slice(d.start, d.openEnd), "localSheetId", local - 1) });
    }
  }
  const views = child(root, "bookViews");
  for (const v of views ? children(views, "workbookView") : []) {
    let open = xml.slice(v.start, v.openEnd);
    for (const a of ["activeTab", "firstSheet"]) {
      if (v.attrs[a] === undefined) continue;
      const n = Number(v.attrs[a]);
      const m = Math.min(n > index ? n - 1 : n, Math.max(0, list.length - 2));
      if (m !== n) open = setAttr(open, a, m);
    }
    if (open !== xml.slice(v.start, v.openEnd)) splices.push({ from: v.start, to: v.openEnd, text: open });
  }
  xml = applySplices(xml, splices);
  // A definedNames left empty goes too.
  root = parseTree(xml);
  const left = child(root, "definedNames");
  if (left && children(left, "definedName").length === 0) xml = xml.slice(0, left.start) + xml.slice(left.end);
  pkg.set(wbPath, xml);
  if (rel) {
    const part = resolveTarget(wbPath, rel.target);
    const owned = new Set<string>();
    ownedParts(pkg, part, owned);
    for (const p of [part, ...owned]) {
      pkg.remove(p);
      pkg.remove(relsPathOf(p));
      pkg.removeOverride(p);
    }
    pkg.removeRel(wbPath, rId);
  }
  return true;
}

/** calcPr's fullCalcOnLoad as it is ("1", "0", or null when absent). */
export function fullCalcOnLoad(pkg: XlsxPackage): string | null {
  const calc = child(pkg.tree(pkg.workbook()), "calcPr");
  return calc?.attrs.fullCalcOnLoad ?? null;
}

/** Sets (or, with null, removes) calcPr's fullCalcOnLoad. */
export function setFullCalcOnLoad(pkg: XlsxPackage, value: string | null): void {
  const wbPath = pkg.workbook();
  const xml = pkg.text(wbPath);
  const root = parseTree(xml, wbPath);
  const calc = child(root, "calcPr");
  if (!calc) {
    if (value !== null) pkg.set(wbPath, insertInWorkbook(xml, root, "calcPr", element(`${prefixOf(root)}calcPr`, { fullCalcOnLoad: value })));
    return;
  }
  pkg.set(wbPath, xml.slice(0, calc.start) + setAttr(xml.slice(calc.start, calc.openEnd), "fullCalcOnLoad", value) + xml.slice(calc.openEnd));
}

/** The calculation chain lists formula cells; once formulas are added it is stale, and Excel rebuilds it. */
export function dropCalcChain(pkg: XlsxPackage): void {
  const wbPath = pkg.workbook();
  const rel = pkg.rels(wbPath).find((r) => relIs(r.type, REL.calcChain));
  if (!rel) return;
  const part = resolveTarget(wbPath, rel.target);
  pkg.remove(part);
  pkg.removeOverride(part);
  pkg.removeRel(wbPath, rel.id);
}

/** A workbook-level defined name of ours marking a sheet (the import's register: `'sheet'!$A$1`):
 * the sheet's name, or null. Excel's Office.js host marks it the same way (names.add). */
export function markedSheet(pkg: XlsxPackage, mark: string): string | null {
  const d = markNode(pkg, mark);
  const m = d ? /^'?((?:[^']|'')+?)'?!/.exec(d.text) : null;
  return m ? m[1].replace(/''/g, "'") : null;
}

function markNode(pkg: XlsxPackage, mark: string): (XNode & { text: string }) | null {
  const xml = pkg.text(pkg.workbook());
  const root = parseTree(xml, pkg.workbook());
  const names = child(root, "definedNames");
  const d = (names ? children(names, "definedName") : []).find((n) => n.attrs.name === mark && n.attrs.localSheetId === undefined);
  return d ? { ...d, text: xml.slice(d.openEnd, d.closeStart) } : null;
}

/** Removes a workbook-level defined name (and definedNames, if it is left empty). */
export function removeDefinedName(pkg: XlsxPackage, mark: string): void {
  const d = markNode(pkg, mark);
  if (!d) return;
  const wbPath = pkg.workbook();
  let xml = pkg.text(wbPath);
  xml = xml.slice(0, d.start) + xml.slice(d.end);
  const left = child(parseTree(xml), "definedNames");
  if (left && children(left, "definedName").length === 0) xml = xml.slice(0, left.start) + xml.slice(left.end);
  pkg.set(wbPath, xml);
}

export interface DefinedName {
  name: string;
  /** The sheet index a sheet-scoped name belongs to, or null (workbook-level). */
  local: number | null;
  text: string;
}

/** Every defined name of the workbook. */
export function definedNames(pkg: XlsxPackage): DefinedName[] {
  const xml = pkg.text(pkg.workbook());
  const names = child(parseTree(xml, pkg.workbook()), "definedNames");
  return (names ? children(names, "definedName") : []).map((d) => ({
    name: d.attrs.name ?? "",
    local: d.attrs.localSheetId === undefined ? null : Number(d.attrs.localSheetId),
    text: decodeText(xml.slice(d.openEnd, d.closeStart)),
  }));
}

const decodeText = (s: string) => s.replace(/&(lt|gt|quot|apos|amp);/g, (_m, e: string) => ({ lt: "<", gt: ">", quot: '"', apos: "'", amp: "&" })[e] as string);

/** Removes the defined names `drop` picks (and definedNames, if it is left empty). */
export function removeDefinedNames(pkg: XlsxPackage, drop: (d: DefinedName) => boolean): void {
  const wbPath = pkg.workbook();
  let xml = pkg.text(wbPath);
  const names = child(parseTree(xml, wbPath), "definedNames");
  if (!names) return;
  const cuts: Splice[] = [];
  for (const d of children(names, "definedName")) {
    const item = { name: d.attrs.name ?? "", local: d.attrs.localSheetId === undefined ? null : Number(d.attrs.localSheetId), text: decodeText(xml.slice(d.openEnd, d.closeStart)) };
    if (drop(item)) cuts.push({ from: d.start, to: d.end, text: "" });
  }
  if (cuts.length === 0) return;
  xml = applySplices(xml, cuts);
  const left = child(parseTree(xml), "definedNames");
  if (left && children(left, "definedName").length === 0) xml = xml.slice(0, left.start) + xml.slice(left.end);
  pkg.set(wbPath, xml);
}
