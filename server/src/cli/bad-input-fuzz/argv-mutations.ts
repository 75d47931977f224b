// Seeded mutations of a valid `openmbam` command line: odd flag values, flags without their value,
// missing, extra and repeated arguments, unknown flags, --json on and off. Some stay valid; the
// assertions allow that.
import type { Rng } from '../../test-support/seeded-random';

export const WEIRD_VALUES = [
  '',
  ' ',
  '\t',
  '0',
  '-1',
  '1.5',
  'NaN',
  'Infinity',
  '1e9',
  '0x10',
  '08',
  '99999999999999999999',
  '7x',
  '-1d',
  '1.5h',
  '99999999w',
  '10000000w',
  ' 7d',
  '366d',
  'é'.repeat(300),
  'A'.repeat(5000),
  '\u0000',
  'a\u0000b',
  '\ud800',
  '\u202eevil',
  '\ufeff1',
  '--json',
  '-',
  'true',
  '{}',
  "'; DROP TABLE enrollment_tokens; --",
  '../../etc/passwd',
  '00000000-0000-0000-0000-000000000000',
  '{00000000-0000-0000-0000-00000000000}',
];
const UNKNOWN_FLAGS = ['--nope', '--JSON', '--data_dir', '-x', '--uses=2', '--'];

export interface Invocation {
  /** the words after `openmbam` */
  args: string[];
  /** what the mutation did, for the failure message */
  what: string;
  /** when the mutation broke one flag or argument: its name, which a refusal must mention */
  names?: string;
}

/** Indexes of `--flag value` pairs among the words (after the command words). */
function valueFlags(args: string[], start: number): number[] {
  const found: number[] = [];
  for (let i = start; i < args.length - 1; i++) {
    if (args[i]!.startsWith('--') && !args[i + 1]!.startsWith('--')) found.push(i);
  }
  return found;
}

export function mutateInvocation(valid: string[], commandWords: number, rng: Rng): Invocation {
  const args = [...valid];
  const flags = valueFlags(args, commandWords);
  const positional = commandWords < args.length && !args[commandWords]!.startsWith('--') ? commandWords : -1;
  const value = rng.pick(WEIRD_VALUES);
  const shown = JSON.stringify(value).slice(0, 40);
  switch (rng.int(9)) {
    case 0:
    case 1:
    case 2: {
      if (flags.length === 0) break;
      const i = rng.pick(flags);
      args[i + 1] = value;
      return { args, what: `${args[i]} ${shown}`, names: args[i] };
    }
    case 3: {
      if (flags.length === 0) break;
      const i = rng.pick(flags);
      const flag = args[i]!;
      args.splice(i + 1, 1);
      return {
        args: rng.int(2) === 0 ? args : [...args.filter((_, j) => j !== i), flag],
        what: `${flag} without its value`,
      };
    }
    case 4: {
      if (flags.length === 0) break;
      const i = rng.pick(flags);
      return { args: [...args, args[i]!, value], what: `${args[i]} repeated, then ${shown}`, names: args[i] };
    }
    case 5:
      if (positional < 0) break;
      args[positional] = value;
      return { args, what: `argument ${shown}` };
    case 6:
      if (positional >= 0 && rng.int(2) === 0) {
        args.splice(positional, 1);
        return { args, what: 'argument missing' };
      }
      return { args: [...args, value || 'extra'], what: `extra argument ${shown}` };
    case 7: {
      const flag = rng.pick(UNKNOWN_FLAGS);
      args.splice(commandWords + rng.int(args.length - commandWords + 1), 0, flag);
      return { args, what: `unknown flag ${flag}` };
    }
    case 8:
      break;
  }
  const json = args.indexOf('--json');
  if (json >= 0) args.splice(json, 1);
  else args.push('--json', ...(rng.int(3) === 0 ? ['--json'] : []));
  return { args, what: json >= 0 ? '--json off' : '--json on' };
}
