// Typed errors for the policy-templates package. User errors carry `exitCode = 2`; the main CLI prints
// `message` and exits with `exitCode` for any error carrying a numeric one. Messages teach: what failed,
// the rule, what was expected and an example of the right form.

export interface PolicyErrorContext {
  /** The file that held the bad input, when there was one. */
  readonly file?: string;
  /** The policy (or category, template, …) the rule applies to. */
  readonly policy?: string;
  /** Short name of the rule that failed, e.g. `unique-id`. */
  readonly rule: string;
  /** What was expected, in words. */
  readonly expected?: string;
  /** An example of the right form. */
  readonly example?: string;
}

function truncate(text: string, max = 120): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** Builds the teaching message shared by all user errors. */
export function teach(what: string, ctx: PolicyErrorContext): string {
  // Line by line, so a list of several errors (DefinitionErrors) is shown whole.
  const lines = what.split('\n').map((line) => truncate(line, 400));
  if (ctx.file) lines.push(`  file:     ${ctx.file}`);
  if (ctx.policy) lines.push(`  policy:   ${ctx.policy}`);
  lines.push(`  rule:     ${ctx.rule}`);
  if (ctx.expected) lines.push(`  expected: ${ctx.expected}`);
  if (ctx.example) lines.push(`  example:  ${ctx.example}`);
  return lines.join('\n');
}

/** A mistake in input the user controls (definitions, settings, templates, command-line options). */
export class PolicyUserError extends Error {
  readonly exitCode = 2;
  readonly file: string | undefined;
  readonly policy: string | undefined;
  readonly rule: string;

  constructor(what: string, ctx: PolicyErrorContext, options?: { cause?: unknown }) {
    super(teach(what, ctx), options);
    this.name = 'PolicyUserError';
    this.file = ctx.file;
    this.policy = ctx.policy;
    this.rule = ctx.rule;
  }
}

/** Definitions broke a rule of the vocabulary (duplicate id, missing string, bad range, …). */
export class DefinitionError extends PolicyUserError {
  override name = 'DefinitionError';
}

/** A desired-settings file names an unknown policy, a value out of range or of the wrong type. */
export class SettingsError extends PolicyUserError {
  override name = 'SettingsError';
}

/** An ADMX/ADML file given to the importer is not well-formed or uses something we do not support. */
export class ImportError extends PolicyUserError {
  override name = 'ImportError';
}

/** A Registry.pol file is damaged or not a PReg file. */
export class RegistryPolError extends PolicyUserError {
  override name = 'RegistryPolError';
}

/** Something that cannot happen did: a bug in this package, never the user's fault. */
export class InternalError extends Error {
  override name = 'InternalError';
}

/** The most errors one DefinitionErrors message lists; a longer list would scroll off a console. */
export const DEFINITION_ERRORS_SHOWN = 25;

/** Several definition errors found in one pass: all of them are reported at once. */
export class DefinitionErrors extends DefinitionError {
  readonly errors: readonly DefinitionError[];
  constructor(errors: readonly DefinitionError[], file?: string) {
    const first = errors[0];
    const shown = errors.slice(0, DEFINITION_ERRORS_SHOWN).map((e) => e.message.replace(/^/gm, '  '));
    if (errors.length > shown.length) {
      shown.push(`  … and ${errors.length - shown.length} more; fix these and run again to see the rest`);
    }
    super(`${errors.length} definition error(s):\n${shown.join('\n')}`, {
      file,
      policy: first?.policy,
      rule: first?.rule ?? 'definitions',
    });
    this.errors = errors;
  }
}
