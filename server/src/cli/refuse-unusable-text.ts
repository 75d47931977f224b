// No argument of ours can mean U+0000 or half of a surrogate pair (shared/unusable-text.ts), so they
// are refused before any command runs, alike on every dialect, as the HTTP layer refuses U+0000
// (http/nul-characters.ts). A shell cannot pass either; a program that calls `runCli` can.
import type { Command } from 'commander';
import { textProblem } from '../shared/unusable-text';
import { UserError, truncateForMessage } from '../errors';

export function refuseUnusableArguments(command: Command): void {
  const values: Array<[string, unknown]> = [
    ...command.registeredArguments.map((a, i): [string, unknown] => [a.name(), command.args[i]]),
    ...command.options.map((o): [string, unknown] => [
      o.long ?? o.flags,
      command.getOptionValue(o.attributeName()),
    ]),
  ];
  for (const [where, value] of values) {
    for (const text of [value].flat()) {
      const why = typeof text === 'string' ? textProblem(text) : undefined;
      if (why) {
        const shown = JSON.stringify(truncateForMessage(text)).slice(1, -1);
        throw new UserError('invalid_argument', `${where} ${why} (got "${shown}").`, { field: where });
      }
    }
  }
}
