// Bad input for a JSON route: values of the wrong kind or out of range, missing, extra and repeated
// fields, bodies that are not objects or nest deep, broken UTF-8, odd text, a form instead of JSON.
import { BROKEN_BYTES, ODD_TEXT, TYPES } from './inputs';
import { type Generator, show } from './mutation';
import { withValue } from '../../test-support/json-tree';
import { type Path, SPLICE, inputsOf, spliced } from './requests';

const EXTRA_NAMES = [
  'extra',
  '__proto__',
  'constructor',
  'prototype',
  '',
  'k'.repeat(1000),
  'Label',
  '\u0000',
];

export const jsonKinds: Generator[] = [
  function badValue(b, rng) {
    const [path, input] = rng.pick(inputsOf(b.route.json!).filter(([, i]) => i.bad.length > 0));
    const value = rng.pick(input.bad);
    return {
      what: `${path.join('.')} = ${show(value)}`,
      outcome: 'refused',
      sent: b.jsonBody(JSON.stringify(withValue(b.validJson, path, value))),
    };
  },
  function missing(b, rng) {
    const required = inputsOf(b.route.json!).filter(([, i]) => i.required && i.valid !== undefined);
    if (required.length === 0) return null;
    const [path] = rng.pick(required);
    return {
      what: `${path.join('.')} missing`,
      outcome: 'refused',
      sent: b.jsonBody(JSON.stringify(withValue(b.validJson, path, undefined))),
    };
  },
  function extraField(b, rng) {
    const objects = inputsOf(b.route.json!).filter(([, i]) => i.fields && i.valid !== undefined);
    const at: Path = rng.pick([[], ...objects.map(([p]) => p)]);
    const name = rng.pick(EXTRA_NAMES);
    return {
      what: `extra field ${show(name)} at ${at.join('.') || 'top'}`,
      outcome: 'refused',
      sent: b.jsonBody(JSON.stringify(withValue(b.validJson, [...at, name], rng.pick(TYPES)))),
    };
  },
  function duplicateKey(b, rng) {
    // JSON.parse keeps the last of two equal keys
    const [name, input] = rng.pick(Object.entries(b.route.json!).filter(([, i]) => i.bad.length > 0));
    const valid = JSON.stringify(b.validJson);
    const bad = `${JSON.stringify(name)}:${JSON.stringify(rng.pick(input.bad))}`;
    return {
      what: `${name} given twice, the last bad`,
      outcome: 'refused',
      sent: b.jsonBody(`${valid.slice(0, -1)}${valid === '{}' ? '' : ','}${bad}}`),
    };
  },
  function notAnObject(b, rng) {
    const depth = 1000 + rng.int(19_000);
    // prettier-ignore
    const body = rng.pick(['null', '[]', '"text"', '42', 'true', `[${JSON.stringify(b.validJson)}]`, `${'['.repeat(depth)}${']'.repeat(depth)}`]);
    return { what: `body ${show(body)}`, outcome: 'refused', sent: b.jsonBody(body) };
  },
  function deepNesting(b, rng) {
    const [path] = rng.pick(inputsOf(b.route.json!));
    const arrays = rng.int(2) === 0;
    const depth = 1000 + rng.int(arrays ? 19_000 : 8000);
    const leaf = rng.pick(['1', '"\\u0000"', '"x"']);
    const nested = arrays
      ? `${'['.repeat(depth)}${leaf}${']'.repeat(depth)}`
      : `${'{"a":'.repeat(depth)}${leaf}${'}'.repeat(depth)}`;
    return {
      what: `${path.join('.')} = ${arrays ? 'arrays' : 'objects'} nested ${depth} deep around ${leaf}`,
      outcome: 'refused',
      sent: b.jsonBody(JSON.stringify(withValue(b.validJson, path, SPLICE)).replace(`"${SPLICE}"`, nested)),
    };
  },
  function brokenUtf8(b, rng) {
    const [path, input] = rng.pick(inputsOf(b.route.json!));
    const bytes = Buffer.from(rng.pick(BROKEN_BYTES));
    return {
      what: `${path.join('.')} = bytes ${bytes.toString('hex')}`,
      outcome: input.odd,
      sent: b.jsonBody(spliced(JSON.stringify(withValue(b.validJson, path, SPLICE)), bytes)),
    };
  },
  function oddText(b, rng) {
    const [path, input] = rng.pick(inputsOf(b.route.json!));
    const value = rng.pick(ODD_TEXT);
    return {
      what: `${path.join('.')} = ${show(value)}`,
      outcome: input.odd,
      sent: b.jsonBody(JSON.stringify(withValue(b.validJson, path, value))),
    };
  },
  function formInsteadOfJson(b) {
    // JSON routes read HTML forms too (every value a string): refused unless all the fields are text
    const allText = Object.values(b.route.json!).every(
      (i) => i.valid === undefined || typeof i.valid === 'string',
    );
    return {
      what: 'the valid fields as a form',
      outcome: allText ? 'either' : 'refused',
      sent: b.jsonAsForm(),
    };
  },
];
