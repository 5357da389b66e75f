import { UnknownAssetError } from '../../../avaturn/errors.js';
import { ConflictError, InvalidPhotoError, PayloadTooLargeError } from '../../../errors/app-error.js';
import { builder } from '../../builder.js';
import { COMMON_MUTATION_ERRORS, ErrorInterface } from '../errors.js';

builder.objectType(UnknownAssetError, {
  name: 'UnknownAssetError',
  description: 'Avaturn does not know one of the asset ids (see the asset catalog).',
  interfaces: [ErrorInterface],
  isTypeOf: (e) => e instanceof UnknownAssetError,
});

/** Result union members of the Avaturn mutations, most specific first. */
export const AVATURN_MUTATION_ERRORS = [ConflictError, ...COMMON_MUTATION_ERRORS];
export const UPLOAD_MUTATION_ERRORS = [InvalidPhotoError, PayloadTooLargeError, ...AVATURN_MUTATION_ERRORS];
export const CUSTOMIZE_MUTATION_ERRORS = [UnknownAssetError, ...AVATURN_MUTATION_ERRORS];
