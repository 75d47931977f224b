// Rules for one policy: name, key, values, elements and the presentation that pairs with them.
import type { PolicyDefinition } from './vocabulary';
import { POLICY_CLASSES } from './vocabulary';
import { checkKey, checkValue, checkValueList, checkValueName, type Report } from './check-values';
import { checkElement } from './check-elements';
import { ID_PATTERN, MAX_U32 } from './limits';
import { elementType } from '../writers/element-type';
import { writtenValueNames } from './registry-values';

export function checkPolicy(p: PolicyDefinition, report: Report): void {
  if (!ID_PATTERN.test(p.name))
    report(
      'policy-id',
      `policy name '${p.name}' must match [A-Za-z0-9_]+`,
      'letters, digits, _',
      'BMSOSDEncryptionPolicy',
    );
  if (!POLICY_CLASSES.includes(p.class))
    report('policy-class', `class '${String(p.class)}' is not one of ${POLICY_CLASSES.join(', ')}`);
  checkKey(p.key, 'policy', report);
  if (p.key === undefined || p.key === '')
    report('registry-key', 'policy has no registry key', 'key: "Software\\Policies\\…"');
  checkValueName(p.valueName, 'policy', report);
  checkValue(p.enabledValue, 'enabledValue', report);
  checkValue(p.disabledValue, 'disabledValue', report);
  checkValueList(p.enabledList, 'enabledList', report);
  checkValueList(p.disabledList, 'disabledList', report);
  if ((p.enabledValue || p.disabledValue) && p.valueName === undefined)
    report(
      'policy-value',
      'enabledValue/disabledValue need the policy valueName',
      'valueName: "UseMBAMServices"',
    );
  const elements = p.elements ?? [];
  if (p.valueName === undefined && !p.enabledList && !p.disabledList && elements.length === 0)
    report('policy-value', 'the policy writes nothing: give it a valueName, a value list or elements');
  const ids = new Set<string>();
  for (const el of elements) {
    if (ids.has(el.id))
      report(
        'unique-id',
        `element id '${el.id}' is used twice in this policy`,
        'element ids unique within a policy',
      );
    ids.add(el.id);
    checkElement(el, report);
  }
  checkPresentation(p, report);
  const written = new Set(writtenValueNames(p));
  for (const own of p.ownValueNames ?? [])
    if (!written.has(own))
      report('own-value-name', `ownValueNames lists '${own}', which this policy does not write`);
}

function checkPresentation(p: PolicyDefinition, report: Report): void {
  const elements = p.elements ?? [];
  if (!p.presentation) {
    if (elements.length > 0)
      report('presentation', 'the policy has elements but no presentation', 'presentation: { id, controls }');
    return;
  }
  if (!ID_PATTERN.test(p.presentation.id))
    report('presentation-id', `presentation id '${p.presentation.id}' must match [A-Za-z0-9_]+`);
  const seen = new Set<string>();
  for (const c of p.presentation.controls) {
    if (c.control === 'text') continue;
    const el = elements.find((e) => e.id === c.refId);
    if (!el) {
      report(
        'control-ref',
        `control ${c.control} refers to '${c.refId}', which is not an element of this policy`,
        elements.map((e) => e.id).join(', '),
      );
      continue;
    }
    if (seen.has(c.refId))
      report('control-ref', `element '${c.refId}' has two controls`, 'one control per element');
    seen.add(c.refId);
    if (
      c.control === 'longDecimalTextBox' &&
      el.kind === 'longDecimal' &&
      el.default !== undefined &&
      el.default > BigInt(MAX_U32)
    )
      report(
        'value-range',
        `element '${el.id}': a longDecimalTextBox default must fit 32 bits (the schema types it unsignedInt)`,
        `≤ ${MAX_U32}`,
      );
    const allowed = elementType(el.kind).controls;
    if (!allowed.includes(c.control))
      report(
        'control-type',
        `control ${c.control} cannot present ${el.kind} element '${el.id}'`,
        allowed.join(' or '),
      );
  }
  for (const el of elements)
    if (!seen.has(el.id))
      report(
        'control-ref',
        `element '${el.id}' has no control in the presentation`,
        `a ${elementType(el.kind).controls[0]} with refId '${el.id}'`,
      );
}
