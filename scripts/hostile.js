// Hostile files for the tests and the bench: small on disk, enormous once read. Made by code
// (zlib streams), never kept in the repository.
"use strict";
const fs = require("fs");
const zlib = require("zlib");

/** A zip of the given entries, stored or deflated; an entry's `claim` (its inflated size) may lie. */
function zipOf(entries) {
  const locals = [];
  const centrals = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name);
    const method = e.stored ? 0 : 8;
    const data = e.stored ? e.data : e.deflated;
    const header = (size, signature, shift) => {
      const b = Buffer.alloc(size);
      b.writeUInt32LE(signature, 0);
      b.writeUInt16LE(20, 4);
      b.writeUInt16LE(20, 4 + shift);
      b.writeUInt16LE(method, 8 + shift);
      b.writeUInt32LE(e.crc >>> 0, 14 + shift);
      b.writeUInt32LE(data.length, 18 + shift);
      b.writeUInt32LE(e.claim, 22 + shift);
      b.writeUInt16LE(name.length, 26 + shift);
      return b;
    };
    const local = header(30, 0x04034b50, 0);
    const central = header(46, 0x02014b50, 2);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, data);
    centrals.push(central, name);
    offset += local.length + name.length + data.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

/** Deflates `total` bytes made of `unit` repeated, block by block (never held whole); returns the stream and its CRC. */
function deflateRepeated(head, unit, total, tail) {
  const pieces = [];
  const d = zlib.deflateRawSync; // one call per block with sync flush, as the product does
  let crc = zlib.crc32(head);
  pieces.push(d(head, { level: 9, finishFlush: zlib.constants.Z_SYNC_FLUSH }));
  const block = Buffer.from(unit.repeat(Math.ceil((1 << 22) / unit.length)).slice(0, 1 << 22));
  let left = total;
  const blockDeflated = d(block, { level: 9, finishFlush: zlib.constants.Z_SYNC_FLUSH });
  while (left >= block.length) {
    pieces.push(blockDeflated);
    crc = zlib.crc32(block, crc);
    left -= block.length;
  }
  const rest = Buffer.concat([block.subarray(0, left), Buffer.from(tail)]);
  crc = zlib.crc32(rest, crc);
  pieces.push(d(rest, { level: 9, finishFlush: zlib.constants.Z_FINISH }));
  return { deflated: Buffer.concat(pieces), crc, size: Buffer.byteLength(head) + (total - total % block.length) + rest.length };
}

const ODS_HEAD = '<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"><office:body><office:spreadsheet><table:table table:name="花名册">';
const ODS_ROW = '<table:table-row><table:table-cell office:value-type="string"><text:p>张三</text:p></table:table-cell><table:table-cell office:value-type="string"><text:p>41162820030916252X</text:p></table:table-cell></table:table-row>';
const ODS_TAIL = "</table:table></office:spreadsheet></office:body></office:document-content>";

const STYLES = '<?xml version="1.0" encoding="UTF-8"?><office:document-styles xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" office:version="1.2"/>';
const MANIFEST = '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/><manifest:file-entry manifest:full-path="styles.xml" manifest:media-type="text/xml"/></manifest:manifest>';

/** An .ods package: mimetype first and stored, as the format asks; the rest as given. */
function odsOf(file, content) {
  const plain = (name, text) => {
    const data = Buffer.from(text);
    return { name, deflated: zlib.deflateRawSync(data), claim: data.length, crc: zlib.crc32(data) };
  };
  const mimetype = Buffer.from("application/vnd.oasis.opendocument.spreadsheet");
  fs.writeFileSync(file, zipOf([
    { name: "mimetype", stored: true, data: mimetype, claim: mimetype.length, crc: zlib.crc32(mimetype) },
    content,
    plain("styles.xml", STYLES),
    plain("META-INF/manifest.xml", MANIFEST),
  ]));
  return file;
}

/**
 * An .ods whose content.xml inflates to `inflated` bytes of rows (about 0.5 MB on disk for 500 MB).
 * `lying`: the zip claims a small size for it, so only inflating tells.
 */
function odsBomb(file, { inflated = 500 * 1024 * 1024, lying = false } = {}) {
  const content = deflateRepeated(ODS_HEAD, ODS_ROW, inflated, ODS_TAIL);
  return odsOf(file, { name: "content.xml", deflated: content.deflated, claim: lying ? 1024 * 1024 : content.size, crc: content.crc });
}

/** An .ods of a few KB whose rows and cells say "repeated" a million times over (a reader that expands them runs out of memory). */
function odsRepeated(file) {
  const data = Buffer.from(ODS_HEAD + '<table:table-row table:number-rows-repeated="1048000"><table:table-cell table:number-columns-repeated="1000" office:value-type="string"><text:p>x</text:p></table:table-cell></table:table-row>' + ODS_TAIL);
  return odsOf(file, { name: "content.xml", deflated: zlib.deflateRawSync(data), claim: data.length, crc: zlib.crc32(data) });
}

/** A CSV of `bytes` bytes: a header, then rows (a department's export grown past any real size). */
function csvHuge(file, bytes) {
  const fd = fs.openSync(file, "w");
  fs.writeSync(fd, "学号,姓名,课程名称,成绩分项,成绩\n");
  const line = "2021000001,张三,计算机基础,理论,75\n".repeat(10000);
  for (let written = 0; written < bytes; written += Buffer.byteLength(line)) fs.writeSync(fd, line);
  fs.closeSync(fd);
  return file;
}

/** An .xls (a compound file by its signature) of `bytes` bytes. */
function xlsHuge(file, bytes) {
  const fd = fs.openSync(file, "w");
  fs.writeSync(fd, Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]));
  const zeros = Buffer.alloc(1 << 20);
  for (let n = 8; n < bytes; n += zeros.length) fs.writeSync(fd, zeros);
  fs.closeSync(fd);
  return file;
}

module.exports = { odsBomb, odsRepeated, csvHuge, xlsHuge, zipOf };
