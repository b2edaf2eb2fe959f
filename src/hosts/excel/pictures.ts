// Photos on the 备案表 in Excel: one picture per applicant over his photo box (shapes.addImage,
// ExcelApi 1.9, placed by Range.left/top, 1.10), named with the key the file host gives its picture. They sit on our generated
// sheet, so clear (which deletes the sheet) takes them with it.
import { EMU_PER_PT } from "../../forms/photobox";
import { Batch } from "./batch";
import type { Capabilities } from "./writeback";

/** A picture anchored at a cell (0-based) of a sheet we wrote, offset and sized in EMU, as the
 * sheet's spec gives it (forms/sheetspec SheetPicture), and its JPEG. */
export interface PictureAt {
  sheet: string;
  picture: { key: string; row: number; col: number; dx: number; dy: number; cx: number; cy: number };
  /** The JPEG's bytes, asked for only when the picture is queued (memory). */
  jpeg(): Uint8Array;
}

/** Whether this Excel can add pictures where a cell is (ExcelApi 1.10: Excel 2021 and later, Microsoft 365, Excel on the web). */
export const picturesSupported = () => Office.context.requirements.isSetSupported("ExcelApi", "1.10");

/** What a request carries besides a picture's base64 (the shape's properties and names). */
const PER_PICTURE = 400;

/** Base64 as addImage takes it (no data: prefix), built in pieces (String.fromCharCode takes a bounded argument list). */
export function toBase64(bytes: Uint8Array): string {
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/**
 * Adds the pictures: one round trip learns where every anchor cell is (points), then the pictures
 * go in requests kept under Excel on the web's 5 MB (about 75 photos of 40 KB each). Each is named
 * and described by its key, as the file host writes it.
 */
export async function placePictures(context: Excel.RequestContext, pictures: readonly PictureAt[], caps: Pick<Capabilities, "pictures">, batch = new Batch(context), progress?: (done: number, total: number) => void): Promise<void> {
  // Where this Excel cannot, the boxes stay empty.
  if (caps.pictures && pictures.length > 0) await addPictures(context, pictures, batch, progress);
}

async function addPictures(context: Excel.RequestContext, pictures: readonly PictureAt[], batch: Batch, progress?: (done: number, total: number) => void): Promise<void> {
  const sheets = context.workbook.worksheets;
  const anchors = pictures.map(({ sheet, picture: p }) => {
    const r = sheets.getItem(sheet).getRangeByIndexes(p.row, p.col, 1, 1);
    r.load("left,top");
    return r;
  });
  await batch.flush();
  for (const [i, { sheet, picture: p, jpeg }] of pictures.entries()) {
    const base64 = toBase64(jpeg());
    // Syncs what is queued first when this picture would take the request over the budget.
    await batch.queue(base64.length + PER_PICTURE + p.key.length * 6);
    const shape = sheets.getItem(sheet).shapes.addImage(base64);
    shape.name = p.key;
    shape.altTextDescription = p.key;
    // A new picture keeps its proportions when one side is set: the box decides both.
    shape.lockAspectRatio = false;
    shape.left = anchors[i].left + p.dx / EMU_PER_PT;
    shape.top = anchors[i].top + p.dy / EMU_PER_PT;
    shape.width = p.cx / EMU_PER_PT;
    shape.height = p.cy / EMU_PER_PT;
    progress?.(i + 1, pictures.length);
  }
  await batch.flush();
}
