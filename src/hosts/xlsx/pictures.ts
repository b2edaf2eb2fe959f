// The 备案表's photos (#19) as DrawingML pictures: one drawing part per sheet, a oneCellAnchor per
// photo (its size fixed in EMU, so rows that grow do not stretch it), one xl/media part per photo.
// The media parts are read when the zip writer reaches them and stored uncompressed: 5,000 photos
// are never held at once. Our pictures are known again by their description (forms/photobox.ts
// photoKey), on sheets that carry our mark: that is how a run keeps the photos the last one placed.
import { PHOTO_KEY_PREFIX } from "../../forms/photobox";
import type { SheetPicture } from "../../forms/sheetspec";
import { CONTENT_TYPE, NS, REL, relIs, relsPathOf, relativeTarget, resolveTarget, XML_DECLARATION } from "./ooxml";
import { LazyStored, type XlsxPackage } from "./package";
import { element } from "./writer";
import { children, parseTree, type XNode } from "./xml";

const XDR = NS.spreadsheetDrawing;
const A = NS.drawingMain;
const IMAGE_REL = REL.image;
export const JPEG_TYPE = CONTENT_TYPE.jpeg;

/** A photo's bytes by its key, read when the part is written (null: no photo under that key). */
export type PhotoBytes = (key: string) => (() => Uint8Array) | null;

function anchorXml(p: SheetPicture, id: number, rId: string): string {
  const at = (local: string, value: number) => element(`xdr:${local}`, null, String(value));
  const size = { cx: p.cx, cy: p.cy };
  return element("xdr:oneCellAnchor", null,
    element("xdr:from", null, at("col", p.col) + at("colOff", p.dx) + at("row", p.row) + at("rowOff", p.dy))
    + element("xdr:ext", size)
    + element("xdr:pic", null,
      element("xdr:nvPicPr", null, element("xdr:cNvPr", { id, name: `照片 ${id - 1}`, descr: p.key }) + element("xdr:cNvPicPr", null, element("a:picLocks", { noChangeAspect: 1 })))
      + element("xdr:blipFill", null, element("a:blip", { "r:embed": rId }) + element("a:stretch", null, element("a:fillRect")))
      + element("xdr:spPr", null, element("a:xfrm", null, element("a:off", { x: 0, y: 0 }) + element("a:ext", size)) + element("a:prstGeom", { prst: "rect" }, element("a:avLst"))))
    + element("xdr:clientData"));
}

/**
 * Adds a new sheet's pictures: the drawing, its relationships, a media part per photo (lazy, stored)
 * and the jpeg content type. Returns the sheet's relationship id for <drawing>, or undefined when
 * no picture has a photo.
 */
export function addPictures(pkg: XlsxPackage, sheetPart: string, pictures: readonly SheetPicture[], bytesOf: PhotoBytes): string | undefined {
  const found = pictures.flatMap((p) => {
    const read = bytesOf(p.key);
    return read ? [{ p, read }] : [];
  });
  if (found.length === 0) return undefined;
  // Names chosen against the parts once: freeName per photo would scan every part thousands of times.
  const used = new Set(pkg.parts().map((n) => n.toLowerCase()));
  const free = (pattern: (n: number) => string, from: number) => {
    let n = from;
    while (used.has(pattern(n).toLowerCase())) n++;
    used.add(pattern(n).toLowerCase());
    return { name: pattern(n), n };
  };
  const drawing = free((n) => `xl/drawings/drawing${n}.xml`, 1).name;
  const anchors: string[] = [];
  const rels: string[] = [];
  let next = 1;
  found.forEach(({ p, read }, i) => {
    const media = free((n) => `xl/media/image${n}.jpeg`, next);
    next = media.n + 1;
    pkg.set(media.name, new LazyStored(read));
    const rId = `rId${i + 1}`;
    rels.push(element("Relationship", { Id: rId, Type: IMAGE_REL, Target: relativeTarget(drawing, media.name) }));
    anchors.push(anchorXml(p, i + 2, rId));
  });
  pkg.set(drawing, XML_DECLARATION + element("xdr:wsDr", { "xmlns:xdr": XDR, "xmlns:a": A, "xmlns:r": NS.rel }, anchors.join("")));
  pkg.set(relsPathOf(drawing), XML_DECLARATION + element("Relationships", { xmlns: NS.pkgRel }, rels.join("")));
  pkg.setOverride(drawing, CONTENT_TYPE.drawing);
  pkg.ensureDefault("jpeg", JPEG_TYPE);
  return pkg.addRel(sheetPart, REL.drawing, drawing);
}

/** Every element below `n` named `local` in namespace `uri`. */
function descendants(n: XNode, uri: string, local: string, out: XNode[] = []): XNode[] {
  for (const c of n.children) {
    if (c.local === local && c.uri === uri) out.push(c);
    descendants(c, uri, local, out);
  }
  return out;
}

/**
 * The photos placed on the given sheets (ours, found by their mark), by key: each picture whose
 * description is one of our keys, its media part's bytes as they are stored in the input (read when
 * asked for, so that they can be written again after the sheets are cleared).
 */
export function placedPhotos(pkg: XlsxPackage, sheets: readonly string[]): Map<string, () => Uint8Array> {
  const found = new Map<string, () => Uint8Array>();
  const refs = new Map(pkg.sheets().map((s) => [s.name, s]));
  for (const name of sheets) {
    const ref = refs.get(name);
    if (!ref || !ref.isWorksheet || !pkg.has(ref.path)) continue;
    for (const rel of pkg.rels(ref.path)) {
      if (rel.external || !relIs(rel.type, REL.drawing)) continue;
      const drawing = resolveTarget(ref.path, rel.target);
      if (!pkg.has(drawing)) continue;
      const media = new Map(pkg.rels(drawing).filter((r) => !r.external && relIs(r.type, IMAGE_REL)).map((r) => [r.id, resolveTarget(drawing, r.target)]));
      for (const pic of descendants(parseTree(pkg.text(drawing)), XDR, "pic")) {
        const key = descendants(pic, XDR, "cNvPr")[0]?.attrs.descr ?? "";
        const blip = descendants(pic, A, "blip")[0];
        const rId = blip ? Object.entries(blip.nsAttrs).find(([k]) => k.endsWith("|embed"))?.[1] : undefined;
        const part = rId ? media.get(rId) : undefined;
        const entry = part ? pkg.zip.entries.get(part) : undefined;
        if (!key.startsWith(PHOTO_KEY_PREFIX) || !entry || !pkg.untouched(entry.name) || found.has(key)) continue;
        found.set(key, () => pkg.zip.read(entry));
      }
    }
  }
  return found;
}

/** Does the package have a Default content type for this extension? */
export function hasDefault(pkg: XlsxPackage, extension: string): boolean {
  return children(parseTree(pkg.text("[Content_Types].xml")), "Default").some((d) => d.attrs.Extension?.toLowerCase() === extension);
}

/** Removes the jpeg Default a run added, once no .jpeg part is left (the user's images keep theirs). */
export function removeJpegDefault(pkg: XlsxPackage): void {
  if (pkg.parts().some((p) => p.toLowerCase().endsWith(".jpeg"))) return;
  const xml = pkg.text("[Content_Types].xml");
  const d = children(parseTree(xml), "Default").find((x) => x.attrs.Extension?.toLowerCase() === "jpeg" && x.attrs.ContentType === JPEG_TYPE);
  if (d) pkg.set("[Content_Types].xml", xml.slice(0, d.start) + xml.slice(d.end));
}
