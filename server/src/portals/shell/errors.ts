// A UserError from a service becomes the message beside its form field when the form is re-displayed.
import { UserError } from '../../errors';
import type { FormErrors } from './forms';

/**
 * Maps a UserError to form errors (its `field`, without a leading `/`, or `form` when it names none);
 * rethrows anything else so internal errors still reach the error handler.
 */
export function errorsFrom(error: unknown): FormErrors {
  if (!(error instanceof UserError)) throw error;
  const field = (error.field ?? 'form').replace(/^\/+/, '').replace(/^--/, '') || 'form';
  return { [field]: error.message };
}
