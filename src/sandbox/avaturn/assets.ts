/**
 * The simulator's asset catalog. Avaturn's real catalog is per project and not published, so
 * the sandbox ships a few fixed ids per slot (listed at `GET <basePath>/sandbox/assets`).
 */
export const ASSET_SLOTS = ['clothing', 'hair_and_headwear', 'eyewear', 'footwear'] as const;
export type AssetSlot = (typeof ASSET_SLOTS)[number];

export interface SandboxAsset {
  id: string;
  slot: AssetSlot;
  name: string;
}

export const SANDBOX_ASSETS: readonly SandboxAsset[] = [
  { id: '2f6c1a4e-8b1d-4c55-9a4e-0c3f1e7d2a01', slot: 'clothing', name: 'Casual T-shirt and jeans' },
  { id: '2f6c1a4e-8b1d-4c55-9a4e-0c3f1e7d2a02', slot: 'clothing', name: 'Hoodie and joggers' },
  { id: '2f6c1a4e-8b1d-4c55-9a4e-0c3f1e7d2a03', slot: 'clothing', name: 'Business suit' },
  { id: '5a9e3b72-1c4d-4e8f-b2a6-7d1e9c3f4b01', slot: 'hair_and_headwear', name: 'Short hair' },
  { id: '5a9e3b72-1c4d-4e8f-b2a6-7d1e9c3f4b02', slot: 'hair_and_headwear', name: 'Long hair' },
  { id: '5a9e3b72-1c4d-4e8f-b2a6-7d1e9c3f4b03', slot: 'hair_and_headwear', name: 'Baseball cap' },
  { id: '8c2d7f14-6e3a-4b9c-a1d5-3f8e2b6c9d01', slot: 'eyewear', name: 'Round glasses' },
  { id: '8c2d7f14-6e3a-4b9c-a1d5-3f8e2b6c9d02', slot: 'eyewear', name: 'Sunglasses' },
  { id: 'b7e4c9a3-2d5f-4a1e-8c6b-9e3d1f7a5c01', slot: 'footwear', name: 'Sneakers' },
  { id: 'b7e4c9a3-2d5f-4a1e-8c6b-9e3d1f7a5c02', slot: 'footwear', name: 'Boots' },
];

const byId = new Map(SANDBOX_ASSETS.map((a) => [a.id, a]));

export function findAsset(id: string): SandboxAsset | undefined {
  return byId.get(id.toLowerCase());
}
