// Node's zlib as the file layer's deflate, inflate and CRC: natively, several times faster than
// the JavaScript the browser uses.
import * as zlib from "zlib";
import type { NativeZlib } from "../hosts/xlsx/zip";

export const nodeZlib: NativeZlib = {
  // Level 3: a third of level 6's time for 12% more bytes.
  deflateRaw: (data, last) => zlib.deflateRawSync(data, { level: 3, finishFlush: last ? zlib.constants.Z_FINISH : zlib.constants.Z_SYNC_FLUSH }),
  inflateRaw: (data, maxOutputLength) => zlib.inflateRawSync(data, { maxOutputLength }),
  // zlib answers 0 for an empty buffer with no memory behind it, whatever the running value.
  crc32: (data, value) => (data.length > 0 ? zlib.crc32(data, value) : (value ?? 0)),
};
