import {
  GraphQLError,
  Kind,
  getNullableType,
  isInputObjectType,
  isListType,
  parse,
  typeFromAST,
  type GraphQLInputFieldMap,
  type GraphQLInputType,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';
import { ValidationError } from '../errors/app-error.js';
import { MAX_QUERY_TOKENS, MAX_UPLOAD_FILES } from './limits.js';
import { tooManyFiles } from './upload-errors.js';

/** The multipart `operations` field: one GraphQL request (batches are refused). */
export interface MultipartOperation {
  query: string;
  operationName?: string | null;
  variables?: Record<string, unknown> | null;
  [param: string]: unknown;
}

/** Where one file goes: its part name (the `map` key) and the null it replaces, already proven to be there. */
export interface UploadTarget {
  partName: string;
  path: string;
  container: Record<string, unknown> | unknown[];
  key: string | number;
}

/** Names no path may walk through, whatever the schema says: they lead into prototypes. */
const FORBIDDEN = new Set(['__proto__', 'constructor', 'prototype']);
const INDEX = /^(0|[1-9]\d{0,5})$/;
/** Part names: what clients send (`0`, `1`, `frontal`), nothing that needs quoting. */
const PART_NAME = /^[A-Za-z0-9_-]{1,64}$/;
const MAX_PATH_CHARS = 512;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const shown = (s: string) => JSON.stringify(s.length > 80 ? `${s.slice(0, 80)}...` : s);
const invalid = (message: string) => new ValidationError(`Invalid multipart request: ${message}`);

/** Parses and checks the `operations` field (graphql-multipart-request-spec), before `map` is read. */
export function parseOperations(raw: string): MultipartOperation {
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    throw invalid("'operations' is not valid JSON");
  }
  if (Array.isArray(value)) throw invalid('batched operations (an array in \'operations\') are not supported: send one operation per request');
  if (!isObject(value)) throw invalid("'operations' must be a JSON object");
  if (typeof value['query'] !== 'string') throw invalid("'operations.query' must be a string");
  const name = value['operationName'];
  if (name !== undefined && name !== null && typeof name !== 'string') throw invalid("'operations.operationName' must be a string");
  const variables = value['variables'];
  if (variables !== undefined && variables !== null && !isObject(variables)) throw invalid("'operations.variables' must be an object");
  return value as MultipartOperation;
}

/**
 * Checks the `map` field against the operation and returns where each file goes, without
 * changing anything. Every path must lead, through own properties only, from a variable the
 * operation declares to a null the schema types as `Upload` (through input object fields and
 * list indexes). One path per part, no path twice, at most MAX_UPLOAD_FILES parts.
 */
export function planUploads(schema: GraphQLSchema, operation: MultipartOperation, rawMap: string): UploadTarget[] {
  let map: unknown;
  try {
    map = JSON.parse(rawMap);
  } catch {
    throw invalid("'map' is not valid JSON");
  }
  if (!isObject(map)) throw invalid("'map' must be a JSON object of part names to paths");
  const entries = Object.entries(map);
  if (entries.length > MAX_UPLOAD_FILES) throw tooManyFiles();
  if (entries.length === 0) return [];

  const variableTypes = declaredVariables(schema, operation);
  const upload = schema.getType('Upload');
  const seen = new Set<string>();
  const targets: UploadTarget[] = [];
  for (const [partName, paths] of entries) {
    if (!PART_NAME.test(partName) || FORBIDDEN.has(partName) || partName === 'operations' || partName === 'map') {
      throw invalid(`map key ${shown(partName)} is not a usable part name (1-64 of A-Z a-z 0-9 _ -)`);
    }
    if (!Array.isArray(paths) || paths.length !== 1 || typeof paths[0] !== 'string') {
      throw invalid(`map entry ${shown(partName)} must be an array of exactly one path (each file goes to one place)`);
    }
    const path = paths[0];
    if (seen.has(path)) throw invalid(`path ${shown(path)} appears twice in 'map'`);
    seen.add(path);
    targets.push({ partName, path, ...resolvePath(path, variableTypes, operation.variables ?? undefined, upload) });
  }
  return targets;
}

/** The operation's declared variables and their input types, in a Map (no inherited keys). */
function declaredVariables(schema: GraphQLSchema, operation: MultipartOperation): Map<string, GraphQLInputType> {
  let definitions: readonly OperationDefinitionNode[];
  try {
    const document = parse(operation.query, { noLocation: true, maxTokens: MAX_QUERY_TOKENS });
    definitions = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  } catch (err) {
    if (err instanceof GraphQLError) throw invalid(`'operations.query' does not parse: ${err.message}`);
    throw err;
  }
  const name = operation.operationName;
  const chosen = name ? definitions.filter((d) => d.name?.value === name) : definitions;
  if (chosen.length !== 1) {
    throw invalid(name ? `'operations.query' has no single operation named ${shown(name)}` : "'operations.query' must hold one operation or name one in 'operationName'");
  }
  const types = new Map<string, GraphQLInputType>();
  for (const definition of chosen[0]!.variableDefinitions ?? []) {
    const type = typeFromAST(schema, definition.type);
    if (type) types.set(definition.variable.name.value, type as GraphQLInputType);
  }
  return types;
}

function resolvePath(
  path: string,
  variableTypes: Map<string, GraphQLInputType>,
  variables: Record<string, unknown> | undefined,
  upload: unknown,
): Pick<UploadTarget, 'container' | 'key'> {
  const refuse = (why: string) => invalid(`map path ${shown(path)} ${why}`);
  if (path.length > MAX_PATH_CHARS) throw refuse(`is longer than ${MAX_PATH_CHARS} characters`);
  const segments = path.split('.');
  if (segments[0] !== 'variables' || segments.length < 2) throw refuse("must start with 'variables.' and name a variable");
  for (const segment of segments) {
    if (segment === '') throw refuse('has an empty segment');
    if (FORBIDDEN.has(segment)) throw refuse(`goes through ${shown(segment)}`);
  }
  const name = segments[1]!;
  let type = variableTypes.get(name);
  if (!type) throw refuse(`names $${name}, which the operation does not declare`);
  if (!variables) throw refuse("has no 'operations.variables' to go into");

  let container: Record<string, unknown> | unknown[] = variables;
  let key: string | number = name;
  for (const segment of segments.slice(2)) {
    if (!Object.hasOwn(container, key)) throw refuse(`finds nothing at ${shown(String(key))}`);
    const value: unknown = (container as Record<string | number, unknown>)[key];
    const nullable: GraphQLInputType = getNullableType(type);
    if (isListType(nullable)) {
      if (!INDEX.test(segment)) throw refuse(`needs a list index at ${shown(segment)} (the value there is ${String(type)})`);
      if (!Array.isArray(value) || Number(segment) >= value.length) throw refuse(`has no list item ${segment}`);
      container = value;
      key = Number(segment);
      type = nullable.ofType as GraphQLInputType;
    } else if (isInputObjectType(nullable)) {
      const fields: GraphQLInputFieldMap = nullable.getFields();
      if (!Object.hasOwn(fields, segment)) throw refuse(`names ${shown(segment)}, which ${nullable.name} does not have`);
      if (!isObject(value)) throw refuse(`expects an object at ${shown(String(key))}`);
      container = value;
      key = segment;
      type = fields[segment]!.type;
    } else {
      throw refuse(`goes past ${shown(String(key))}, a value of type ${String(type)}`);
    }
  }
  if (upload === undefined || getNullableType(type) !== upload) throw refuse(`does not lead to an Upload (it is ${String(type)})`);
  if (!Object.hasOwn(container, key) || (container as Record<string | number, unknown>)[key] !== null) {
    throw refuse('must lead to a null, which the file replaces');
  }
  return { container, key };
}
