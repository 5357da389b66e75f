import { UpstreamError } from '../upstreams/errors.js';

/** The upstream base class is abstract; Pothos (the errors plugin, `objectType`) only needs it for `instanceof`. */
export const UpstreamErrorClass = UpstreamError as unknown as new (...args: any[]) => UpstreamError; // eslint-disable-line @typescript-eslint/no-explicit-any
