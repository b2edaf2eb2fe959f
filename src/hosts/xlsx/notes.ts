// Cell notes (legacy comments): commentsN.xml for the text, a VML drawing for the yellow box, and a
// legacyDrawing element in the sheet. A sheet that already has notes keeps them: ours are added to
// its parts, and a cell that already has a note gets ours appended as a separate run.
import { a1 } from "../../forms/grid";
import { CONTENT_TYPE, NS, REL, relIs, resolveTarget, XML_DECLARATION } from "./ooxml";
import type { XlsxPackage } from "./package";
import { attrsText, element, elementsIn } from "./writer";
import { child, children, escapeText, inner, parseTree, prefixOf } from "./xml";

export const NOTE_AUTHOR = "课证";
/** Our text appended to a user's note starts with this run. */
export const APPENDED_MARK = "\n";

export interface NoteWrite {
  row: number;
  col: number;
  text: string;
}

export interface NotesResult {
  /** Cells whose note is ours alone (removed whole on clear). */
  created: { row: number; col: number }[];
  /** Cells whose user note got our text appended. */
  appended: { row: number; col: number }[];
  /** rId of a VML drawing the sheet must now reference with legacyDrawing (null when it already does). */
  legacyDrawing: string | null;
}

/** One run of note text, 9 pt 宋体, in the comments part's prefix. */
function run(t: string, p: string): string {
  const el = elementsIn(p);
  return el("r", null, el("rPr", null, el("sz", { val: 9 }) + el("rFont", { val: "宋体" }) + el("charset", { val: 134 })) + el("t", { "xml:space": "preserve" }, escapeText(t)));
}

const VML_HEAD = `<xml${attrsText({ "xmlns:v": NS.vml, "xmlns:o": NS.office, "xmlns:x": NS.excel })}>`;
const SHAPETYPE = `<v:shapetype id="_x0000_t202" coordsize="21600,21600" o:spt="202" path="m,l,21600r21600,l21600,xe"><v:stroke joinstyle="miter"/><v:path gradientshapeok="t" o:connecttype="rect"/></v:shapetype>`;

function shape(id: number, row: number, col: number, lines: number): string {
  const h = Math.min(12, Math.max(4, lines + 1));
  return `<v:shape id="_x0000_s${id}" type="#_x0000_t202" style="position:absolute;margin-left:60pt;margin-top:2pt;width:180pt;height:${h * 12}pt;z-index:${id};visibility:hidden" fillcolor="#ffffe1" o:insetmode="auto"><v:fill color2="#ffffe1"/><v:shadow on="t" color="black" obscured="t"/><v:path o:connecttype="none"/><v:textbox style="mso-direction-alt:auto"><div style="text-align:left"></div></v:textbox><x:ClientData ObjectType="Note"><x:MoveWithCells/><x:SizeWithCells/><x:Anchor>${col + 1}, 15, ${row}, 2, ${col + 4}, 15, ${row + h}, 2</x:Anchor><x:AutoFill>False</x:AutoFill><x:Row>${row}</x:Row><x:Column>${col}</x:Column></x:ClientData></v:shape>`;
}

/** The comments and VML parts of a sheet, where it has them. */
export function noteParts(pkg: XlsxPackage, sheetPath: string): { comments: string | null; vml: string | null; vmlRel: string | null; commentsRel: string | null } {
  const rels = pkg.rels(sheetPath);
  const c = rels.find((r) => relIs(r.type, REL.comments) && !r.external);
  const v = rels.find((r) => relIs(r.type, REL.vmlDrawing) && !r.external);
  return {
    comments: c ? resolveTarget(sheetPath, c.target) : null, commentsRel: c?.id ?? null,
    vml: v ? resolveTarget(sheetPath, v.target) : null, vmlRel: v?.id ?? null,
  };
}

/** Adds notes to a sheet's parts (creating them where needed). The sheet XML itself is not touched here. */
export function addNotes(pkg: XlsxPackage, sheetPath: string, notes: readonly NoteWrite[]): NotesResult {
  const result: NotesResult = { created: [], appended: [], legacyDrawing: null };
  if (notes.length === 0) return result;
  const parts = noteParts(pkg, sheetPath);
  let commentsPath = parts.comments;
  if (!commentsPath || !pkg.has(commentsPath)) {
    commentsPath = pkg.freeName((n) => `xl/comments${n}.xml`);
    pkg.set(commentsPath, XML_DECLARATION + element("comments", { xmlns: NS.main }, element("authors", null, "") + element("commentList", null, "")));
    pkg.setOverride(commentsPath, CONTENT_TYPE.comments);
    pkg.addRel(sheetPath, REL.comments, commentsPath);
  }
  let vmlPath = parts.vml;
  if (!vmlPath || !pkg.has(vmlPath)) {
    vmlPath = pkg.freeName((n) => `xl/drawings/vmlDrawing${n}.vml`);
    const idmap = nextIdmap(pkg);
    pkg.set(vmlPath, `${VML_HEAD}<o:shapelayout v:ext="edit"><o:idmap v:ext="edit" data="${idmap}"/></o:shapelayout>${SHAPETYPE}</xml>`);
    pkg.ensureDefault("vml", CONTENT_TYPE.vml);
    result.legacyDrawing = pkg.addRel(sheetPath, REL.vmlDrawing, vmlPath);
  }

  let xml = pkg.text(commentsPath);
  let root = parseTree(xml, commentsPath);
  const p = prefixOf(root);
  const el = elementsIn(p);
  const authorsNode = child(root, "authors");
  const authors = authorsNode ? children(authorsNode, "author").map((a) => a.text) : [];
  let authorId = authors.indexOf(NOTE_AUTHOR);
  const existing = new Map<string, { textEnd: number }>();
  const list = child(root, "commentList");
  for (const c of list ? children(list, "comment") : []) {
    const t = child(c, "text");
    if (t) existing.set(c.attrs.ref ?? "", { textEnd: t.closeStart });
  }
  const splices: { at: number; text: string }[] = [];
  const fresh: { ref: string; text: string }[] = [];
  for (const n of notes) {
    const ref = a1(n.row, n.col);
    const had = existing.get(ref);
    if (had) {
      splices.push({ at: had.textEnd, text: run(APPENDED_MARK + n.text, p) });
      result.appended.push({ row: n.row, col: n.col });
    } else {
      fresh.push({ ref, text: n.text });
      result.created.push({ row: n.row, col: n.col });
    }
  }
  // Appends first (their offsets are in the text as it is), last offset first.
  for (const s of splices.sort((a, b) => b.at - a.at)) xml = xml.slice(0, s.at) + s.text + xml.slice(s.at);
  if (authorId < 0) {
    root = parseTree(xml);
    const a = child(root, "authors");
    const author = el("author", null, escapeText(NOTE_AUTHOR));
    if (a) xml = a.selfClosing ? xml.slice(0, a.start) + el("authors", null, author) + xml.slice(a.end) : xml.slice(0, a.closeStart) + author + xml.slice(a.closeStart);
    else xml = xml.slice(0, root.openEnd) + el("authors", null, author) + xml.slice(root.openEnd);
    authorId = authors.length;
  }
  if (fresh.length) {
    root = parseTree(xml);
    const body = fresh.map((f) => el("comment", { ref: f.ref, authorId }, el("text", null, run(f.text, p)))).join("");
    const l = child(root, "commentList");
    if (!l) xml = xml.slice(0, root.closeStart) + el("commentList", null, body) + xml.slice(root.closeStart);
    else if (l.selfClosing) xml = xml.slice(0, l.start) + el("commentList", null, body) + xml.slice(l.end);
    else xml = xml.slice(0, l.closeStart) + body + xml.slice(l.closeStart);
  }
  pkg.set(commentsPath, xml);

  if (result.created.length) {
    let vml = pkg.text(vmlPath);
    const idmap = Number(/<o:idmap[^>]*data="(\d+)/.exec(vml)?.[1] ?? 1);
    let next = idmap * 1024;
    for (const m of vml.matchAll(/_x0000_s(\d+)/g)) next = Math.max(next, Number(m[1]));
    next++;
    if (!vml.includes('id="_x0000_t202"')) vml = insertBeforeEnd(vml, SHAPETYPE);
    const lines = new Map(notes.map((n) => [`${n.row}!${n.col}`, n.text.split("\n").length]));
    vml = insertBeforeEnd(vml, result.created.map((c) => shape(next++, c.row, c.col, lines.get(`${c.row}!${c.col}`) ?? 1)).join(""));
    pkg.set(vmlPath, vml);
  }
  return result;
}

function insertBeforeEnd(vml: string, text: string): string {
  const end = vml.lastIndexOf("</xml>");
  return end < 0 ? vml + text : vml.slice(0, end) + text + vml.slice(end);
}

/** VML drawings number their shapes from idmap × 1024: a new drawing takes an idmap nobody uses. */
function nextIdmap(pkg: XlsxPackage): number {
  let max = 0;
  for (const part of pkg.parts()) {
    if (!part.toLowerCase().endsWith(".vml")) continue;
    for (const m of pkg.text(part).matchAll(/<o:idmap[^>]*data="([\d,]+)"/g)) for (const d of m[1].split(",")) max = Math.max(max, Number(d));
  }
  return max + 1;
}

/** Removes our notes: whole notes on `created` cells, our appended runs on `appended` cells. Returns
 * the relationship id of the VML drawing when it went with the last note (the caller then drops the
 * sheet's legacyDrawing element), else null. */
export function removeNotes(pkg: XlsxPackage, sheetPath: string, created: readonly string[], appended: readonly string[]): { vmlRelRemoved: string | null } {
  const parts = noteParts(pkg, sheetPath);
  const out = { vmlRelRemoved: null as string | null };
  if (!parts.comments || !pkg.has(parts.comments)) return out;
  let xml = pkg.text(parts.comments);
  const root = parseTree(xml, parts.comments);
  const list = child(root, "commentList");
  const gone = new Set(created);
  const strip = new Set(appended);
  const cuts: { from: number; to: number; text: string }[] = [];
  let left = 0;
  for (const c of list ? children(list, "comment") : []) {
    const ref = c.attrs.ref ?? "";
    // Only a note that is still ours goes (the user's note on a cell that moved there stays).
    if (gone.has(ref) && xml.slice(c.start, c.end).includes("课证：")) {
      cuts.push({ from: c.start, to: c.end, text: "" });
      continue;
    }
    gone.delete(ref);
    left++;
    const t = child(c, "text");
    if (!strip.has(ref) || !t) continue;
    // Our runs are the ones whose text starts with the appended mark, from the first such run on.
    const runs = children(t, "r");
    const first = runs.findIndex((r) => (child(r, "t")?.text ?? "").startsWith(APPENDED_MARK + "课证："));
    if (first >= 0) cuts.push({ from: runs[first].start, to: runs[runs.length - 1].end, text: "" });
    else {
      // Re-saved by another program into one run: cut the text from our mark on.
      for (const r of [t, ...runs]) {
        const tt = r.local === "t" ? r : child(r, "t");
        if (!tt) continue;
        const body = inner(xml, tt);
        const at = body.indexOf("&#10;课证：") >= 0 ? body.indexOf("&#10;课证：") : body.indexOf("\n课证：");
        if (at >= 0) cuts.push({ from: tt.openEnd + at, to: tt.closeStart, text: "" });
      }
    }
  }
  // Our author goes too when it is the last one and no note left is by it.
  const authors = child(root, "authors");
  const names = authors ? children(authors, "author") : [];
  const ours = names.length - 1;
  if (ours >= 0 && names[ours].text === NOTE_AUTHOR) {
    const used = (list ? children(list, "comment") : []).some((c) => !gone.has(c.attrs.ref ?? "") && Number(c.attrs.authorId) === ours);
    if (!used) cuts.push({ from: names[ours].start, to: names[ours].end, text: "" });
  }
  for (const c of cuts.sort((a, b) => b.from - a.from)) xml = xml.slice(0, c.from) + c.text + xml.slice(c.to);
  if (left === 0) {
    pkg.remove(parts.comments);
    pkg.removeOverride(parts.comments);
    if (parts.commentsRel) pkg.removeRel(sheetPath, parts.commentsRel);
  } else pkg.set(parts.comments, xml);

  if (parts.vml && pkg.has(parts.vml) && gone.size) {
    let vml = pkg.text(parts.vml);
    vml = vml.replace(/<v:shape\b[\s\S]*?<\/v:shape>/g, (s) => {
      const row = /<x:Row>(\d+)<\/x:Row>/.exec(s)?.[1];
      const col = /<x:Column>(\d+)<\/x:Column>/.exec(s)?.[1];
      return row !== undefined && col !== undefined && gone.has(a1(Number(row), Number(col))) && /ObjectType="Note"/.test(s) ? "" : s;
    });
    if (!/<v:shape\b/.test(vml) && left === 0) {
      pkg.remove(parts.vml);
      if (parts.vmlRel) pkg.removeRel(sheetPath, parts.vmlRel);
      out.vmlRelRemoved = parts.vmlRel;
    } else pkg.set(parts.vml, vml);
  }
  return out;
}
