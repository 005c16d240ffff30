// Reading PNG files with Node alone (zlib), for the tests that check a picture really shows a
// chart: the rsvg-convert PNGs of render.mjs --png and the Chromium screenshot of report.html.
// Only what those writers produce is supported: 8 bits per channel, not interlaced.

import zlib from 'node:zlib';

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const CHANNELS = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 }; // colour type -> samples per pixel

/** Decode a PNG into { width, height, rgba } with the pixels composited on white. */
export function decodePng(buffer, name = 'PNG') {
  if (buffer.length < 8 || !buffer.subarray(0, 8).equals(SIGNATURE)) throw new Error(`${name}: not a PNG file`);
  let at = 8, header = null, palette = null, alphaTable = null;
  const data = [];
  while (at + 8 <= buffer.length) {
    const length = buffer.readUInt32BE(at);
    const type = buffer.toString('latin1', at + 4, at + 8);
    const body = buffer.subarray(at + 8, at + 8 + length);
    if (body.length !== length) throw new Error(`${name}: chunk ${type} is cut off`);
    if (type === 'IHDR') {
      header = { width: body.readUInt32BE(0), height: body.readUInt32BE(4), depth: body[8], colour: body[9], interlace: body[12] };
    } else if (type === 'PLTE') palette = body;
    else if (type === 'tRNS') alphaTable = body;
    else if (type === 'IDAT') data.push(body);
    else if (type === 'IEND') break;
    at += 12 + length;
  }
  if (!header) throw new Error(`${name}: no IHDR chunk`);
  const { width, height, depth, colour, interlace } = header;
  const channels = CHANNELS[colour];
  if (depth !== 8 || !channels) throw new Error(`${name}: ${depth}-bit colour type ${colour} is not supported (expected 8-bit)`);
  if (interlace) throw new Error(`${name}: interlaced PNG is not supported`);
  if (colour === 3 && !palette) throw new Error(`${name}: palette image without PLTE`);
  const raw = zlib.inflateSync(Buffer.concat(data));
  const stride = width * channels;
  if (raw.length < height * (stride + 1)) throw new Error(`${name}: image data too short`);

  // Undo the per-line filters (PNG specification, section 9).
  const lines = Buffer.alloc(height * stride);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    const src = y * (stride + 1) + 1, dst = y * stride, up = dst - stride;
    for (let i = 0; i < stride; i++) {
      const a = i >= channels ? lines[dst + i - channels] : 0;
      const b = y > 0 ? lines[up + i] : 0;
      const c = y > 0 && i >= channels ? lines[up + i - channels] : 0;
      let pred = 0;
      if (filter === 1) pred = a;
      else if (filter === 2) pred = b;
      else if (filter === 3) pred = (a + b) >> 1;
      else if (filter === 4) {
        const p = a + b - c, pa = Math.abs(p - a), pb = Math.abs(p - b), pc = Math.abs(p - c);
        pred = pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
      } else if (filter !== 0) throw new Error(`${name}: unknown filter ${filter} on line ${y}`);
      lines[dst + i] = (raw[src + i] + pred) & 0xff;
    }
  }

  const rgba = new Uint8Array(width * height * 4);
  for (let p = 0; p < width * height; p++) {
    const s = p * channels;
    let r, g, b, alpha = 255;
    if (colour === 0 || colour === 4) { r = g = b = lines[s]; if (colour === 4) alpha = lines[s + 1]; }
    else if (colour === 3) {
      const k = lines[s];
      [r, g, b] = [palette[3 * k], palette[3 * k + 1], palette[3 * k + 2]];
      if (alphaTable && k < alphaTable.length) alpha = alphaTable[k];
    } else { r = lines[s]; g = lines[s + 1]; b = lines[s + 2]; if (colour === 6) alpha = lines[s + 3]; }
    const over = (v) => Math.round((v * alpha + 255 * (255 - alpha)) / 255); // on white, as a page shows it
    rgba.set([over(r), over(g), over(b), 255], p * 4);
  }
  return { width, height, rgba };
}

const hex = (c) => [1, 3, 5].map((i) => parseInt(c.slice(i, i + 2), 16));

/**
 * What a picture holds: pixels that are not (near) white, distinct colours, and for each of
 * `colours` ('#rrggbb') how many pixels have it (within `tolerance` per channel) and where.
 */
export function pictureStats(img, colours = [], tolerance = 6) {
  const targets = colours.map((c) => ({ colour: c, rgb: hex(c), pixels: 0, x0: Infinity, y0: Infinity, x1: -1, y1: -1 }));
  const distinct = new Set();
  let nonWhite = 0;
  for (let y = 0; y < img.height; y++) {
    for (let x = 0; x < img.width; x++) {
      const i = (y * img.width + x) * 4;
      const r = img.rgba[i], g = img.rgba[i + 1], b = img.rgba[i + 2];
      if (r < 235 || g < 235 || b < 235) nonWhite++;
      distinct.add((r << 16) | (g << 8) | b);
      for (const t of targets) {
        if (Math.abs(r - t.rgb[0]) <= tolerance && Math.abs(g - t.rgb[1]) <= tolerance && Math.abs(b - t.rgb[2]) <= tolerance) {
          t.pixels++;
          t.x0 = Math.min(t.x0, x); t.y0 = Math.min(t.y0, y); t.x1 = Math.max(t.x1, x); t.y1 = Math.max(t.y1, y);
        }
      }
    }
  }
  return { width: img.width, height: img.height, nonWhite, distinct: distinct.size, colours: targets };
}

/**
 * Whether a picture shows the Sankey: at least `minColours` of its node colours, each as a
 * solid area of `minPixels` or more, together spanning most of the chart's width. A blank
 * page, a page of text or a failed render has none of them. Returns { ok, reasons, stats }.
 */
export function showsSankey(img, { colours, minColours = 4, minPixels = 300, minSpan = 0.5 } = {}) {
  const stats = pictureStats(img, colours);
  const drawn = stats.colours.filter((c) => c.pixels >= minPixels);
  const reasons = [];
  if (drawn.length < minColours) {
    reasons.push(`${drawn.length} of the ${colours.length} node colours drawn (at least ${minPixels} pixels each), expected ${minColours} or more`);
  }
  const x0 = Math.min(...drawn.map((c) => c.x0)), x1 = Math.max(...drawn.map((c) => c.x1));
  const span = drawn.length ? (x1 - x0 + 1) / img.width : 0;
  if (span < minSpan) reasons.push(`the node colours span ${(span * 100).toFixed(0)}% of the width, expected ${(minSpan * 100).toFixed(0)}% or more`);
  if (stats.distinct < 20) reasons.push(`${stats.distinct} distinct colours, expected 20 or more`);
  return { ok: reasons.length === 0, reasons, stats: { ...stats, span } };
}
