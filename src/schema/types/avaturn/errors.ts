import { UnknownAssetError } from '../../../avaturn/errors.js';
import { builder } from '../../builder.js';
import { ErrorInterface } from '../errors.js';

builder.objectType(UnknownAssetError, {
  name: 'UnknownAssetError',
  description: 'Avaturn does not know one of the asset ids (see the asset catalog).',
  interfaces: [ErrorInterface],
  isTypeOf: (e) => e instanceof UnknownAssetError,
});
