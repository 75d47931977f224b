import { expect } from 'chai';
import { checkPolicySet, LoadedPolicySet } from './validate';
import type { PolicyDefinition, PolicySet, PolicyTemplate } from './vocabulary';
import { fabrikam, fabrikamSet } from '../testing/fixture-set';
import { mbamDefinitions } from '../mbam/templates';
import { DEFINITION_ERRORS_SHOWN, DefinitionErrors } from '../errors';

/** The fixture with one policy replaced or added. */
function withPolicy(p: PolicyDefinition, extraStrings: Record<string, string> = {}): PolicySet {
  const t: PolicyTemplate = {
    ...fabrikam,
    policies: [...fabrikam.policies.filter((o) => o.name !== p.name), p],
  };
  const [en, ...rest] = fabrikamSet.locales;
  return {
    templates: [t],
    locales: [{ locale: 'en-US', strings: { ...en?.strings, ...extraStrings } }, ...rest],
  };
}

const base: PolicyDefinition = {
  name: 'Extra',
  class: 'Machine',
  displayName: 'Extra',
  category: 'Cat_Fabrikam',
  supportedOn: 'SUPPORTED_Fabrikam_1',
  key: 'Software\\Policies\\Fabrikam',
  valueName: 'Extra',
};

function rules(set: PolicySet): string[] {
  return checkPolicySet(set, { file: 'defs.ts' }).map((e) => `${e.policy}:${e.rule}`);
}

describe('definition validation', () => {
  it('accepts the MBAM set and the fixture', () => {
    expect(checkPolicySet(mbamDefinitions)).to.deep.equal([]);
    expect(checkPolicySet(fabrikamSet)).to.deep.equal([]);
  });

  it('rejects a duplicate policy id, naming file, policy and rule', () => {
    const dup = { ...fabrikam, policies: [...fabrikam.policies, fabrikam.policies[0] as PolicyDefinition] };
    expect(() => LoadedPolicySet.from({ ...fabrikamSet, templates: [dup] }, { file: 'defs.ts' }))
      .to.throw(DefinitionErrors)
      .with.property('message')
      .that.matches(
        /policy name 'OnOff' is defined twice[\s\S]*file: +defs\.ts[\s\S]*policy: +OnOff[\s\S]*rule: +unique-id/,
      );
  });

  it('lists every error of a pass in its message, up to a screenful, and says how many more there are', () => {
    const broken = (count: number): PolicySet => ({
      ...fabrikamSet,
      templates: [
        {
          ...fabrikam,
          policies: [
            ...fabrikam.policies,
            ...Array.from({ length: count }, (_, i) => ({
              ...base,
              name: `Broken${i}`,
              displayName: `Nope${i}`,
            })),
          ],
        },
      ],
    });
    const messageOf = (set: PolicySet): string => {
      try {
        LoadedPolicySet.from(set, { file: 'defs.ts' });
      } catch (error) {
        expect(error).to.be.instanceOf(DefinitionErrors);
        return (error as Error).message;
      }
      throw new Error('expected DefinitionErrors');
    };
    const few = messageOf(broken(4));
    for (let i = 0; i < 4; i++)
      expect(few).to.match(new RegExp(`string 'Nope${i}'[\\s\\S]*policy: +Broken${i}\\b`));
    expect(few).not.to.include('more;');

    const many = messageOf(broken(DEFINITION_ERRORS_SHOWN + 5));
    expect(many).to.match(new RegExp(`^${DEFINITION_ERRORS_SHOWN + 5} definition error`));
    expect(many).to.include(`policy:   Broken${DEFINITION_ERRORS_SHOWN - 1}\n`);
    expect(many).not.to.include(`policy:   Broken${DEFINITION_ERRORS_SHOWN}\n`);
    expect(many).to.include('… and 5 more; fix these and run again to see the rest');
  });

  it('rejects ids outside [A-Za-z0-9_]', () => {
    expect(rules(withPolicy({ ...base, name: 'Bad.Name', displayName: 'Extra' }, { Extra: 'x' }))).to.include(
      'Bad.Name:policy-id',
    );
  });

  it('rejects a missing string and an unused one', () => {
    expect(rules(withPolicy({ ...base, displayName: 'Nope' }))).to.include('Extra:missing-string');
    expect(rules(withPolicy(base, { Extra: 'x', Typo: 'y' }))).to.include('(locale en-US):unused-string');
  });

  it('rejects enum values that are not distinct and a default that is not an item', () => {
    const p: PolicyDefinition = {
      ...base,
      elements: [
        {
          kind: 'enum',
          id: 'E',
          valueName: 'E',
          items: [
            { displayName: 'A', value: { type: 'decimal', value: 1 } },
            { displayName: 'B', value: { type: 'decimal', value: 1 } },
          ],
          default: 'C',
        },
      ],
      presentation: { id: 'Extra', controls: [{ control: 'dropdownList', refId: 'E', label: 'L' }] },
    };
    const r = rules(withPolicy(p, { Extra: 'x', A: 'a', B: 'b', L: 'l' }));
    expect(r).to.include('Extra:enum-distinct');
    expect(r).to.include('Extra:enum-default');
  });

  it('rejects out-of-range numbers, lengths beyond the editor limits and min > max', () => {
    const p: PolicyDefinition = {
      ...base,
      enabledValue: { type: 'string', value: 'x'.repeat(256) },
      elements: [
        { kind: 'decimal', id: 'D', valueName: 'D', minValue: 10, maxValue: 5 },
        { kind: 'decimal', id: 'N', valueName: 'N', maxValue: 2 ** 32 },
        { kind: 'text', id: 'T', valueName: 'T', maxLength: 10, default: 'x'.repeat(11) },
      ],
      presentation: {
        id: 'Extra',
        controls: [
          { control: 'decimalTextBox', refId: 'D', label: 'L' },
          { control: 'decimalTextBox', refId: 'N', label: 'L' },
          { control: 'textBox', refId: 'T', label: 'L' },
        ],
      },
    };
    const r = rules(withPolicy(p, { Extra: 'x', L: 'l' }));
    expect(r).to.include.members([
      'Extra:string-length',
      'Extra:min-max',
      'Extra:value-range',
      'Extra:text-length',
    ]);
  });

  it('rejects controls that do not fit their element, and elements without a control', () => {
    const p: PolicyDefinition = {
      ...base,
      elements: [
        { kind: 'boolean', id: 'B', valueName: 'B' },
        { kind: 'text', id: 'T', valueName: 'T' },
      ],
      presentation: { id: 'Extra', controls: [{ control: 'textBox', refId: 'B', label: 'L' }] },
    };
    const r = rules(withPolicy(p, { Extra: 'x', L: 'l' }));
    expect(r).to.include.members(['Extra:control-type', 'Extra:control-ref']);
  });

  it('rejects unknown categories, undeclared prefixes and a Microsoft namespace', () => {
    expect(rules(withPolicy({ ...base, category: 'Nope' }, { Extra: 'x' }))).to.include('Extra:category-ref');
    expect(rules(withPolicy({ ...base, supportedOn: 'win:X' }, { Extra: 'x' }))).to.include(
      'Extra:supported-on-ref',
    );
    const ms = { ...fabrikam, target: { prefix: 'x', namespace: 'Microsoft.Policies.X' } };
    expect(rules({ ...fabrikamSet, templates: [ms] })).to.include('(template Fabrikam):namespace');
  });

  it('rejects a policy that writes nothing and ownValueNames it does not write', () => {
    const { valueName: _drop, ...nothing } = base;
    expect(rules(withPolicy(nothing, { Extra: 'x' }))).to.include('Extra:policy-value');
    expect(rules(withPolicy({ ...base, ownValueNames: ['Other'] }, { Extra: 'x' }))).to.include(
      'Extra:own-value-name',
    );
  });

  it('reports every failure at once', () => {
    const errors = checkPolicySet(
      withPolicy({ ...base, name: 'a-b', category: 'Nope', key: 'HKLM\\Software' }),
    );
    expect(errors.length).to.be.greaterThanOrEqual(3);
  });

  // Found by definitions.fuzz.test.ts: a definitions module is TypeScript whose types tsx strips.
  it('checks the shape first: wrong types, holes and misspelt fields are named by path, not a TypeError', () => {
    const shape = (set: unknown) =>
      checkPolicySet(set as PolicySet, { file: 'defs.ts' }).map(
        (e) => `${e.rule}: ${e.message.split('\n')[0]}`,
      );
    expect(shape(withPolicy({ ...base, key: 5 as unknown as string }, { Extra: 'x' }))).to.deep.equal([
      'shape: policySet.templates[0].policies[2](Extra).key found number 5',
    ]);
    const names = ['Extra'];
    names[2] = 'Extra'; // a hole at [1], as `['Extra', , 'Extra']` in a module would leave
    const holes = withPolicy({ ...base, ownValueNames: names }, { Extra: 'x' });
    expect(shape(holes)).to.deep.equal([
      'shape: policySet.templates[0].policies[2](Extra).ownValueNames[1] found undefined',
    ]);
    expect(
      shape(withPolicy({ ...base, valuename: 'Extra' } as PolicyDefinition, { Extra: 'x' })),
    ).to.deep.equal([
      'shape: policySet.templates[0].policies[2](Extra).valuename is not a field of this object',
    ]);
    expect(shape(5)).to.deep.equal(['shape: policySet found number 5']);
    expect(shape(withPolicy(base, { Extra: 'nul\u0000' }))[0]).to.match(
      /strings\.Extra holds U\+0000 at index 3, which an ADMX\/ADML file cannot carry/,
    );
  });

  it('requires the strings of product versions', () => {
    const [en, ...rest] = fabrikamSet.locales;
    const { Product1: _drop, ...strings } = en?.strings ?? {};
    const set = { ...fabrikamSet, locales: [{ locale: 'en-US', strings }, ...rest] };
    expect(rules(set)).to.include('(product version Fabrikam1):missing-string');
  });
});
