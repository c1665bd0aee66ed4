import 'reflect-metadata';
import { container as rootContainer } from 'tsyringe';
import type { DependencyContainer } from 'tsyringe';
import { RegistrationError, ValidationError } from '../errors';
import type {
  ActivityResult,
  ActivityWorkItem,
  Backend,
  Logger,
  WorkerHandle,
  WorkflowFunction,
  WorkflowStepResult,
  WorkflowWorkItem,
  WorkItemProcessor,
} from '../core';
import { DEFAULT_MAX_PAYLOAD_BYTES, defaultLogger, WorkflowExecutor } from '../core';
import type { ActivityFunction, Registry } from '../authoring';
import { metadataStore, RegistryBuilder } from '../authoring';
import { WorkflowClient } from '../client';
import { ActivityRunner } from './activity-runner';
import { WorkflowStepObserver } from './workflow-step-observer';
import { healthOf } from './runtime-health';
import type { RuntimeHealth } from './runtime-health';

/** Options of {@link WorkflowRuntime}. */
export interface WorkflowRuntimeOptions {
  /** The engine; default an embedded {@link SqliteBackend} at `.weft/weft.db`. */
  backend?: Backend;
  /** Workflow classes to serve; default every class decorated with `@Workflow()`. */
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  workflows?: Function[];
  /** Activity classes to serve; default every class decorated with `@Activity()`. */
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  activities?: Function[];
  /** Container that activities (and workflows) are resolved from; each activity run gets a child. Default: tsyringe's root. */
  container?: DependencyContainer;
  /** Activities running at once. Default 100. */
  maxConcurrentActivities?: number;
  /** Workflow steps running at once. Default 100. */
  maxConcurrentWorkflows?: number;
  /** Largest payload in bytes. Default 2 MiB. */
  maxPayloadBytes?: number;
  /** Live workflow executions kept in memory to avoid replays. Default 1000; 0 replays every step. */
  executionCacheSize?: number;
  /** Diagnostics, and the target of `ctx.logger`. Default `console`. */
  logger?: Logger;
}

/**
 * Hosts workflows and activities: builds the registry at start-up and runs the worker loop on a backend.
 *
 * @example
 * const runtime = new WorkflowRuntime({ workflows: [HelloWorldWf], activities: [HelloAct] });
 * await runtime.start();
 * const id = await runtime.client.scheduleNewWorkflow(HelloWorldWf, 'hi');
 * await runtime.stop();
 */
export class WorkflowRuntime {
  /** The backend this runtime runs on. */
  readonly backend: Backend;
  private readonly builder = new RegistryBuilder();
  private readonly container: DependencyContainer;
  private readonly logger: Logger;
  private readonly maxPayloadBytes: number;
  private builtRegistry: Registry | undefined;
  private executor: WorkflowExecutor | undefined;
  private worker: WorkerHandle | undefined;
  private theClient: WorkflowClient | undefined;
  private state: 'new' | 'starting' | 'running' | 'stopped' = 'new';

  /** @param options - backend, registrations, container and limits */
  constructor(private readonly options: WorkflowRuntimeOptions = {}) {
    this.backend = options.backend ?? createDefaultBackend();
    this.container = options.container ?? rootContainer;
    this.logger = options.logger ?? defaultLogger();
    this.maxPayloadBytes = options.maxPayloadBytes ?? DEFAULT_MAX_PAYLOAD_BYTES;
  }

  /**
   * Registers a workflow written as an async or generator function (for ports of Dapr JS code).
   *
   * @throws {@link RegistrationError} after `start()`
   */
  registerWorkflow(fn: WorkflowFunction, name?: string): this {
    this.assertNotStarted('registerWorkflow');
    this.builder.addWorkflowFunction(fn, name);
    return this;
  }

  /**
   * Registers an activity written as a function `(ctx, input) => result`.
   *
   * @throws {@link RegistrationError} after `start()`
   */
  registerActivity(fn: ActivityFunction, name?: string): this {
    this.assertNotStarted('registerActivity');
    this.builder.addActivityFunction(fn, name);
    return this;
  }

  /** The frozen registry; built on first use (at the latest by `start()`). */
  get registry(): Registry {
    if (!this.builtRegistry) {
      // Each list defaults to every class its decorator recorded.
      const store = metadataStore();
      const workflows = this.options.workflows ?? store.workflows.map((r) => r.target);
      const activities = this.options.activities ?? store.activities.map((r) => r.target);
      for (const w of workflows) this.builder.addWorkflowClass(w);
      for (const a of activities) this.builder.addActivityClass(a);
      this.builtRegistry = this.builder.build();
    }
    return this.builtRegistry;
  }

  /** A client on the same backend, checking workflow names against this runtime's registry. */
  get client(): WorkflowClient {
    this.theClient ??= new WorkflowClient({
      backend: this.backend,
      registry: this.registry,
      maxPayloadBytes: this.maxPayloadBytes,
    });
    return this.theClient;
  }

  /**
   * Builds the registry, opens the backend and starts taking work; unfinished work from earlier runs resumes.
   *
   * @throws {@link RegistrationError} for duplicate names; {@link StorageError} when the backend cannot open
   */
  async start(): Promise<void> {
    if (this.state !== 'new')
      throw new RegistrationError(`This runtime was already started; create a new one.`);
    this.state = 'starting';
    const registry = this.registry;
    const containers = new Map<string, WorkflowFunction>();
    this.executor = new WorkflowExecutor(
      {
        resolveWorkflow: (name, version) => {
          const def = registry.getWorkflow(name, version);
          if (!def) return undefined;
          const key = def.version === undefined ? name : `${name}@${def.version}`;
          let fn = containers.get(key);
          if (!fn) containers.set(key, (fn = def.code(this.container)));
          return { code: fn, version: def.version };
        },
        nameOf: (target, kind) => registry.nameOf(target, kind),
        logger: this.logger,
        maxPayloadBytes: this.maxPayloadBytes,
      },
      this.options.executionCacheSize ?? 1000,
    );
    await this.backend.open();
    this.worker = this.backend.startWorker(this.processor(registry, this.executor), {
      maxConcurrentWorkflows: this.options.maxConcurrentWorkflows ?? 100,
      maxConcurrentActivities: this.options.maxConcurrentActivities ?? 100,
    });
    this.state = 'running';
  }

  /** Stops taking work, lets in-flight work finish and be saved, then closes the backend. */
  async stop(): Promise<void> {
    if (this.state === 'stopped') return;
    this.state = 'stopped';
    await this.worker?.stop();
    this.worker = undefined;
    this.executor?.clear();
    await this.backend.close();
  }

  /**
   * How well the engine works now: `ok`, `degraded` (storage failing; work retried with back-off, recovers
   * by itself) or `failed` (needs a restart), with the reason. See the README's failure model.
   */
  health(): RuntimeHealth {
    return healthOf(this.backend);
  }

  /** True between `start()` and `stop()`. */
  get isRunning(): boolean {
    return this.state === 'running';
  }

  private processor(registry: Registry, executor: WorkflowExecutor): WorkItemProcessor {
    const steps = new WorkflowStepObserver(
      (item) => executor.execute(item),
      this.logger,
      Math.max(this.options.executionCacheSize ?? 1000, 1000),
    );
    const activities = new ActivityRunner(registry, this.container, this.logger, this.maxPayloadBytes, (id) =>
      steps.traceOf(id),
    );
    return {
      processWorkflow: (item: WorkflowWorkItem): Promise<WorkflowStepResult> => steps.process(item),
      processActivity: (item: ActivityWorkItem): Promise<ActivityResult> => activities.run(item),
      abandonWorkflow: (instanceId: string) => {
        steps.forget(instanceId);
        executor.evict(instanceId);
      },
      runsWorkflowHere: (name: string) => registry.getWorkflow(name) !== undefined,
    };
  }

  private assertNotStarted(what: string): void {
    if (this.state !== 'new' || this.builtRegistry) {
      throw new RegistrationError(
        `${what}() was called after the registry was built (by start(), .client or .registry); register everything first.`,
      );
    }
  }
}

/**
 * The default backend, loaded lazily so that an application on Dapr never loads SQLite and one on SQLite
 * never loads gRPC. `WEFT_BACKEND=dapr` (or, with `WEFT_BACKEND` unset, `DAPR_GRPC_ENDPOINT` /
 * `DAPR_GRPC_PORT`, which `dapr run` sets) selects the Dapr sidecar; `WEFT_BACKEND=sqlite` forces SQLite.
 *
 * @throws {@link ValidationError} for any other `WEFT_BACKEND` value
 */
export function createDefaultBackend(env: NodeJS.ProcessEnv = process.env): Backend {
  const choice = env.WEFT_BACKEND?.trim().toLowerCase() || undefined;
  if (choice !== undefined && choice !== 'dapr' && choice !== 'sqlite') {
    throw new ValidationError(`WEFT_BACKEND '${env.WEFT_BACKEND}' is not a backend: use 'sqlite' or 'dapr'.`);
  }
  if (choice === 'dapr' || (choice === undefined && (env.DAPR_GRPC_ENDPOINT || env.DAPR_GRPC_PORT))) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { DaprSidecarBackend } = require('../backends/dapr') as typeof import('../backends/dapr');
    return new DaprSidecarBackend();
  }
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { SqliteBackend } = require('../backends/sqlite') as typeof import('../backends/sqlite');
  return new SqliteBackend();
}
