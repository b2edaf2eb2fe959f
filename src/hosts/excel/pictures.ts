// Photos on the 备案表 in Excel: one picture per applicant over his photo box (shapes.addImage,
// ExcelApi 1.9), named with the key the file host gives its picture. They sit on our generated
// sheet, so clear (which deletes the sheet) takes them with it.
import { Batch } from "./batch";

/** A photo box on a sheet we wrote (0-based cells) and the picture that goes in it. */
export interface PictureBox {
  sheet: string;
  row: number;
  col: number;
  rows: number;
  cols: number;
  /** The shape's name and description: the same key the .xlsx host writes. */
  name: string;
  description: string;
  /** The JPEG's bytes, asked for only when the picture is queued (memory). */
  jpeg(): Uint8Array;
}

/** Whether this Excel can add pictures (Excel 2019 and later, Excel on the web). */
export const picturesSupported = () => Office.context.requirements.isSetSupported("ExcelApi", "1.9");

/** What a request carries besides a picture's base64 (the shape's properties and names). */
const PER_PICTURE = 400;

/** Base64 as addImage takes it (no data: prefix), built in pieces (String.fromCharCode takes a bounded argument list). */
export function toBase64(bytes: Uint8Array): string {
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/**
 * Adds the pictures: one round trip learns where every box is (points), then the pictures go in
 * requests kept under Excel on the web's 5 MB (about 75 photos of 40 KB each).
 */
export async function placePictures(context: Excel.RequestContext, boxes: readonly PictureBox[], batch = new Batch(context), progress?: (done: number, total: number) => void): Promise<void> {
  if (boxes.length === 0) return;
  const sheets = context.workbook.worksheets;
  const places = boxes.map((b) => {
    const r = sheets.getItem(b.sheet).getRangeByIndexes(b.row, b.col, b.rows, b.cols);
    r.load("left,top,width,height");
    return r;
  });
  await batch.flush();
  for (const [i, b] of boxes.entries()) {
    const base64 = toBase64(b.jpeg());
    // Syncs what is queued first when this picture would take the request over the budget.
    await batch.queue(base64.length + PER_PICTURE + b.name.length * 3 + b.description.length * 3);
    const shape = sheets.getItem(b.sheet).shapes.addImage(base64);
    const p = places[i];
    shape.name = b.name;
    shape.altTextDescription = b.description;
    // A new picture keeps its proportions when one side is set: the box decides both.
    shape.lockAspectRatio = false;
    shape.left = p.left;
    shape.top = p.top;
    shape.width = p.width;
    shape.height = p.height;
    progress?.(i + 1, boxes.length);
  }
  await batch.flush();
}
