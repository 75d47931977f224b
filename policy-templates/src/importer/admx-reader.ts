// Reads one ADMX document into a PolicyTemplate (presentations are attached from the ADML later).
import type {
  Category,
  PolicyClass,
  PolicyDefinition,
  PolicyTemplate,
  Product,
  SupportedOnDefinition,
  SupportedOnMember,
} from '../definitions/vocabulary';
import { kid, kids, type XmlElement } from '../xml/parse';
import { readElement } from './admx-elements';
import { readValue, readValueList } from './admx-values';
import { compact, type Reader } from './strict';

/** A policy as read from the ADMX, with the presentation id it refers to (controls come from the ADML). */
export type RawPolicy = PolicyDefinition & { readonly presentationRef?: string };

export function readAdmx(
  r: Reader,
  root: XmlElement,
  fileName: string,
): Omit<PolicyTemplate, 'policies' | 'resources'> & { policies: RawPolicy[] } {
  r.root(root, 'policyDefinitions', 'an ADMX file');
  const a = r.attrs(root, ['revision', 'schemaVersion'], ['revision']);
  const sections = ['policyNamespaces', 'resources', 'supportedOn', 'categories', 'policies'];
  r.children(root, sections, sections);
  const nsEl = kid(root, 'policyNamespaces') ?? r.fail(root, '<policyNamespaces> is missing');
  r.attrs(nsEl, []);
  r.children(nsEl, ['target', 'using'], ['target']);
  const decl = (e: XmlElement) => {
    const d = r.attrs(e, ['prefix', 'namespace'], ['prefix', 'namespace']);
    r.empty(e);
    return { prefix: d.prefix ?? '', namespace: d.namespace ?? '' };
  };
  const targetEl = kid(nsEl, 'target') ?? r.fail(nsEl, '<target> is missing');
  const res = kid(root, 'resources') ?? r.fail(root, '<resources> is missing');
  const ra = r.attrs(res, ['minRequiredRevision', 'fallbackCulture'], ['minRequiredRevision']);
  r.empty(res);
  const sup = kid(root, 'supportedOn');
  if (sup) {
    r.attrs(sup, []);
    r.children(sup, ['products', 'definitions'], ['products', 'definitions']);
  }
  const using = kids(nsEl, 'using').map(decl);
  return compact({
    fileName,
    revision: a.revision ?? '1.0',
    target: decl(targetEl),
    using: using.length ? using : undefined,
    fallbackCulture: ra.fallbackCulture,
    products: sup && kid(sup, 'products') ? readProducts(r, kid(sup, 'products') as XmlElement) : undefined,
    supportedOn:
      sup && kid(sup, 'definitions') ? readDefinitions(r, kid(sup, 'definitions') as XmlElement) : undefined,
    categories: kid(root, 'categories')
      ? readCategories(r, kid(root, 'categories') as XmlElement)
      : undefined,
    policies: kid(root, 'policies') ? readPolicies(r, kid(root, 'policies') as XmlElement) : [],
  });
}

function readPolicies(r: Reader, el: XmlElement): RawPolicy[] {
  r.attrs(el, []);
  return r.children(el, ['policy']).map((p) => readPolicy(r, p));
}

function readProducts(r: Reader, el: XmlElement): Product[] {
  r.attrs(el, []);
  const named = (e: XmlElement, extra: string[] = []) => {
    const a = r.attrs(e, ['name', 'displayName', ...extra], ['name', 'displayName', ...extra]);
    return { name: a.name ?? '', displayName: r.stringRef(e, a.displayName) ?? '' };
  };
  return r.children(el, ['product']).map((p) => {
    const majors = r.children(p, ['majorVersion']).map((m) => {
      const minors = r.children(m, ['minorVersion']).map((n) => {
        r.empty(n);
        return { ...named(n, ['versionIndex']), versionIndex: r.uint(n, 'versionIndex') ?? 0 };
      });
      return compact({
        ...named(m, ['versionIndex']),
        versionIndex: r.uint(m, 'versionIndex') ?? 0,
        minorVersions: minors.length ? minors : undefined,
      });
    });
    return compact({ ...named(p), majorVersions: majors.length ? majors : undefined });
  });
}

function readDefinitions(r: Reader, el: XmlElement): SupportedOnDefinition[] {
  r.attrs(el, []);
  return r.children(el, ['definition']).map((d) => {
    const a = r.attrs(d, ['name', 'displayName'], ['name', 'displayName']);
    const [cond, extra] = r.children(d, ['or', 'and']);
    if (extra) r.fail(extra, 'a supportedOn definition holds at most one <or> or <and>');
    if (cond) r.attrs(cond, []);
    const members: SupportedOnMember[] = cond
      ? r.children(cond, ['range', 'reference']).map((m) => {
          r.empty(m);
          if (m.name === 'reference')
            return { kind: 'reference', ref: r.attrs(m, ['ref'], ['ref']).ref ?? '' };
          const ma = r.attrs(m, ['ref', 'minVersionIndex', 'maxVersionIndex'], ['ref']);
          return compact({
            kind: 'range' as const,
            ref: ma.ref ?? '',
            minVersionIndex: r.uint(m, 'minVersionIndex'),
            maxVersionIndex: r.uint(m, 'maxVersionIndex'),
          });
        })
      : [];
    return compact({
      name: a.name ?? '',
      displayName: r.stringRef(d, a.displayName) ?? '',
      condition: cond ? { type: cond.name as 'or' | 'and', members } : undefined,
    });
  });
}

/** A `<parentCategory ref>` / `<supportedOn ref>`: its ref. */
const refOf = (r: Reader, el: XmlElement): string | undefined => {
  r.empty(el);
  return r.attrs(el, ['ref'], ['ref']).ref;
};

function readCategories(r: Reader, el: XmlElement): Category[] {
  r.attrs(el, []);
  return r.children(el, ['category']).map((c) => {
    const a = r.attrs(c, ['name', 'displayName', 'explainText'], ['name', 'displayName']);
    r.children(c, ['parentCategory'], ['parentCategory']);
    const parent = kid(c, 'parentCategory');
    return compact({
      name: a.name ?? '',
      displayName: r.stringRef(c, a.displayName) ?? '',
      explainText: r.stringRef(c, a.explainText),
      parent: parent ? refOf(r, parent) : undefined,
    });
  });
}

function readPolicy(r: Reader, p: XmlElement): RawPolicy {
  const a = r.attrs(
    p,
    ['name', 'class', 'displayName', 'explainText', 'presentation', 'key', 'valueName'],
    ['name', 'class', 'displayName', 'key'],
  );
  if (!['Machine', 'User', 'Both'].includes(a.class ?? ''))
    r.fail(p, `class="${a.class}" is not Machine, User or Both`);
  const names = [
    'parentCategory',
    'supportedOn',
    'enabledValue',
    'disabledValue',
    'enabledList',
    'disabledList',
    'elements',
  ];
  const parts = new Map(r.children(p, names, names).map((c) => [c.name, c]));
  const ref = (n: string) => (parts.get(n) ? refOf(r, parts.get(n) as XmlElement) : undefined);
  const presentation =
    a.presentation === undefined
      ? undefined
      : /^\$\(presentation\.([A-Za-z0-9_]+)\)$/.exec(a.presentation)?.[1];
  if (a.presentation !== undefined && presentation === undefined)
    r.fail(p, `presentation="${a.presentation}" is not a $(presentation.Id) reference`);
  const value = (n: string) => (parts.get(n) ? readValue(r, parts.get(n) as XmlElement) : undefined);
  const list = (n: string) => (parts.get(n) ? readValueList(r, parts.get(n) as XmlElement) : undefined);
  const elementsEl = parts.get('elements');
  if (elementsEl) {
    r.attrs(elementsEl, []);
    r.noText(elementsEl, 'only elements: boolean, decimal, longDecimal, text, multiText, enum, list');
  }
  const elements = elementsEl?.children.map((e) => readElement(r, e));
  return compact({
    name: a.name ?? '',
    class: a.class as PolicyClass,
    displayName: r.stringRef(p, a.displayName) ?? '',
    explainText: r.stringRef(p, a.explainText),
    category: ref('parentCategory') ?? r.fail(p, `policy ${a.name} has no <parentCategory>`),
    supportedOn: ref('supportedOn') ?? r.fail(p, `policy ${a.name} has no <supportedOn>`),
    key: a.key ?? '',
    valueName: a.valueName,
    enabledValue: value('enabledValue'),
    disabledValue: value('disabledValue'),
    enabledList: list('enabledList'),
    disabledList: list('disabledList'),
    elements,
    presentationRef: presentation,
  });
}
