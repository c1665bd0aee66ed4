import { MetadataKeys } from './metadata-keys';

/**
 * Per-workflow HTTP routes, read by the HTTP layer (`createWorkflowRouter`). Plain data: the authoring layer
 * does not load Express.
 */
export interface WorkflowHttpOptions {
  /** Route prefix, e.g. `/orders`: `POST /orders` starts an instance, `GET /orders/:id` reads one. */
  path?: string;
  /** A class-validator DTO class: request bodies are transformed into it and validated before anything is stored. */
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  input?: Function;
  /** An example body, shown in 400 answers and in the OpenAPI document. */
  example?: unknown;
  /** Messages of the per-workflow routes. */
  messages?: {
    /** 400 when the body is missing (with an `input` DTO); default `Input data was missing from the request`. */
    missingInput?: string;
    /** 404 of `GET <path>/:id`; `{id}` is replaced by the id. Default `No instance with ID = '{id}' was found.` */
    notFound?: string;
  };
  /** One line for the OpenAPI document. */
  summary?: string;
}

/** Options of `@Workflow()`. */
export interface WorkflowOptions {
  /** Registered name; the class name by default. */
  name?: string;
  /**
   * The version of a versioned workflow: classes sharing a `name` with distinct versions. An instance
   * runs the version recorded when it started, to its end; a worker without it leaves it STALLED.
   */
  version?: string;
  /** This version starts new instances (needed when more than one version of the name is registered). */
  latest?: boolean;
  /** Per-workflow HTTP routes and input validation (see {@link WorkflowHttpOptions}). */
  http?: WorkflowHttpOptions;
  /** Extension point for other layers (e.g. the HTTP controller's per-workflow routes). */
  [extension: string]: unknown;
}

/** Options of `@Activity()`. */
export interface ActivityOptions {
  /** Registered name; the class name by default. */
  name?: string;
}

/** What a decorator recorded: the class and its options. */
export interface DecoratedClass<TOptions> {
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  target: Function;
  options: TOptions;
}

/**
 * The one store of what decorators recorded, kept on `globalThis` so two copies of the package in one
 * process share it. Decorators only add records; the registry reads them at start-up.
 */
export class MetadataStore {
  readonly workflows: DecoratedClass<WorkflowOptions>[] = [];
  readonly activities: DecoratedClass<ActivityOptions>[] = [];

  /** Records a workflow class (a class decorated twice keeps its last options). */
  addWorkflow(record: DecoratedClass<WorkflowOptions>): void {
    upsert(this.workflows, record);
  }

  /** Records an activity class. */
  addActivity(record: DecoratedClass<ActivityOptions>): void {
    upsert(this.activities, record);
  }

  /** The workflow options recorded for a class, if any. */
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  workflowOf(target: Function): DecoratedClass<WorkflowOptions> | undefined {
    return this.workflows.find((r) => r.target === target);
  }

  /** The activity options recorded for a class, if any. */
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  activityOf(target: Function): DecoratedClass<ActivityOptions> | undefined {
    return this.activities.find((r) => r.target === target);
  }
}

function upsert<T>(list: DecoratedClass<T>[], record: DecoratedClass<T>): void {
  const index = list.findIndex((r) => r.target === record.target);
  if (index >= 0) list[index] = record;
  else list.push(record);
}

/** The process-wide metadata store. */
export function metadataStore(): MetadataStore {
  const holder = globalThis as unknown as Record<symbol, MetadataStore | undefined>;
  return (holder[MetadataKeys.store] ??= new MetadataStore());
}
