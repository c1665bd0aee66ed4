import { context, metrics, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { MeterProvider, MetricReader } from '@opentelemetry/sdk-metrics';
import type { ResourceMetrics } from '@opentelemetry/sdk-metrics';
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';

/** A metric reader that collects on demand. */
class OnDemandReader extends MetricReader {
  protected async onForceFlush(): Promise<void> {}
  protected async onShutdown(): Promise<void> {}
}

/** The OpenTelemetry SDK as an application would register it, with in-memory exporters. */
export interface OtelHarness {
  exporter: InMemorySpanExporter;
  spans(): ReadableSpan[];
  /** Sum of a counter's data points whose attributes include `where`. */
  counter(name: string, where?: Record<string, string>): Promise<number>;
  /** Count of a histogram's recorded values whose attributes include `where`. */
  histogramCount(name: string, where?: Record<string, string>): Promise<number>;
  uninstall(): Promise<void>;
}

/** Registers a tracer provider, meter provider and async-hooks context manager globally. */
export function installOtel(): OtelHarness {
  const exporter = new InMemorySpanExporter();
  const tracerProvider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
  const reader = new OnDemandReader();
  const meterProvider = new MeterProvider({ readers: [reader] });
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  trace.setGlobalTracerProvider(tracerProvider);
  metrics.setGlobalMeterProvider(meterProvider);
  const points = async (name: string, where: Record<string, string>) => {
    const { resourceMetrics } = (await reader.collect()) as { resourceMetrics: ResourceMetrics };
    const found = resourceMetrics.scopeMetrics
      .flatMap((s) => s.metrics)
      .filter((m) => m.descriptor.name === name);
    return found
      .flatMap((m) => m.dataPoints as { attributes: Record<string, unknown>; value: unknown }[])
      .filter((p) => Object.entries(where).every(([k, v]) => p.attributes[k] === v));
  };
  return {
    exporter,
    spans: () => exporter.getFinishedSpans(),
    counter: async (name, where = {}) =>
      (await points(name, where)).reduce((n, p) => n + (p.value as number), 0),
    histogramCount: async (name, where = {}) =>
      (await points(name, where)).reduce((n, p) => n + (p.value as { count: number }).count, 0),
    uninstall: async () => {
      await tracerProvider.shutdown();
      await meterProvider.shutdown();
      trace.disable();
      metrics.disable();
      context.disable();
    },
  };
}

/** The span's parent span id (SDK 2.x keeps it in `parentSpanContext`). */
export function parentOf(span: ReadableSpan): string | undefined {
  return span.parentSpanContext?.spanId;
}
