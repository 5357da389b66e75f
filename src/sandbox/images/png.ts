import { crc32, deflateSync } from 'node:zlib';
import { checkSpec, createPattern, markerRect, type ImageSpec, type Pattern } from './pattern.js';

/*
 * PNG and APNG are written here on node:zlib rather than with upng-js: upng-js takes a full RGBA
 * buffer per frame (105 MB for one W3840 frame, gigabytes for a 60-frame animation), while the
 * banded pattern needs one palette byte per pixel and each later APNG frame is only the marker.
 */

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
/** PNG allows 2^31-1; this keeps one image's scanlines within a few hundred MB. */
const MAX_SIDE = 65_535;
const COLOUR_TYPE_INDEXED = 3;
const DISPOSE_NONE = 0;
const DISPOSE_PREVIOUS = 2;
const BLEND_SOURCE = 0;

function chunk(type: string, data: Buffer): Buffer {
  const out = Buffer.allocUnsafe(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'latin1');
  data.copy(out, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}

function header(p: Pattern): Buffer[] {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(p.width, 0);
  ihdr.writeUInt32BE(p.height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = COLOUR_TYPE_INDEXED;
  return [SIGNATURE, chunk('IHDR', ihdr), chunk('PLTE', Buffer.from(p.palette.flat()))];
}

/** Filter-0 scanlines of the whole image, optionally with the marker of one animation frame. */
function scanlines(p: Pattern, marker?: { x: number; y: number; size: number }): Buffer {
  const stride = p.width + 1;
  const raw = Buffer.allocUnsafe(stride * p.height);
  for (let y = 0; y < p.height; y++) {
    const row = y * stride;
    raw[row] = 0;
    for (const [from, to, colour] of p.runs(y)) raw.fill(colour, row + 1 + from, row + 1 + to);
    if (marker && y >= marker.y && y < marker.y + marker.size) {
      raw.fill(p.markerColour, row + 1 + marker.x, row + 1 + marker.x + marker.size);
    }
  }
  return deflateSync(raw);
}

function frameControl(seq: number, rect: { x: number; y: number; w: number; h: number }, fps: number, dispose: number): Buffer {
  const d = Buffer.alloc(26);
  d.writeUInt32BE(seq, 0);
  d.writeUInt32BE(rect.w, 4);
  d.writeUInt32BE(rect.h, 8);
  d.writeUInt32BE(rect.x, 12);
  d.writeUInt32BE(rect.y, 16);
  d.writeUInt16BE(1, 20); // delay = 1 / fps seconds
  d.writeUInt16BE(fps, 22);
  d[24] = dispose;
  d[25] = BLEND_SOURCE;
  return chunk('fcTL', d);
}

export function renderPng(spec: ImageSpec): Buffer {
  checkSpec(spec, MAX_SIDE);
  const p = createPattern(spec);
  return Buffer.concat([...header(p), chunk('IDAT', scanlines(p)), chunk('IEND', Buffer.alloc(0))]);
}

/**
 * Frame `index` (0-based) of `frames` as a standalone PNG, identical to what the APNG of the same
 * spec shows at that frame: frame 0 is the plain image, later frames add the sweeping marker.
 */
export function renderPngFrame(spec: ImageSpec, index: number, frames: number): Buffer {
  checkSpec(spec, MAX_SIDE);
  const p = createPattern(spec);
  const marker = index === 0 ? undefined : markerRect(p, index - 1, frames - 1);
  return Buffer.concat([...header(p), chunk('IDAT', scanlines(p, marker)), chunk('IEND', Buffer.alloc(0))]);
}

/**
 * An APNG that loops forever. Frame 0 is the full image (also the default image for viewers
 * without APNG support); each later frame redraws only the marker square and is disposed back to
 * the previous canvas, so a 60-frame W3840 animation stays small and quick to write.
 */
export function renderApng(spec: ImageSpec & { frames: number; fps: number }): Buffer {
  checkSpec(spec, MAX_SIDE);
  if (!Number.isInteger(spec.frames) || spec.frames < 1) throw new RangeError(`frames must be a whole number >= 1, got ${spec.frames}`);
  if (!Number.isInteger(spec.fps) || spec.fps < 1 || spec.fps > 0xffff) throw new RangeError(`fps must be a whole number in 1..65535, got ${spec.fps}`);
  const p = createPattern(spec);
  const actl = Buffer.alloc(8);
  actl.writeUInt32BE(spec.frames, 0); // num_plays stays 0: loop forever
  const parts = [...header(p), chunk('acTL', actl)];
  let seq = 0;
  parts.push(frameControl(seq++, { x: 0, y: 0, w: p.width, h: p.height }, spec.fps, DISPOSE_NONE));
  parts.push(chunk('IDAT', scanlines(p)));

  if (spec.frames > 1) {
    const { size } = markerRect(p, 0, spec.frames - 1);
    const markerRow = Buffer.alloc(size + 1, p.markerColour);
    markerRow[0] = 0;
    // Every marker frame has the same pixels; only its position (in fcTL) changes.
    const markerData = deflateSync(Buffer.concat(Array.from({ length: size }, () => markerRow)));
    for (let i = 1; i < spec.frames; i++) {
      const m = markerRect(p, i - 1, spec.frames - 1);
      parts.push(frameControl(seq++, { x: m.x, y: m.y, w: m.size, h: m.size }, spec.fps, DISPOSE_PREVIOUS));
      const fdat = Buffer.allocUnsafe(4 + markerData.length);
      fdat.writeUInt32BE(seq++, 0);
      markerData.copy(fdat, 4);
      parts.push(chunk('fdAT', fdat));
    }
  }
  parts.push(chunk('IEND', Buffer.alloc(0)));
  return Buffer.concat(parts);
}
