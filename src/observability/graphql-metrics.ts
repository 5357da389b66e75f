import { createCounter, createHistogram, usePrometheus, type FillLabelsFnParams } from '@graphql-yoga/plugin-prometheus';
import { getOperationAST, type OperationDefinitionNode } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { Registry } from 'prom-client';
import { boundedNames, OTHER } from './bounded-names.js';

type Labels = { operationType: string; operationName: string };
type HttpParams = FillLabelsFnParams & { request: Request; response: Response };

const METHODS = new Set(['GET', 'POST', 'OPTIONS']);

function operationOf(params: FillLabelsFnParams): OperationDefinitionNode | null {
  if (!params.document) return null;
  // The operation the document really holds: a client-sent operationName that names nothing
  // in it is never a label value.
  return getOperationAST(params.document, params.operationName) ?? getOperationAST(params.document) ?? null;
}

/**
 * GraphQL series on /metrics whose labels only take bounded values, whatever clients send:
 * - no URL label (it carried every query string verbatim, tokens included);
 * - operation names only from a capped set (`maxOperationNames` first seen, then `other`), and
 *   only on the request counter, request and HTTP durations and the error counter; the phase
 *   histograms carry the operation type alone;
 * - no error `path` (aliases and list indexes are client-chosen);
 * - no per-field work: the deprecated-field counter walked every document and the resolver
 *   histogram wraps every resolver; the request summary repeated the duration histogram.
 */
export function useGraphqlMetrics(registry: Registry, options: { maxOperationNames: number }): Plugin {
  const bound = boundedNames(options.maxOperationNames);
  const labelsOf = (params: FillLabelsFnParams): Labels => {
    const operation = operationOf(params);
    if (!operation) return { operationType: 'unknown', operationName: 'unknown' };
    return { operationType: operation.operation, operationName: operation.name ? bound(operation.name.value) : 'Anonymous' };
  };
  const typeOnly = (params: FillLabelsFnParams) => ({ operationType: labelsOf(params).operationType });
  const phase = <Phase>(name: string, help: string) =>
    createHistogram<Phase, 'operationType'>({ registry, histogram: { name, help, labelNames: ['operationType'] as const }, fillLabelsFn: typeOnly });

  return usePrometheus({
    registry,
    endpoint: false,
    metrics: {
      graphql_envelop_request: createCounter({
        registry,
        counter: { name: 'graphql_envelop_request', help: 'GraphQL operations executed (subscriptions included).', labelNames: ['operationType', 'operationName'] as const },
        fillLabelsFn: labelsOf,
      }),
      graphql_envelop_request_duration: createHistogram({
        registry,
        histogram: {
          name: 'graphql_envelop_request_duration',
          help: 'Time spent running a GraphQL operation, from parse to the end of execute.',
          labelNames: ['operationType', 'operationName'] as const,
        },
        fillLabelsFn: labelsOf,
      }),
      graphql_envelop_phase_parse: phase('graphql_envelop_phase_parse', 'Time spent in the GraphQL "parse" function.'),
      graphql_envelop_phase_validate: phase('graphql_envelop_phase_validate', 'Time spent in the GraphQL "validate" function.'),
      graphql_envelop_phase_context: phase('graphql_envelop_phase_context', 'Time spent building the GraphQL context.'),
      graphql_envelop_phase_execute: phase('graphql_envelop_phase_execute', 'Time spent in the GraphQL "execute" function.'),
      graphql_envelop_phase_subscribe: phase('graphql_envelop_phase_subscribe', 'Time spent starting a subscription.'),
      graphql_envelop_error_result: createCounter({
        registry,
        counter: {
          name: 'graphql_envelop_error_result',
          help: 'Errors in GraphQL results, by the phase that produced them.',
          labelNames: ['operationType', 'operationName', 'phase'] as const,
        },
        fillLabelsFn: (params) => ({ ...labelsOf(params), phase: params.errorPhase ?? 'unknown' }),
      }),
      graphql_yoga_http_duration: createHistogram({
        registry,
        histogram: {
          name: 'graphql_yoga_http_duration',
          help: 'Time spent answering a GraphQL HTTP request.',
          labelNames: ['operationType', 'operationName', 'method', 'statusCode'] as const,
        },
        fillLabelsFn: (params: HttpParams) => ({
          ...labelsOf(params),
          method: METHODS.has(params.request.method) ? params.request.method : OTHER,
          statusCode: params.response.status,
        }),
      }),
      graphql_envelop_schema_change: true,
      graphql_envelop_request_time_summary: false,
      graphql_envelop_deprecated_field: false,
      graphql_envelop_execute_resolver: false,
    },
  });
}
