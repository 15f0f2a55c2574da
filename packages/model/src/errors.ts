/** Why a command was refused. `code` is stable and maps to a localised message in the views. */
export type CommandErrorCode = 'forbidden' | 'invalid' | 'not-found' | 'locked' | 'conflict';

export interface CommandIssue { path: string; message: string }

export class CommandError extends Error {
  constructor(
    readonly code: CommandErrorCode,
    readonly command: string,
    message: string,
    readonly issues: readonly CommandIssue[] = [],
  ) {
    super(`${command}: ${message}`);
    this.name = 'CommandError';
  }
}
