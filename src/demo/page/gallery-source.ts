import { graphql } from './__generated__/index.js';
import type { GatewayClient } from './gateway-client.js';

const GalleryPosesQuery = graphql(`
  query DemoGalleryPoses($first: Int!) {
    poses(provider: ZEPETO, kind: STILL, first: $first) {
      nodes { id key }
    }
  }
`);

const GalleryImagesQuery = graphql(`
  query DemoGalleryImages($id: ID!, $poses: [ID!]!) {
    avatar(id: $id) {
      ... on ZepetoAvatar {
        images(poses: $poses, quality: W240) { id url width height pose { key } }
      }
    }
  }
`);

export interface GalleryImage {
  id: string;
  key: string;
  url: string;
  width: number;
  height: number | null;
}

/** The first `count` still ZEPETO poses of the catalog, as Pose ids. */
export async function galleryPoseIds(client: GatewayClient, count: number): Promise<string[]> {
  const data = await client.request(GalleryPosesQuery, { first: count });
  return data.poses.nodes.map((pose) => pose.id);
}

/** Poses per query: small enough that the first images show while the rest still render. */
const POSES_PER_QUERY = 2;

/**
 * The gallery's renders in pose order, as they arrive. The gateway resolves all render fields of
 * one operation together, so today this asks for a few poses per query, one query after the
 * other. Once the gateway serves `@stream`, this becomes one `images(...) @stream` query whose
 * incremental payloads are yielded here; the page consumes the same iterable either way.
 */
export async function* galleryImages(client: GatewayClient, avatarId: string, poseIds: string[]): AsyncGenerator<GalleryImage> {
  for (let i = 0; i < poseIds.length; i += POSES_PER_QUERY) {
    const data = await client.request(GalleryImagesQuery, { id: avatarId, poses: poseIds.slice(i, i + POSES_PER_QUERY) });
    const images = data.avatar && 'images' in data.avatar ? data.avatar.images : [];
    for (const image of images) {
      if (image.url) yield { id: image.id, key: image.pose.key, url: image.url, width: image.width, height: image.height ?? null };
    }
  }
}
