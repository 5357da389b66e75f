import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const probe = fileURLToPath(new URL('./fixtures/deep-set-probe.mjs', import.meta.url));

async function processRequestWith(path: string): Promise<Record<string, unknown>> {
  const { stdout } = await promisify(execFile)(process.execPath, [probe, path], { timeout: 10_000 });
  return JSON.parse(stdout) as Record<string, unknown>;
}

/**
 * Why src/uploads/multipart-body.ts does not call graphql-upload-minimal's processRequest: its
 * `deepSet` walks map paths into inherited built-ins and assigns there, for the whole process.
 * Each probe runs in a child process, since it breaks the process it runs in. If this starts
 * failing, the library fixed it (the gateway stays safe either way: it never calls it).
 */
describe('graphql-upload-minimal processRequest (not used by the gateway)', () => {
  it('accepts variables.toString.call and breaks Object.prototype.toString.call process-wide', async () => {
    expect(await processRequestWith('variables.toString.call')).toMatchObject({
      outcome: 'accepted',
      ownCallOnToString: true,
      toStringCall: 'throws TypeError',
    });
  });

  it('accepts variables.hasOwnProperty.call and shadows Function.prototype.call on it', async () => {
    expect(await processRequestWith('variables.hasOwnProperty.call')).toMatchObject({
      outcome: 'accepted',
      ownCallOnHasOwnProperty: true,
      hasOwnPropertyCall: 'throws TypeError',
    });
  });

  it('only refuses the names on its blocklist', async () => {
    expect(await processRequestWith('variables.__proto__.x')).toMatchObject({ outcome: expect.stringMatching(/^refused/) });
    expect(await processRequestWith('variables.f')).toMatchObject({ outcome: 'accepted', ownCallOnToString: false, toStringCall: '[object Array]' });
  });
});
