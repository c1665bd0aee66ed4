import type { Command } from 'commander';
import { registerDashboardCommand } from './dashboard';
import { registerGetCommand } from './get';
import { registerHistoryCommand } from './history';
import { registerListCommand } from './list';
import { registerNewCommand } from './new';
import { registerPurgeCommand } from './purge';
import { registerRaiseEventCommand } from './raise-event';
import { registerRerunCommand } from './rerun';
import { registerRunCommand } from './run';
import { registerSidecarCommand } from './sidecar';
import { registerSuspendResumeCommands } from './suspend-resume';
import { registerTerminateCommand } from './terminate';

/** A function that adds one command (or a group) to the program. */
export type CommandRegistration = (program: Command) => void;

/** Every command of the CLI; each lives in its own file in this folder. */
export const commandRegistrations: CommandRegistration[] = [
  registerRunCommand,
  registerListCommand,
  registerGetCommand,
  registerHistoryCommand,
  registerRaiseEventCommand,
  registerSuspendResumeCommands,
  registerTerminateCommand,
  registerPurgeCommand,
  registerRerunCommand,
  registerDashboardCommand,
  registerNewCommand,
  registerSidecarCommand,
];
