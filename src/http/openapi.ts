import type { oas31 } from 'openapi3-ts';
import type { Registry } from '../authoring';
import { LIMITS, WorkflowStatus } from '../core';
import type { JsonSchema } from './dto-schema';
import { dtoJsonSchema } from './dto-schema';
import { WORKFLOWS_PATH } from './generic-routes';
import type { WorkflowRoute } from './workflow-routes';

/** Title and version of the generated OpenAPI document. */
export interface OpenApiInfo {
  title?: string;
  version?: string;
}

type Operation = oas31.OperationObject;
type Schema = oas31.SchemaObject | oas31.ReferenceObject;

/** A JSON Schema from `dto-schema.ts` (built from class-validator metadata) as an OpenAPI 3.1 schema. */
const asSchema = (schema: JsonSchema): oas31.SchemaObject => schema as oas31.SchemaObject;
const json = (schema: Schema): oas31.ContentObject => ({ 'application/json': { schema } });
const ref = (name: string): oas31.ReferenceObject => ({ $ref: `#/components/schemas/${name}` });
const errorResponse = (description: string): oas31.ResponseObject => ({
  description,
  content: json(ref('Error')),
});
const idParam: oas31.ParameterObject = {
  name: 'id',
  in: 'path',
  required: true,
  schema: { type: 'string' },
  description: 'Instance id',
};
const waitParam: oas31.ParameterObject = {
  name: 'wait',
  in: 'query',
  schema: { type: 'string', example: '5s' },
  description:
    'Wait up to this long (e.g. 5s, 250ms) for the instance to finish; then answer the current state.',
};

const controlWaitParam: oas31.ParameterObject = {
  name: 'wait',
  in: 'query',
  schema: { type: 'string', example: '5s' },
  description:
    'Answer once the state shows the change, waiting up to this long (e.g. 5s); past it 504 TIMEOUT. Default: no limit.',
};

/**
 * Builds the OpenAPI 3.1 document of a router: the generic routes, the per-workflow routes, and the JSON
 * schemas of the DTOs declared with `@Workflow({ http: { input } })`.
 *
 * @param registry - the workflows served
 * @param routes - the per-workflow routes
 * @param options - what to include and how to title it
 * @returns the document (typed as openapi3-ts's `oas31.OpenAPIObject`), ready for `res.json`
 */
export function buildOpenApiDocument(
  registry: Registry,
  routes: WorkflowRoute[],
  options: { info?: OpenApiInfo; serverUrl: string; genericRoutes: boolean },
): oas31.OpenAPIObject {
  // dto-schema adds the DTOs' nested schemas to this record as plain JSON Schema.
  const schemas = baseSchemas() as Record<string, JsonSchema>;
  const paths: oas31.PathsObject = {};
  const inputSchemas = new Map<string, JsonSchema>();
  for (const def of registry.workflows.values()) {
    const dto = def.options.http?.input;
    if (dto) inputSchemas.set(def.name, dtoJsonSchema(dto, schemas));
  }
  if (options.genericRoutes) addGenericPaths(paths, registry, inputSchemas);
  for (const route of routes) {
    const input = inputSchemas.get(route.definition.name) ?? {};
    const example = route.http.example;
    paths[route.path] = {
      post: {
        summary: route.http.summary ?? `Start ${route.definition.name}`,
        operationId: `start_${route.definition.name}`,
        parameters: [{ name: 'instanceId', in: 'query', schema: { type: 'string' } }],
        requestBody: {
          required: true,
          content: {
            'application/json':
              example === undefined ? { schema: asSchema(input) } : { schema: asSchema(input), example },
          },
        },
        responses: {
          202: { description: 'Started', content: json(ref('Started')), headers: locationHeader() },
          400: { description: 'Missing or invalid input', content: json(ref('InputProblem')) },
          409: errorResponse('The instance id is in use by an instance that has not finished'),
          413: errorResponse('Body over the limit'),
          415: errorResponse('Body is not JSON'),
        },
      },
    };
    paths[`${route.path}/{id}`] = {
      get: {
        summary: `Read a ${route.definition.name} instance`,
        operationId: `get_${route.definition.name}`,
        parameters: [idParam, waitParam],
        responses: {
          200: {
            description: 'The instance',
            content: json({
              type: 'object',
              properties: { details: asSchema(input), status: ref('WorkflowStatus'), result: {} },
            }),
          },
          400: errorResponse('Bad wait'),
          404: { description: 'No such instance', content: json(ref('Message')) },
        },
      },
    };
  }
  return {
    openapi: '3.1.0',
    info: { title: options.info?.title ?? 'Weft workflows', version: options.info?.version ?? '1.0.0' },
    servers: [{ url: options.serverUrl }],
    paths,
    components: { schemas: Object.fromEntries(Object.entries(schemas).map(([k, v]) => [k, asSchema(v)])) },
  };
}

function addGenericPaths(
  paths: oas31.PathsObject,
  registry: Registry,
  inputSchemas: Map<string, JsonSchema>,
): void {
  const names = [...registry.workflows.keys()];
  const inputs = [...inputSchemas.values()];
  paths[WORKFLOWS_PATH] = {
    get: {
      summary: 'List instances, newest first',
      operationId: 'listWorkflows',
      parameters: [
        {
          name: 'status',
          in: 'query',
          schema: { type: 'string' },
          description: 'One status or a comma-separated list',
        },
        { name: 'name', in: 'query', schema: { type: 'string', enum: names } },
        { name: 'createdFrom', in: 'query', schema: { type: 'string', format: 'date-time' } },
        { name: 'createdTo', in: 'query', schema: { type: 'string', format: 'date-time' } },
        { name: 'pageSize', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 1000 } },
        { name: 'continuationToken', in: 'query', schema: { type: 'string' } },
      ],
      responses: {
        200: {
          description: 'A page of instances',
          content: json({
            type: 'object',
            properties: {
              items: { type: 'array', items: ref('WorkflowState') },
              continuationToken: { type: 'string' },
            },
          }),
        },
        400: errorResponse('Bad filter'),
      },
    },
  };
  // One path template for both: OpenAPI treats /workflows/{name} and /workflows/{id} as the same path.
  const start: Operation = {
    summary: 'Start an instance of a workflow; the JSON body is its input',
    operationId: 'startWorkflow',
    parameters: [
      {
        name: 'id',
        in: 'path',
        required: true,
        description: 'For POST: the name of the workflow to start',
        schema: { type: 'string', enum: names },
      },
      { name: 'instanceId', in: 'query', schema: { type: 'string', maxLength: LIMITS.instanceIdLength } },
    ],
    requestBody: {
      required: false,
      content: json(inputs.length > 0 ? { anyOf: [...inputs.map(asSchema), {}] } : {}),
    },
    responses: {
      202: { description: 'Started', content: json(ref('Started')), headers: locationHeader() },
      400: errorResponse('Malformed JSON, invalid input or instance id'),
      404: errorResponse('No workflow of that name'),
      409: errorResponse('The instance id is in use by an instance that has not finished'),
      413: errorResponse('Body over the limit'),
      415: errorResponse('Body is not JSON'),
    },
  };
  paths[`${WORKFLOWS_PATH}/{id}`] = {
    post: start,
    get: {
      summary: 'Read an instance',
      operationId: 'getWorkflow',
      parameters: [
        idParam,
        waitParam,
        { name: 'includePayloads', in: 'query', schema: { type: 'boolean', default: true } },
      ],
      responses: {
        200: { description: 'The instance', content: json(ref('WorkflowState')) },
        400: errorResponse('Bad wait'),
        404: errorResponse('No such instance'),
      },
    },
    delete: {
      summary: 'Purge a finished instance (and its children)',
      operationId: 'purgeWorkflow',
      parameters: [
        idParam,
        { name: 'recursive', in: 'query', schema: { type: 'boolean', default: true } },
        {
          name: 'force',
          in: 'query',
          schema: { type: 'boolean', default: false },
          description: 'Purge also when a descendant has not finished (a recursive purge removes it too)',
        },
      ],
      responses: {
        204: { description: 'Purged' },
        404: errorResponse('No such instance'),
        409: errorResponse('The instance has not finished'),
      },
    },
  };
  paths[`${WORKFLOWS_PATH}/{id}/history`] = {
    get: {
      summary: 'The history of an instance',
      operationId: 'getWorkflowHistory',
      parameters: [idParam],
      responses: {
        200: {
          description: 'History events in order',
          content: json({
            type: 'object',
            properties: {
              instanceId: { type: 'string' },
              events: { type: 'array', items: { type: 'object' } },
            },
          }),
        },
        404: errorResponse('No such instance'),
      },
    },
  };
  paths[`${WORKFLOWS_PATH}/{id}/events/{eventName}`] = {
    post: {
      summary: 'Raise an event; the JSON body is its payload',
      operationId: 'raiseEvent',
      parameters: [idParam, { name: 'eventName', in: 'path', required: true, schema: { type: 'string' } }],
      requestBody: { required: false, content: json({}) },
      responses: {
        ...controlResponses(),
        ...bodyResponses(),
        429: errorResponse(
          'TOO_MANY_PENDING_EVENTS: the instance has too many unconsumed events waiting; nothing was written, retry later',
        ),
      },
    },
  };
  for (const action of ['suspend', 'resume', 'terminate'] as const) {
    const parameters: oas31.ParameterObject[] = [idParam];
    if (action === 'terminate')
      parameters.push({ name: 'recursive', in: 'query', schema: { type: 'boolean', default: true } });
    else parameters.push({ name: 'reason', in: 'query', schema: { type: 'string' } });
    parameters.push(controlWaitParam);
    paths[`${WORKFLOWS_PATH}/{id}/${action}`] = {
      post: {
        summary: `${action[0].toUpperCase()}${action.slice(1)} an instance`,
        operationId: `${action}Workflow`,
        parameters,
        ...(action === 'terminate' ? { requestBody: { required: false, content: json({}) } } : {}),
        responses: {
          ...controlResponses(),
          ...(action === 'terminate' ? bodyResponses() : {}),
          504: errorResponse('The wait passed before the state showed the change (it may still take effect)'),
        },
      },
    };
  }
}

/** The answers of a route that reads a JSON body: over the size limit, or not JSON. */
function bodyResponses(): oas31.ResponsesObject {
  return { 413: errorResponse('Body over the limit'), 415: errorResponse('Body is not JSON') };
}

function controlResponses(): oas31.ResponsesObject {
  return {
    202: { description: 'Accepted', content: json({ type: 'object' }) },
    400: errorResponse('Malformed JSON or bad parameter'),
    404: errorResponse('No such instance'),
    409: errorResponse('The instance has finished'),
  };
}

function locationHeader(): oas31.HeadersObject {
  return { Location: { description: 'Where to read the instance', schema: { type: 'string' } } };
}

function baseSchemas(): Record<string, oas31.SchemaObject> {
  return {
    WorkflowStatus: { type: 'string', enum: Object.values(WorkflowStatus) },
    WorkflowState: {
      type: 'object',
      required: ['instanceId', 'name', 'status', 'createdAt', 'lastUpdatedAt'],
      properties: {
        instanceId: { type: 'string' },
        name: { type: 'string' },
        status: ref('WorkflowStatus'),
        createdAt: { type: 'string', format: 'date-time' },
        lastUpdatedAt: { type: 'string', format: 'date-time' },
        input: {},
        output: {},
        customStatus: {},
        failureDetails: {
          type: 'object',
          properties: {
            errorType: { type: 'string' },
            message: { type: 'string' },
            stackTrace: { type: 'string' },
          },
        },
        parentInstanceId: { type: 'string' },
        version: { type: 'string', description: 'The version of a versioned workflow the instance runs' },
        stalledReason: {
          type: 'string',
          enum: ['PATCH_MISMATCH', 'VERSION_NOT_AVAILABLE'],
          description:
            'Why a STALLED instance stopped: its history names patches or a version this code does not have',
        },
        waitingForEvents: {
          type: 'array',
          items: { type: 'string' },
          description:
            'Names of the external events the instance waits for (embedded engine only; absent under weft sidecar)',
        },
      },
    },
    Started: { type: 'object', required: ['instanceId'], properties: { instanceId: { type: 'string' } } },
    Error: {
      type: 'object',
      required: ['error'],
      properties: {
        error: {
          type: 'object',
          required: ['code', 'message'],
          properties: { code: { type: 'string' }, message: { type: 'string' }, details: {} },
        },
      },
    },
    Message: { type: 'object', required: ['message'], properties: { message: { type: 'string' } } },
    InputProblem: {
      type: 'object',
      required: ['message'],
      properties: {
        message: { type: 'string' },
        example: {},
        errors: {
          type: 'array',
          items: {
            type: 'object',
            properties: {
              property: { type: 'string' },
              value: {},
              constraints: { type: 'object', additionalProperties: { type: 'string' } },
            },
          },
        },
      },
    },
  };
}
