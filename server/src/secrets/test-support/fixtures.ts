// What the secrets tests share: a made-up recovery password (the format of a real one, never a real
// one), the associated data it is sealed with, and the error a promise is expected to reject with.
import { expect } from 'chai';

export const PASSWORD = '111111-222222-333333-444444-555555-666666-777777-888888';
export const AAD = 'recovery-password:device-1:C::{00000000-0000-0000-0000-000000000001}';

type ErrorClass<E extends Error> = abstract new (...args: never[]) => E;

export function rejection(promise: Promise<unknown>): Promise<Error>;
export function rejection<E extends Error>(promise: Promise<unknown>, type: ErrorClass<E>): Promise<E>;
export async function rejection(promise: Promise<unknown>, type: ErrorClass<Error> = Error): Promise<Error> {
  try {
    await promise;
  } catch (err) {
    expect(err).to.be.instanceOf(type);
    return err as Error;
  }
  throw new Error('expected a rejection');
}
