#!/usr/bin/env node
// Draws the add-in icons (assets/icon-{16,32,64,80}.png): a white check mark on Office blue.
// Run once after changing the design: node scripts/make-icons.js
"use strict";
const fs = require("fs");
const path = require("path");
const zlib = require("zlib");

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (buf) => {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};
const chunk = (type, data) => {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
};

function png(size, pixel) {
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0;
    for (let x = 0; x < size; x++) raw.set(pixel(x, y), y * (size * 4 + 1) + 1 + x * 4);
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr.set([8, 6, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", ihdr), chunk("IDAT", zlib.deflateSync(raw)), chunk("IEND", Buffer.alloc(0)),
  ]);
}

function distToSegment(px, py, [ax, ay], [bx, by]) {
  const dx = bx - ax, dy = by - ay;
  const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - ax - t * dx, py - ay - t * dy);
}

function icon(size) {
  const check = [[0.27, 0.52], [0.44, 0.69], [0.75, 0.34]];
  const radius = 0.18, stroke = 0.075;
  return png(size, (x, y) => {
    let cover = 0, ink = 0;
    for (let sy = 0; sy < 4; sy++) for (let sx = 0; sx < 4; sx++) {
      const u = (x + (sx + 0.5) / 4) / size, v = (y + (sy + 0.5) / 4) / size;
      const cx = Math.max(radius - u, 0, u - (1 - radius)), cy = Math.max(radius - v, 0, v - (1 - radius));
      if (Math.hypot(cx, cy) > radius) continue;
      cover++;
      const d = Math.min(distToSegment(u, v, check[0], check[1]), distToSegment(u, v, check[1], check[2]));
      if (d < stroke) ink++;
    }
    const a = cover / 16, w = cover ? ink / cover : 0;
    const mix = (c) => Math.round(c * (1 - w) + 255 * w);
    return [mix(0x0f), mix(0x6c), mix(0xbd), Math.round(a * 255)];
  });
}

for (const size of [16, 32, 64, 80]) {
  fs.writeFileSync(path.join(__dirname, "..", "assets", `icon-${size}.png`), icon(size));
}
console.log("assets/icon-{16,32,64,80}.png written");
