import { builder } from '../builder.js';

export const AvatarProviderEnum = builder.enumType('AvatarProvider', {
  description: 'Which upstream service made the avatar.',
  values: {
    AVATURN: { description: '3D avatar made from three selfies by Avaturn.' },
    ZEPETO: { description: 'A connected ZEPETO account, rendered by ZEPETO Render-it.' },
  } as const,
});

export const AvatarStatusEnum = builder.enumType('AvatarStatus', {
  values: ['AWAITING_UPLOAD', 'PROCESSING', 'READY', 'FAILED'] as const,
});

export const RenderStatusEnum = builder.enumType('RenderStatus', {
  values: ['PENDING', 'READY', 'FAILED'] as const,
});

export const PoseKindEnum = builder.enumType('PoseKind', {
  values: {
    STILL: { description: 'A still image pose.' },
    ANIMATED: { description: 'An animated pose: renders as APNG or as frames; also usable as a still.' },
  } as const,
});

export const BodyTypeEnum = builder.enumType('BodyType', { values: ['MALE', 'FEMALE'] as const });

export const ImageFormatEnum = builder.enumType('ImageFormat', {
  values: ['PNG', 'APNG', 'JPG', 'WEBP'] as const,
});

/** Render widths in pixels; the height follows the pose's ratio. */
export const IMAGE_QUALITIES = [
  'W160', 'W240', 'W320', 'W480', 'W640', 'W960', 'W1280', 'W1600', 'W1920', 'W2560', 'W3200', 'W3840',
] as const;

export const ImageQualityEnum = builder.enumType('ImageQuality', {
  description: 'Image width in pixels (W640 = 640 px wide); the height follows the pose ratio.',
  values: IMAGE_QUALITIES,
});
