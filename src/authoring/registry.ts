import type { DependencyContainer } from 'tsyringe';
import { RegistrationError, WorkflowNotFoundError } from '../errors';
import type { WorkflowFunction, WorkflowTarget } from '../core';
import type { ActivityContext } from './activity-context';
import type { ActivityOptions, WorkflowOptions } from './metadata-store';
import { metadataStore } from './metadata-store';

/** An activity as a plain function: `(ctx, input) => result`. */
export type ActivityFunction = (ctx: ActivityContext, input: never) => unknown;

/** A registered workflow: its name, where it came from, and how to get its code. */
export interface WorkflowDefinition {
  readonly name: string;
  /** The class or function registered. */
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  readonly target: Function;
  readonly kind: 'class' | 'function';
  /** Decorator options (empty for functions). */
  readonly options: WorkflowOptions;
  /** The version, for versioned workflows (`@Workflow({ name, version })`). */
  readonly version?: string;
  /** The code to run, with the class resolved from `container`. */
  code(container: DependencyContainer): WorkflowFunction;
}

/** A registered activity: its name, where it came from, and how to run it. */
export interface ActivityDefinition {
  readonly name: string;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  readonly target: Function;
  readonly kind: 'class' | 'function';
  readonly options: ActivityOptions;
  /** Runs the activity, resolving its class from `container`. */
  invoke(container: DependencyContainer, ctx: ActivityContext, input: unknown): Promise<unknown>;
}

type RunnableClass = new (...args: never[]) => { run(ctx: unknown, input: unknown): unknown };

/** The frozen set of workflows and activities a runtime serves, built once at start-up. */
export class Registry {
  /**
   * @param workflows - by name: the latest version of each
   * @param activities - by name
   * @param versions - every version of each versioned workflow, by name then version
   */
  constructor(
    readonly workflows: ReadonlyMap<string, WorkflowDefinition>,
    readonly activities: ReadonlyMap<string, ActivityDefinition>,
    readonly versions: ReadonlyMap<string, ReadonlyMap<string, WorkflowDefinition>> = new Map(),
  ) {}

  /**
   * The workflow of that name, if registered: the given version, or without one the latest (the one new
   * instances start with).
   */
  getWorkflow(name: string, version?: string): WorkflowDefinition | undefined {
    if (version === undefined) return this.workflows.get(name);
    return this.versions.get(name)?.get(version);
  }

  /** The activity of that name, if registered. */
  getActivity(name: string): ActivityDefinition | undefined {
    return this.activities.get(name);
  }

  /**
   * The registered name of a class, function or name.
   *
   * @throws {@link WorkflowNotFoundError} for a class or function that is neither registered nor decorated
   */
  nameOf(target: WorkflowTarget, kind: 'workflow' | 'activity'): string {
    if (typeof target === 'string') return target;
    const defs = kind === 'workflow' ? this.workflows : this.activities;
    for (const def of defs.values()) if (def.target === target) return def.name;
    return nameFromDecorator(target, kind);
  }
}

/**
 * The registered name of a decorated class or a named function, without a registry (used by clients
 * that only know the backend).
 */
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export function nameFromDecorator(target: Function | string, kind: 'workflow' | 'activity'): string {
  if (typeof target === 'string') return target;
  const store = metadataStore();
  const record = kind === 'workflow' ? store.workflowOf(target) : store.activityOf(target);
  if (record) return record.options.name ?? target.name;
  if (target.name) return target.name;
  throw new WorkflowNotFoundError(
    `This ${kind} function has no name; register it with a name or pass the name.`,
  );
}

/** Collects registrations and builds the frozen {@link Registry}, failing loudly on conflicts. */
export class RegistryBuilder {
  private readonly workflows = new Map<string, WorkflowDefinition>();
  private readonly activities = new Map<string, ActivityDefinition>();

  /** Adds a workflow class (decorated or not). */
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  addWorkflowClass(target: Function): this {
    const options = metadataStore().workflowOf(target)?.options ?? {};
    const cls = target as unknown as RunnableClass;
    assertRunnable(target, 'workflow');
    return this.addWorkflow({
      name: options.name ?? target.name,
      target,
      kind: 'class',
      options,
      ...(options.version !== undefined && { version: options.version }),
      code: (container) => (ctx, input) => resolveInstance(container, cls).run(ctx, input),
    });
  }

  /** Adds a workflow written as an async or generator function. */
  addWorkflowFunction(fn: WorkflowFunction, name?: string): this {
    const resolved = name ?? fn.name;
    if (!resolved)
      throw new RegistrationError(
        'A workflow function needs a name: pass one to registerWorkflow(fn, name).',
      );
    return this.addWorkflow({ name: resolved, target: fn, kind: 'function', options: {}, code: () => fn });
  }

  /** Adds an activity class (decorated or not). */
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  addActivityClass(target: Function): this {
    const options = metadataStore().activityOf(target)?.options ?? {};
    const cls = target as unknown as RunnableClass;
    assertRunnable(target, 'activity');
    return this.addActivity({
      name: options.name ?? target.name,
      target,
      kind: 'class',
      options,
      invoke: async (container, ctx, input) => resolveInstance(container, cls).run(ctx, input),
    });
  }

  /** Adds an activity written as a function. */
  addActivityFunction(fn: ActivityFunction, name?: string): this {
    const resolved = name ?? fn.name;
    if (!resolved)
      throw new RegistrationError(
        'An activity function needs a name: pass one to registerActivity(fn, name).',
      );
    return this.addActivity({
      name: resolved,
      target: fn,
      kind: 'function',
      options: {},
      invoke: async (_container, ctx, input) =>
        (fn as (c: ActivityContext, i: unknown) => unknown)(ctx, input),
    });
  }

  /**
   * Freezes what was added into a registry.
   *
   * @throws {@link RegistrationError} when several versions of a name are registered and not exactly one
   *   is marked `latest`
   */
  build(): Registry {
    const latest = new Map(this.workflows);
    const versions = new Map<string, ReadonlyMap<string, WorkflowDefinition>>();
    for (const [name, byVersion] of this.versions) {
      versions.set(name, byVersion);
      latest.set(name, pickLatest(name, [...byVersion.values()]));
    }
    return new Registry(latest, new Map(this.activities), versions);
  }

  private readonly versions = new Map<string, Map<string, WorkflowDefinition>>();

  private addWorkflow(def: WorkflowDefinition): this {
    if (def.version !== undefined || this.versions.has(def.name)) return this.addVersion(def);
    const existing = this.workflows.get(def.name);
    if (existing && existing.target !== def.target)
      throw duplicate('workflow', def.name, existing.target, def.target);
    this.workflows.set(def.name, def);
    return this;
  }

  private addVersion(def: WorkflowDefinition): this {
    const unversioned = this.workflows.get(def.name);
    if (unversioned || def.version === undefined) {
      const other = unversioned ?? [...(this.versions.get(def.name)?.values() ?? [])][0];
      throw new RegistrationError(
        `Workflow '${def.name}' is registered both with and without a version (${other?.target.name || '(anonymous)'} ` +
          `and ${def.target.name || '(anonymous)'}); give every class of that name a version.`,
      );
    }
    const byVersion = this.versions.get(def.name) ?? new Map<string, WorkflowDefinition>();
    const existing = byVersion.get(def.version);
    if (existing && existing.target !== def.target)
      throw duplicate('workflow', `${def.name}' version '${def.version}`, existing.target, def.target);
    byVersion.set(def.version, def);
    this.versions.set(def.name, byVersion);
    return this;
  }

  private addActivity(def: ActivityDefinition): this {
    const existing = this.activities.get(def.name);
    if (existing && existing.target !== def.target)
      throw duplicate('activity', def.name, existing.target, def.target);
    this.activities.set(def.name, def);
    return this;
  }
}

/** The version that starts new instances: the only one, or the one marked `latest`. */
function pickLatest(name: string, defs: WorkflowDefinition[]): WorkflowDefinition {
  if (defs.length === 1) return defs[0];
  const marked = defs.filter((d) => d.options.latest === true);
  if (marked.length === 1) return marked[0];
  const versions = defs.map((d) => `'${d.version}'`).join(', ');
  throw new RegistrationError(
    marked.length === 0
      ? `Workflow '${name}' has versions ${versions} and none is marked latest: add latest: true to the one that starts new instances.`
      : `Workflow '${name}' has ${marked.length} versions marked latest (${marked.map((d) => `'${d.version}'`).join(', ')}); mark exactly one.`,
  );
}

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
function duplicate(kind: string, name: string, a: Function, b: Function): RegistrationError {
  return new RegistrationError(
    `Two ${kind}s are registered as '${name}': ${a.name || '(anonymous)'} and ${b.name || '(anonymous)'}. ` +
      `Give one of them another name, e.g. @${kind === 'workflow' ? 'Workflow' : 'Activity'}({ name: '…' }).`,
  );
}

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
function assertRunnable(target: Function, kind: string): void {
  if (typeof (target.prototype as { run?: unknown })?.run !== 'function') {
    throw new RegistrationError(`The ${kind} class ${target.name} has no run(ctx, input) method.`);
  }
}

/**
 * Resolves a workflow or activity class from the container. tsyringe's own error for a class whose
 * constructor parameter types were never emitted (`TypeInfo not known for "X"`) is turned into a
 * {@link RegistrationError} that names the usual cause, the tsconfig options.
 */
function resolveInstance(container: DependencyContainer, cls: RunnableClass): InstanceType<RunnableClass> {
  try {
    return container.resolve(cls as never);
  } catch (err) {
    const message = err instanceof Error ? err.message : '';
    if (!message.startsWith('TypeInfo not known for ')) throw err;
    throw new RegistrationError(
      `Cannot create class '${cls.name}': its constructor takes parameters and tsyringe has no types for them ` +
        `(${message}). TypeScript emits them for a decorated class when tsconfig.json sets ` +
        `"experimentalDecorators": true and "emitDecoratorMetadata": true; or register the class in the ` +
        `container with a factory.`,
    );
  }
}
