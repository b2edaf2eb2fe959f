// The photo checks' image library (app/photos.ts PhotoImages): pure TypeScript and jpeg-js, no Node
// APIs, so the CLI, the page's worker and the pane make the same bytes.
import { fitInside, type PhotoImages } from "../../app/photos";
import { isNearWhite, measureBorder } from "./border";
import { decodeJpeg, encodeJpeg } from "./codec";
import { readJpegInfo } from "./jpeginfo";
import { downscale, orient } from "./raster";
import { sha256Hex } from "./sha256";
import { sniffImage } from "./sniff";

export const photoImages: PhotoImages = {
  hash: sha256Hex,
  sniff: sniffImage,
  jpegHeader: (bytes) => readJpegInfo(bytes),
  inspect(bytes, orientation) {
    const m = measureBorder(orient(decodeJpeg(bytes), orientation));
    return { nearWhite: isNearWhite(m), lightness: m.lightness };
  },
  render(bytes, orientation, boxW, boxH) {
    const upright = orient(decodeJpeg(bytes), orientation);
    const size = fitInside(upright.width, upright.height, boxW, boxH);
    const picture = downscale(upright, size.width, size.height);
    return { width: picture.width, height: picture.height, encode: (quality) => encodeJpeg(picture, quality) };
  },
};
