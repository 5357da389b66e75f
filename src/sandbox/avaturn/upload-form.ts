import type { IncomingMessage } from 'node:http';
import { finished } from 'node:stream/promises';
import busboy from 'busboy';
import { AvaturnApiError, invalid, missing, type ValidationIssue } from './errors.js';
import { PhotoInspector, type PhotoVerdict } from './photo-check.js';

export const PHOTO_FIELDS = ['image-frontal', 'image-side-1', 'image-side-2'] as const;
type PhotoField = (typeof PHOTO_FIELDS)[number];

export interface UploadForm {
  bodyType: 'male' | 'female';
  telephoto: boolean;
  verdicts: Record<PhotoField, PhotoVerdict>;
}

const TRUE = new Set(['true', '1', 'yes', 'on']);
const FALSE = new Set(['false', '0', 'no', 'off']);

interface RawForm {
  fields: Map<string, string>;
  photos: Map<string, PhotoInspector>;
  tooLarge: string[];
  tooManyParts: boolean;
}

/**
 * Streams the multipart body through busboy: each photo is inspected chunk by chunk (only its
 * head is kept), other files are drained, and a file over `maxFileBytes` is cut off and noted
 * (the rest of the body is still read, so the answer reaches the client).
 */
function streamForm(req: IncomingMessage, maxFileBytes: number): Promise<RawForm> {
  const parser = busboy({
    headers: req.headers,
    limits: { fileSize: maxFileBytes, files: 6, fields: 12, fieldSize: 1024, parts: 18 },
  });
  const form: RawForm = { fields: new Map(), photos: new Map(), tooLarge: [], tooManyParts: false };
  const fileEnds: Promise<void>[] = [];
  return new Promise<RawForm>((resolve, reject) => {
    const fail = (err: AvaturnApiError): void => {
      req.unpipe(parser);
      reject(err);
    };
    parser.on('file', (name, stream) => {
      fileEnds.push(finished(stream).catch(() => undefined));
      if (!(PHOTO_FIELDS as readonly string[]).includes(name) || form.photos.has(name)) {
        stream.resume();
        return;
      }
      const inspector = new PhotoInspector();
      form.photos.set(name, inspector);
      stream.on('data', (chunk: Buffer) => inspector.push(chunk));
      stream.on('limit', () => form.tooLarge.push(name));
    });
    parser.on('field', (name, value) => {
      if (!form.fields.has(name)) form.fields.set(name, value);
    });
    for (const event of ['filesLimit', 'fieldsLimit', 'partsLimit'] as const) {
      parser.on(event, () => (form.tooManyParts = true));
    }
    parser.on('error', () => fail(new AvaturnApiError(400, 'There was an error parsing the body')));
    parser.on('close', () => {
      void Promise.all(fileEnds).then(() => resolve(form));
    });
    req.on('error', () => fail(new AvaturnApiError(400, 'upload aborted')));
    req.pipe(parser);
  });
}

function notMultipart(): AvaturnApiError {
  return invalid(...[...PHOTO_FIELDS, 'body-type'].map((f) => missing(['body', f])));
}

/** Parses and validates the upload form: 413 for a large file, 422 FastAPI-style otherwise. */
export async function parseUploadForm(req: IncomingMessage, maxFileBytes: number): Promise<UploadForm> {
  if (!/^multipart\/form-data/i.test(req.headers['content-type'] ?? '')) throw notMultipart();
  let form: RawForm;
  try {
    form = await streamForm(req, maxFileBytes);
  } catch (err) {
    if (err instanceof AvaturnApiError) throw err;
    throw notMultipart();
  }
  if (form.tooLarge.length > 0) {
    throw new AvaturnApiError(413, `${form.tooLarge.join(', ')} exceeds the ${maxFileBytes}-byte limit per file`);
  }
  if (form.tooManyParts) throw new AvaturnApiError(413, 'too many parts in the form');

  const issues: ValidationIssue[] = [];
  for (const name of PHOTO_FIELDS) {
    if (form.photos.has(name)) continue;
    issues.push(
      form.fields.has(name)
        ? { loc: ['body', name], msg: `Value error, Expected UploadFile, received: <class 'str'>`, type: 'value_error' }
        : missing(['body', name]),
    );
  }
  const bodyType = form.fields.get('body-type');
  if (bodyType === undefined) issues.push(missing(['body', 'body-type']));
  else if (bodyType !== 'male' && bodyType !== 'female') {
    issues.push({ loc: ['body', 'body-type'], msg: "Input should be 'male' or 'female'", type: 'enum' });
  }
  const rawTelephoto = form.fields.get('telephoto')?.toLowerCase();
  if (rawTelephoto !== undefined && !TRUE.has(rawTelephoto) && !FALSE.has(rawTelephoto)) {
    issues.push({ loc: ['body', 'telephoto'], msg: 'Input should be a valid boolean', type: 'bool_parsing' });
  }
  if (issues.length > 0) throw invalid(...issues);

  const verdicts = Object.fromEntries(PHOTO_FIELDS.map((name) => [name, form.photos.get(name)!.verdict()]));
  return {
    bodyType: bodyType as 'male' | 'female',
    telephoto: rawTelephoto !== undefined && TRUE.has(rawTelephoto),
    verdicts: verdicts as Record<PhotoField, PhotoVerdict>,
  };
}
