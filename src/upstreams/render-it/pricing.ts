/** Render-it quality codes: the number is the image width in px (height follows the pose's ratio). */
export const RENDER_QUALITIES = [
  'W160',
  'W240',
  'W320',
  'W480',
  'W640',
  'W960',
  'W1280',
  'W1600',
  'W1920',
  'W2560',
  'W3200',
  'W3840',
] as const;

export type RenderQuality = (typeof RENDER_QUALITIES)[number];

/** Cost units per image [DOC]: linear in width, 1 unit at W640. */
export const UNITS_PER_IMAGE: Readonly<Record<RenderQuality, number>> = {
  W160: 0.25,
  W240: 0.375,
  W320: 0.5,
  W480: 0.75,
  W640: 1,
  W960: 1.5,
  W1280: 2,
  W1600: 2.5,
  W1920: 3,
  W2560: 4,
  W3200: 5,
  W3840: 6,
};

/** 1 unit = 0.001 USD. */
export const USD_PER_UNIT = 0.001;

export function widthOf(quality: RenderQuality): number {
  return Number(quality.slice(1));
}

/** Units billed for `images` images (Multi bills one per pose, animations one per frame). */
export function costUnits(quality: RenderQuality, images: number): number {
  return UNITS_PER_IMAGE[quality] * images;
}
