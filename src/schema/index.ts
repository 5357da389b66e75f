// Imports every type file for its side effects, then builds. Nothing is re-exported from here
// (re-exports through index files are how circular imports come back undefined).
import { builder } from './builder.js';
import './types/enums.js';
import './types/pose.js';
import './types/viewer.js';

export const schema = builder.toSchema({ sortSchema: false });
