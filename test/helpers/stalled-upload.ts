import { jpeg } from './photos.js';

const chunk = (data: string | Buffer) => Buffer.concat([Buffer.from(`${Buffer.byteLength(data).toString(16)}\r\n`), Buffer.from(data), Buffer.from('\r\n')]);
const field = (name: string, value: string) => `--b\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;
const fileHead = (name: string) => `--b\r\nContent-Disposition: form-data; name="${name}"; filename="${name}.jpg"\r\nContent-Type: image/jpeg\r\n\r\n`;

const OPERATIONS = JSON.stringify({
  query: 'mutation ($f: Upload!, $s1: Upload!, $s2: Upload!) { createAvatar(input: {frontal: $f, side1: $s1, side2: $s2, bodyType: MALE}) { __typename } }',
  variables: { f: null, s1: null, s2: null },
});
const MAP = JSON.stringify({ 0: ['variables.f'], 1: ['variables.s1'], 2: ['variables.s2'] });

/**
 * The start of a createAvatar upload (chunked, raw HTTP): operations, map, the whole frontal
 * and 600 bytes of side1. `stopAfter: 'operations'` stops before the map instead.
 */
export function stalledUpload(token: string, stopAfter: 'operations' | 'side1' = 'side1'): Buffer {
  const head =
    `POST /graphql HTTP/1.1\r\nHost: x\r\nContent-Type: multipart/form-data; boundary=b\r\nTransfer-Encoding: chunked\r\n` +
    `graphql-preflight: 1\r\nAuthorization: Bearer ${token}\r\n\r\n`;
  const start = Buffer.concat([Buffer.from(head), chunk(field('operations', OPERATIONS))]);
  if (stopAfter === 'operations') return start;
  const frontal = Buffer.concat([Buffer.from(fileHead('0')), jpeg('front'), Buffer.from('\r\n')]);
  const side1 = Buffer.concat([Buffer.from(fileHead('1')), jpeg('side').subarray(0, 600)]);
  return Buffer.concat([start, chunk(field('map', MAP)), chunk(frontal), chunk(side1)]);
}
