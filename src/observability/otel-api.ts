import type * as OtelApi from '@opentelemetry/api';

/** The `@opentelemetry/api` module, as Weft uses it. */
export type OtelApiModule = typeof OtelApi;

let loaded: OtelApiModule | null | undefined;

/**
 * `@opentelemetry/api`, required on first use; undefined when the application did not install it (it is an
 * optional peer dependency), and then every span and metric of Weft is a no-op. Whether anything is recorded is
 * the application's choice, the OpenTelemetry convention for libraries: the API answers no-op tracers and meters
 * until a provider is registered.
 */
export function otelApi(): OtelApiModule | undefined {
  if (loaded === undefined) {
    try {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      loaded = require('@opentelemetry/api') as OtelApiModule;
    } catch {
      loaded = null;
    }
  }
  return loaded ?? undefined;
}

/** For tests: pretend the API is absent (`null`), or reset to loading it (`undefined`). */
export function setOtelApiForTesting(api: OtelApiModule | null | undefined): void {
  loaded = api;
}
