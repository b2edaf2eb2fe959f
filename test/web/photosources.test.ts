// The page's picked files (src/web/photos.ts photoSources) are the files `kezheng photos DIR` walks:
// an empty .jpg stays (PHOTO_UNREADABLE, not PHOTO_MISSING), an earlier `photos -o` output folder
// inside the picked folder does not (it would be a second photo of everyone).
import { photoSources, type PhotoFile } from "../../src/web/photos";

const JPEG = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0, 1, 1, 0, 0, 1]);
const file = (path: string, bytes: Uint8Array): PhotoFile => ({ path, size: bytes.length, modified: 0, bytes });

test("an empty .jpg is kept, an empty file without an image's extension is not", () => {
  const picked = [file("411628200206125064.jpg", new Uint8Array(0)), file("说明", new Uint8Array(0)), file("张三", JPEG), file("笔记.txt", new TextEncoder().encode("x"))];
  expect(photoSources(picked).map((s) => [s.path, s.size])).toEqual([["411628200206125064.jpg", 0], ["张三", JPEG.length]]);
});

test("a folder holding the record of an earlier `photos -o` is left out; a folder merely named like one is not", () => {
  const picked = [
    file("一班/张三.jpg", JPEG), file("上报/.kezheng-photos.json", new TextEncoder().encode('{"files":[]}')), file("上报/411628200206125064.jpg", JPEG),
    file("上报/旧/李四.jpg", JPEG), file("照片（上报）/王五.jpg", JPEG),
  ];
  expect(photoSources(picked).map((s) => s.path)).toEqual(["一班/张三.jpg", "照片（上报）/王五.jpg"]);
});
