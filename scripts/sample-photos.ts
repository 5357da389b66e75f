import { encode } from 'jpeg-js';

/** The three views `createAvatar` asks for; `yaw` turns the head (radians, + = to the viewer's right). */
export const SAMPLE_VIEWS = { frontal: 0, side1: -0.55, side2: 0.55 } as const;
export type SampleView = keyof typeof SAMPLE_VIEWS;

const SIZE = 512;
/** 2x2 samples per pixel: smooth edges without an anti-aliasing rasterizer. */
const SUPERSAMPLE = 2;
/** Flat shapes on a soft backdrop stay a few KB at this quality. */
const JPEG_QUALITY = 70;

type Rgb = readonly [number, number, number];

/** An ellipse centred at (cx, cy); `clip` keeps it inside another one (features inside the head). */
interface Ellipse {
  cx: number;
  cy: number;
  rx: number;
  ry: number;
  colour: Rgb;
  clip?: Omit<Ellipse, 'colour' | 'clip'>;
}

const SKIN: Rgb = [236, 196, 164];
const HAIR: Rgb = [74, 52, 40];
const SHIRT: Rgb = [70, 112, 160];
const EAR: Rgb = [226, 184, 152];

const inside = (e: Omit<Ellipse, 'colour' | 'clip'>, x: number, y: number): boolean =>
  ((x - e.cx) / e.rx) ** 2 + ((y - e.cy) / e.ry) ** 2 <= 1;

/** A plain drawn face turned by `yaw`: not a person, just enough of one to stand in for a selfie. */
function faceShapes(yaw: number): Ellipse[] {
  const turn = Math.sin(yaw);
  const head = { cx: 256 + turn * 18, cy: 228, rx: 118 - Math.abs(turn) * 14, ry: 150 };
  const dx = turn * 62;
  // The eye on the far side of the turn looks narrower.
  const eyeWidth = (side: -1 | 1) => 24 * (1 - Math.max(0, -side * turn) * 0.75);
  const eye = (side: -1 | 1): Ellipse[] => {
    const cx = head.cx + side * 46 + dx;
    return [
      { cx, cy: 214, rx: eyeWidth(side), ry: 13, colour: [250, 250, 248], clip: head },
      { cx: cx + turn * 8, cy: 215, rx: eyeWidth(side) * 0.45, ry: 10, colour: [60, 84, 110], clip: head },
      { cx, cy: 190, rx: eyeWidth(side) * 1.15, ry: 5, colour: HAIR, clip: head },
    ];
  };
  const earSide = turn === 0 ? 0 : -Math.sign(turn);
  return [
    { cx: 256, cy: 560, rx: 210, ry: 150, colour: SHIRT },
    { cx: 256 + turn * 10, cy: 400, rx: 46, ry: 60, colour: [222, 180, 148] },
    ...(earSide === 0 ? [-1, 1].map((s) => ({ cx: head.cx + s * head.rx, cy: 236, rx: 16, ry: 30, colour: EAR })) : []),
    { ...head, colour: SKIN },
    // Turned, the ear on the near side shows inside the outline of the head.
    ...(earSide === 0 ? [] : [{ cx: head.cx + earSide * head.rx * 0.78, cy: 236, rx: 15, ry: 28, colour: EAR }]),
    { cx: head.cx - dx * 0.3, cy: head.cy - 124, rx: head.rx + 14, ry: 70, colour: HAIR, clip: { ...head, ry: head.ry + 12, cy: head.cy - 4 } },
    ...eye(-1),
    ...eye(1),
    { cx: head.cx + dx * 1.35, cy: 262, rx: 11 + Math.abs(turn) * 6, ry: 20, colour: [214, 166, 136], clip: head },
    { cx: head.cx + dx, cy: 316, rx: 40 * (1 - Math.abs(turn) * 0.3), ry: 12, colour: [184, 84, 84], clip: head },
  ];
}

function pixel(shapes: Ellipse[], x: number, y: number): Rgb {
  for (let i = shapes.length - 1; i >= 0; i--) {
    const s = shapes[i]!;
    if (inside(s, x, y) && (!s.clip || inside(s.clip, x, y))) return s.colour;
  }
  // A soft vertical gradient, like a wall behind the sitter.
  const t = y / SIZE;
  return [226 - 30 * t, 232 - 24 * t, 238 - 14 * t];
}

/** One sample photo as JPEG bytes (512x512, a few KB). The same view always gives the same bytes. */
export function renderSamplePhoto(view: SampleView): Buffer {
  const shapes = faceShapes(SAMPLE_VIEWS[view]);
  const data = Buffer.alloc(SIZE * SIZE * 4);
  const n = SUPERSAMPLE * SUPERSAMPLE;
  for (let y = 0; y < SIZE; y++) {
    for (let x = 0; x < SIZE; x++) {
      let r = 0, g = 0, b = 0;
      for (let sy = 0; sy < SUPERSAMPLE; sy++) {
        for (let sx = 0; sx < SUPERSAMPLE; sx++) {
          const [pr, pg, pb] = pixel(shapes, x + (sx + 0.5) / SUPERSAMPLE, y + (sy + 0.5) / SUPERSAMPLE);
          r += pr;
          g += pg;
          b += pb;
        }
      }
      const o = (y * SIZE + x) * 4;
      data[o] = Math.round(r / n);
      data[o + 1] = Math.round(g / n);
      data[o + 2] = Math.round(b / n);
      data[o + 3] = 255;
    }
  }
  return encode({ width: SIZE, height: SIZE, data }, JPEG_QUALITY).data;
}
