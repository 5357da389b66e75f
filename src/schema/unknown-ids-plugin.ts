import SchemaBuilder, {
  BasePlugin,
  createInputValueMapper,
  mapInputFields,
  type InputTypeFieldsMapping,
  type PothosOutputFieldConfig,
  type SchemaTypes,
} from '@pothos/core';
import { encodeGlobalID } from '@pothos/plugin-relay';
import { decodeGlobalIdOrNothing } from './global-ids.js';

const pluginName = 'unknownIds';

/**
 * A local id no record has: nothing the gateway makes contains NUL. It stands in for a forged id,
 * so the field looks it up and finds nothing, as for any unknown id.
 */
const NO_SUCH_ID = '\u0000';

/** The typenames a `t.arg.globalID({ for })` (or `t.globalID`, `t.globalIDList`) argument accepts. */
function expectedTypenames(extensions: Readonly<Record<string, unknown>> | null | undefined): string[] | null {
  const forTypes = extensions?.['relayGlobalIDFor'];
  return Array.isArray(forTypes) ? forTypes.map((entry: { typename: string }) => entry.typename) : null;
}

/**
 * Makes a malformed or foreign id answer exactly like an unknown one. The relay plugin refuses an
 * id that is not of a `for` type with a validation error, and does so while mapping arguments,
 * before the field's auth check runs; clients would tell a forged id from a deleted one, and an
 * anonymous caller would hear about the id before being told to authenticate. This plugin runs
 * first and swaps such an id for an id of the first `for` type that names nothing, so the field
 * authorizes as usual and then finds nothing: null for queries, NOT_FOUND for mutations and
 * subscriptions, with the message of that type's repository.
 */
class UnknownIdsPlugin<Types extends SchemaTypes> extends BasePlugin<Types> {
  private readonly mappingCache = new Map<string, InputTypeFieldsMapping<Types, string[]>>();

  override onOutputFieldConfig(fieldConfig: PothosOutputFieldConfig<Types>): PothosOutputFieldConfig<Types> {
    const mappings = mapInputFields(fieldConfig.args, this.buildCache, (input) => expectedTypenames(input.extensions), this.mappingCache);
    if (!mappings) return fieldConfig;
    const asKnownType = createInputValueMapper(mappings, (value, mapping) => {
      const typenames = mapping.value ?? [];
      if (typenames.includes(decodeGlobalIdOrNothing(String(value)).typename)) return value;
      return encodeGlobalID(typenames[0]!, NO_SUCH_ID);
    });
    // Before the relay plugin's own mapper, which decodes the ids and checks their types.
    return { ...fieldConfig, argMappers: [(args) => asKnownType(args), ...fieldConfig.argMappers] };
  }
}

declare global {
  export namespace PothosSchemaTypes {
    export interface Plugins<Types extends SchemaTypes> {
      unknownIds: UnknownIdsPlugin<Types>;
    }
  }
}

SchemaBuilder.registerPlugin(pluginName, UnknownIdsPlugin);

export default pluginName;
