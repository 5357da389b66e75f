/**
 * `npx tsx scripts/make-sample-photos.ts` writes samples/photos/{frontal,side1,side2}.jpg: drawn
 * faces the sandbox accepts (decodable JPEG, 512x512, no NO_FACE marker), used by the demo page
 * and the README's curl example. test/demo/sample-photos.test.ts checks the files match this script.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { SAMPLE_VIEWS, renderSamplePhoto, type SampleView } from './sample-photos.js';

const dir = fileURLToPath(new URL('../samples/photos/', import.meta.url));
mkdirSync(dir, { recursive: true });
for (const view of Object.keys(SAMPLE_VIEWS) as SampleView[]) {
  const bytes = renderSamplePhoto(view);
  writeFileSync(`${dir}${view}.jpg`, bytes);
  console.log(`samples/photos/${view}.jpg  ${bytes.length} bytes`);
}
