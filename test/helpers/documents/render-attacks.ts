import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { parse } from 'graphql';
import type { Pose } from '../../../src/poses/catalog.js';

/**
 * The probe: one small request of `count` aliased `frames` fields at W3840, each a
 * distinct render (pose x fps), so neither the loader nor the cache can fold them. Built at run
 * time: fifty aliases are data, not a document worth keeping in codegen.
 */
export function aliasedFramesQuery(animated: readonly Pose[], count: number): TypedDocumentNode<Record<string, unknown>, { id: string }> {
  const combos = animated.flatMap((pose) => Array.from({ length: 15 }, (_, i) => ({ pose: pose.key, fps: 15 - i })));
  const fields = combos
    .slice(0, count)
    .map((c, i) => `f${i}: frames(pose: "${c.pose}", fps: ${c.fps}, quality: W3840) { id }`)
    .join('\n');
  return parse(`query AliasedFrames($id: ID!) { node(id: $id) { ... on ZepetoAvatar { ${fields} } } }`) as TypedDocumentNode<
    Record<string, unknown>,
    { id: string }
  >;
}
