// What every refusal the fuzzer gets must be: a 4xx that tells what was wrong, as our JSON error
// shape or as a page (the error page, or the form again with its error summary).
import { expect } from 'chai';
import type { RawAnswer } from '../../test-support/raw-http';

export type Answer = RawAnswer;

export function expectTellingRefusal(a: Answer, context: string): void {
  expect(a.status, context).to.be.within(400, 499);
  if (a.contentType.startsWith('application/json')) {
    const body = JSON.parse(a.text) as Record<string, unknown>;
    expect(Object.keys(body), context).to.deep.equal(['error']);
    const error = body.error as Record<string, unknown>;
    expect(
      Object.keys(error).filter((k) => !['code', 'message', 'field'].includes(k)),
      context,
    ).to.deep.equal([]);
    expect(error.code, context)
      .to.be.a('string')
      .and.match(/^[a-z_]+$/);
    expect(error.message, context).to.be.a('string');
    expect((error.message as string).trim().length, context).to.be.greaterThan(10);
    if (error.field !== undefined) expect(error.field, context).to.be.a('string');
    return;
  }
  expect(a.contentType, context).to.match(/^text\/html/);
  const main = /<main[\s\S]*<\/main>/.exec(a.text)?.[0] ?? '';
  const message =
    /<p>([^<]{10,})<\/p><p class="hint">Error 4\d\d<\/p>/.exec(main)?.[1] ??
    /class="error-summary"[\s\S]*?<a [^>]*>([^<]{5,})<\/a>/.exec(main)?.[1];
  expect(message, `${context}\n(no error message in the page)`).to.be.a('string');
}
