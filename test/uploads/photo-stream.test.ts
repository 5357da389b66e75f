import { Readable } from 'node:stream';
import type { FileUpload } from 'graphql-upload-minimal';
import { describe, expect, it } from 'vitest';
import { InvalidPhotoError, PayloadTooLargeError, ValidationError } from '../../src/errors/app-error.js';
import { sniffPhotoType } from '../../src/uploads/image-type.js';
import { UploadArrivals } from '../../src/uploads/upload-arrivals.js';
import { MissingFilePart, tooManyFiles } from '../../src/uploads/upload-errors.js';
import { openPhoto } from '../../src/uploads/photo-stream.js';
import { jpeg, png } from '../helpers/photos.js';

function fileUpload(stream: Readable): FileUpload {
  return { fieldName: '0', filename: 'x.jpg', mimetype: 'image/jpeg', encoding: '7bit', createReadStream: () => stream as never };
}

/** One byte per chunk: the magic bytes must be found across chunk boundaries. */
const byteByByte = (bytes: Buffer) => Readable.from([...bytes].map((b) => Buffer.from([b])));

async function readAll(chunks: AsyncIterable<Buffer>): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const chunk of chunks) parts.push(chunk);
  return Buffer.concat(parts);
}

describe('sniffPhotoType', () => {
  it('knows JPEG and PNG by their magic bytes and nothing else', () => {
    expect(sniffPhotoType(jpeg())).toBe('jpeg');
    expect(sniffPhotoType(png())).toBe('png');
    expect(sniffPhotoType(Buffer.from('GIF89a'))).toBeUndefined();
    expect(sniffPhotoType(Buffer.from([0xff, 0xd8]))).toBeUndefined();
    expect(sniffPhotoType(Buffer.from('RIFF....WEBP'))).toBeUndefined();
    expect(sniffPhotoType(png().subarray(0, 7))).toBeUndefined();
  });
});

describe('openPhoto', () => {
  it('checks the head across tiny chunks and then yields the file unchanged', async () => {
    const bytes = png('tiny-chunks');
    const photo = await openPhoto('input.frontal', fileUpload(byteByByte(bytes)), 1_000_000);
    expect(photo.type).toBe('png');
    expect(photo.contentType).toBe('image/png');
    expect((await readAll(photo.chunks)).equals(bytes)).toBe(true);
  });

  it('refuses a file that is not JPEG or PNG, or too short to tell, naming the field', async () => {
    await expect(openPhoto('input.side1', fileUpload(Readable.from([Buffer.from('%PDF-1.7 ...')])), 1000)).rejects.toEqual(
      new InvalidPhotoError('input.side1', 'input.side1 is not a JPEG or PNG image'),
    );
    await expect(openPhoto('input.side1', fileUpload(Readable.from([])), 1000)).rejects.toBeInstanceOf(InvalidPhotoError);
  });

  it('fails with PAYLOAD_TOO_LARGE once the file passes the cap, and when busboy cut it off', async () => {
    const photo = await openPhoto('input.side2', fileUpload(Readable.from([jpeg(), Buffer.alloc(5000)])), 4000);
    await expect(readAll(photo.chunks)).rejects.toBeInstanceOf(PayloadTooLargeError);
    const cut = Readable.from([jpeg()]) as Readable & { truncated?: boolean };
    cut.truncated = true;
    await expect(openPhoto('input.side2', fileUpload(cut), 1_000_000)).rejects.toBeInstanceOf(PayloadTooLargeError);
  });

  it('turns a broken stream into a ValidationError naming the field', async () => {
    const broken = new Readable({ read() {} });
    broken.push(jpeg());
    const photo = await openPhoto('input.side1', fileUpload(broken), 1_000_000);
    setImmediate(() => broken.destroy(new Error('Unexpected end of form')));
    await expect(readAll(photo.chunks)).rejects.toEqual(
      new ValidationError('input.side1: the upload was interrupted or the multipart body is malformed', 'input.side1'),
    );
  });
});

describe('UploadArrivals', () => {
  const field = (k: string) => `input.${k}`;

  it('hands out every file once, in the order they become available', async () => {
    const a = fileUpload(Readable.from([]));
    const b = fileUpload(Readable.from([]));
    let resolveA!: (upload: FileUpload) => void;
    const lateA = new Promise<FileUpload>((resolve) => (resolveA = resolve));
    const uploads = new UploadArrivals({ a: lateA, b: Promise.resolve(b) }, ['a', 'b'], field);
    // b first: waiting for a while b is unread could hang, so b is handed out.
    expect(await uploads.next()).toEqual({ key: 'b', upload: b });
    resolveA(a);
    expect(await uploads.next()).toEqual({ key: 'a', upload: a });
    expect(uploads.remaining).toBe(0);
    await expect(uploads.next()).rejects.toThrow('every upload was already taken');
  });

  it('names a file missing from the body, and passes a refusal of the body on as it is', async () => {
    const uploads = new UploadArrivals({ a: Promise.reject(new MissingFilePart('gone')) }, ['a'], field);
    await expect(uploads.next()).rejects.toEqual(new ValidationError('input.a: the file is missing from the multipart body', 'input.a'));
    const tooMany = new UploadArrivals({ a: Promise.reject(tooManyFiles()) }, ['a'], field);
    await expect(tooMany.next()).rejects.toEqual(new PayloadTooLargeError('A request carries at most 3 files', { maxFiles: 3 }));
    const broken = new UploadArrivals({ a: Promise.reject(new Error('Unexpected end of form')) }, ['a'], field);
    await expect(broken.next()).rejects.toEqual(
      new ValidationError('input.a: the upload was interrupted or the multipart body is malformed', 'input.a'),
    );
  });
});
