// Bad input for an HTML form: bad, missing and repeated fields, a wrong user name or password
// (sign-in), broken %-escapes and bytes, odd text, and JSON whose values are not text.
import { BROKEN_BYTES, BROKEN_ESCAPES, ODD_TEXT, TYPES } from './inputs';
import { type Generator, show } from './mutation';
import { SPLICE, replacePair, spliced } from './requests';

export const formKinds: Generator[] = [
  function badValue(b, rng) {
    const [name, input] = rng.pick(Object.entries(b.route.form!).filter(([, i]) => i.bad.length > 0));
    const value = String(rng.pick(input.bad));
    return {
      what: `${name} = ${show(value)}`,
      outcome: 'refused',
      sent: b.formBody(replacePair(b.validForm, name, [value])),
    };
  },
  function missing(b, rng) {
    const required = Object.entries(b.route.form!).filter(([, i]) => i.required);
    if (required.length === 0) return null;
    const [name] = rng.pick(required);
    return {
      what: `${name} missing`,
      outcome: 'refused',
      sent: b.formBody(replacePair(b.validForm, name, [])),
    };
  },
  function repeated(b, rng) {
    // the portals read the first of a repeated field (and every one of a checkbox list)
    const [name, input] = rng.pick(Object.entries(b.route.form!).filter(([, i]) => i.bad.length > 0));
    const bad = String(rng.pick(input.bad));
    const values = [bad, ...[input.valid ?? ''].flat().map(String)];
    return {
      what: `${name} repeated, the first ${show(bad)}`,
      outcome: 'refused',
      sent: b.formBody(replacePair(b.validForm, name, values)),
    };
  },
  function counted(b, rng) {
    const inputs = Object.entries(b.route.form!).filter(([, i]) => i.counted);
    if (inputs.length === 0) return null;
    const [name, input] = rng.pick(inputs);
    const value = String(rng.pick(input.counted!));
    return {
      what: `${name} = ${show(value)}`,
      outcome: 'counted',
      sent: b.formBody(replacePair(b.validForm, name, [value])),
    };
  },
  function brokenUtf8(b, rng) {
    const [name, input] = rng.pick(Object.entries(b.route.form!));
    const raw = rng.int(2) === 0;
    const bytes = Buffer.from(raw ? rng.pick(BROKEN_BYTES) : rng.pick(BROKEN_ESCAPES));
    return {
      what: `${name} = ${raw ? `bytes ${bytes.toString('hex')}` : bytes.toString()}`,
      outcome: input.odd,
      sent: b.formBody(replacePair(b.validForm, name, [SPLICE]), { raw: (text) => spliced(text, bytes) }),
    };
  },
  function oddText(b, rng) {
    const [name, input] = rng.pick(Object.entries(b.route.form!));
    const value = rng.pick(ODD_TEXT);
    return {
      what: `${name} = ${show(value)}`,
      outcome: input.odd,
      sent: b.formBody(replacePair(b.validForm, name, [value])),
    };
  },
  function jsonWithNonText(b, rng) {
    // what a script could post instead of the form: the same fields, one of them not text
    const [name] = rng.pick(Object.entries(b.route.form!));
    const value = rng.pick(
      TYPES.filter(
        (v) => typeof v !== 'string' && !(Array.isArray(v) && v.every((x) => typeof x === 'string')),
      ),
    );
    const body = { ...Object.fromEntries(b.validForm), [name]: value };
    return {
      what: `JSON body with ${name} = ${show(value)}`,
      outcome: 'refused',
      sent: b.jsonBody(JSON.stringify(body)),
    };
  },
];
