import type { Command } from 'commander';
import { ValidationError } from '../../errors';
import { withClient } from '../connection';
import { addConnectionOptions, connectionOptions, parseJsonOption } from '../options';
import { requireInstance } from '../require-instance';

interface RaiseEventOptions {
  input?: string;
  db?: string;
  sidecar?: string;
  apiToken?: string;
}

/**
 * Splits `<id>/<event>` at the last slash (instance ids may contain slashes, event names may not).
 *
 * @throws {@link ValidationError} when either part is missing
 */
export function parseInstanceEvent(text: string): { instanceId: string; eventName: string } {
  const slash = text.lastIndexOf('/');
  if (slash <= 0 || slash === text.length - 1) {
    throw new ValidationError(`'${text}' is not <instance-id>/<event-name>, e.g. order-42/approval.`);
  }
  return { instanceId: text.slice(0, slash), eventName: text.slice(slash + 1) };
}

/** `weft raise-event <id>/<event>`: sends an external event. */
export function registerRaiseEventCommand(program: Command): void {
  addConnectionOptions(
    program
      .command('raise-event')
      .description('send an external event to an instance')
      .argument('<id/event>', 'instance id and event name, separated by a slash')
      .option('-x, --input <json>', 'event payload as JSON, or @file.json'),
  ).action(async (target: string, options: RaiseEventOptions) => {
    const { instanceId, eventName } = parseInstanceEvent(target);
    const input = parseJsonOption(options.input, '--input');
    await withClient(connectionOptions(options), async (client) => {
      await requireInstance(client, instanceId);
      await client.raiseEvent(instanceId, eventName, input.given ? input.value : undefined);
    });
    process.stdout.write(`Raised event '${eventName}' on instance '${instanceId}'.\n`);
  });
}
