import type { Command } from 'commander';

/** A function that adds one command (or a group) to the program. */
export type CommandRegistration = (program: Command) => void;

/** Every command of the CLI; each lives in its own file in this folder. */
export const commandRegistrations: CommandRegistration[] = [];
