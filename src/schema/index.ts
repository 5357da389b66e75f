// Imports every type file for its side effects, then builds. Nothing is re-exported from here
// (re-exports through index files are how circular imports come back undefined).
import { builder } from './builder.js';
import './types/enums.js';
import './types/errors.js';
import './types/pose.js';
import './types/viewer.js';
import './types/avatar-image.js';
import './types/avatar.js';
import './types/delete-avatar.js';
import './types/avaturn/index.js';
import './types/zepeto/index.js';

export const schema = builder.toSchema({ sortSchema: false });
