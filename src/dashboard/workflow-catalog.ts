import type { Registry } from '../authoring';
import type { WorkflowClient } from '../client';
import { dtoJsonSchema } from '../http/dto-schema';
import type { JsonSchema } from '../http/dto-schema';

/** A workflow the start form offers. */
export interface CatalogEntry {
  name: string;
  /** JSON Schema of the input DTO (`@Workflow({ http: { input } })`), when declared. */
  inputSchema?: JsonSchema;
  /** Schemas the input schema refers to (`#/components/schemas/…`). */
  components?: Record<string, JsonSchema>;
  /** An example input (`@Workflow({ http: { example } })`). */
  example?: unknown;
}

/**
 * The workflows to offer in the start form: the registry's, with input schemas and examples; without a
 * registry (a dashboard on a database or sidecar), the names of recent instances.
 *
 * @param client - the client, to read recent names from
 * @param registry - the runtime's registry, when the dashboard has one
 */
export async function workflowCatalog(client: WorkflowClient, registry?: Registry): Promise<CatalogEntry[]> {
  if (registry) {
    return [...registry.workflows.values()]
      .map((def) => {
        const entry: CatalogEntry = { name: def.name };
        const http = def.options.http;
        if (http?.input) {
          const components: Record<string, JsonSchema> = {};
          dtoJsonSchema(http.input, components);
          entry.inputSchema = components[http.input.name];
          entry.components = components;
        }
        if (http?.example !== undefined) entry.example = http.example;
        return entry;
      })
      .sort((a, b) => a.name.localeCompare(b.name));
  }
  const { items } = await client.listWorkflows({ pageSize: 200 });
  return [...new Set(items.map((s) => s.name))].sort().map((name) => ({ name }));
}
