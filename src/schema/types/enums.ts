import { RENDER_QUALITIES } from '../../upstreams/render-it/pricing.js';
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

export const CostAccuracyEnum = builder.enumType('CostAccuracy', {
  description: 'Whether a Render-it cost is a published price or an estimate.',
  values: {
    EXACT: { description: 'A published price: one image at its quality (stills), or no Render-it cost at all.' },
    ESTIMATE: {
      description: "Render-it does not publish how it bills animations: assumed one image per frame (fps x the pose's duration).",
    },
  } as const,
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

export const ImageQualityEnum = builder.enumType('ImageQuality', {
  description: 'Image width in pixels (W640 = 640 px wide); the height follows the pose ratio.',
  values: RENDER_QUALITIES,
});
