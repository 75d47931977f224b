// A neutral fixture (Fabrikam, not MBAM) using every element kind, every control and every value type,
// so writer tests do not depend on the MBAM content.
import type { PolicySet, PolicyTemplate } from '../definitions/vocabulary';

export const fabrikam: PolicyTemplate = {
  fileName: 'Fabrikam',
  revision: '2.1',
  target: { prefix: 'fabrikam', namespace: 'Fabrikam.Policies.Sample' },
  using: [{ prefix: 'windows', namespace: 'Microsoft.Policies.Windows' }],
  resources: { displayName: 'File_Name', description: 'File_Description' },
  products: [
    {
      name: 'Fabrikam',
      displayName: 'Product',
      majorVersions: [{ name: 'Fabrikam1', displayName: 'Product1', versionIndex: 1 }],
    },
  ],
  supportedOn: [
    {
      name: 'SUPPORTED_Fabrikam_1',
      displayName: 'Supported1',
      condition: { type: 'or', members: [{ kind: 'range', ref: 'Fabrikam', minVersionIndex: 1 }] },
    },
  ],
  categories: [
    {
      name: 'Cat_Fabrikam',
      displayName: 'Cat',
      explainText: 'Cat_Help',
      parent: 'windows:WindowsComponents',
    },
  ],
  policies: [
    {
      name: 'OnOff',
      class: 'Machine',
      displayName: 'OnOff',
      explainText: 'OnOff_Help',
      category: 'Cat_Fabrikam',
      supportedOn: 'SUPPORTED_Fabrikam_1',
      key: 'Software\\Policies\\Fabrikam',
      valueName: 'OnOff',
      enabledValue: { type: 'string', value: 'on & <yes>' },
      disabledValue: { type: 'delete' },
      enabledList: {
        defaultKey: 'Software\\Policies\\Fabrikam\\Extra',
        items: [{ valueName: 'Big', value: { type: 'longDecimal', value: 18446744073709551615n } }],
      },
    },
    {
      name: 'AllKinds',
      class: 'Both',
      displayName: 'AllKinds',
      category: 'Cat_Fabrikam',
      supportedOn: 'windows:SUPPORTED_Windows_10_0',
      key: 'Software\\Policies\\Fabrikam',
      elements: [
        {
          kind: 'boolean',
          id: 'Flag',
          valueName: 'Flag',
          trueValue: { type: 'decimal', value: 1 },
          falseValue: { type: 'delete' },
          default: true,
        },
        {
          kind: 'decimal',
          id: 'Timeout',
          valueName: 'Timeout',
          required: true,
          minValue: 1,
          maxValue: 3600,
          default: 30,
        },
        {
          kind: 'longDecimal',
          id: 'Quota',
          valueName: 'Quota',
          maxValue: 18446744073709551615n,
          default: 1024n,
        },
        {
          kind: 'text',
          id: 'Url',
          valueName: 'Url',
          maxLength: 255,
          expandable: true,
          default: 'https://example.invalid/',
        },
        { kind: 'text', id: 'Mode', valueName: 'Mode' },
        { kind: 'multiText', id: 'Hosts', valueName: 'Hosts', maxLength: 255, maxStrings: 50 },
        {
          kind: 'enum',
          id: 'Level',
          valueName: 'Level',
          required: true,
          items: [
            { displayName: 'Level_Low', value: { type: 'decimal', value: 0 } },
            {
              displayName: 'Level_High',
              value: { type: 'string', value: 'high' },
              valueList: { items: [{ valueName: 'Strict', value: { type: 'decimal', value: 1 } }] },
            },
          ],
          default: 'Level_High',
        },
        { kind: 'list', id: 'Allow', key: 'Software\\Policies\\Fabrikam\\Allow', valuePrefix: '' },
        {
          kind: 'list',
          id: 'Pairs',
          key: 'Software\\Policies\\Fabrikam\\Pairs',
          explicitValue: true,
          additive: true,
        },
      ],
      presentation: {
        id: 'AllKinds',
        controls: [
          { control: 'text', label: 'AllKinds_Intro' },
          { control: 'checkBox', refId: 'Flag', label: 'AllKinds_Flag' },
          { control: 'decimalTextBox', refId: 'Timeout', label: 'AllKinds_Timeout', spinStep: 5 },
          { control: 'longDecimalTextBox', refId: 'Quota', label: 'AllKinds_Quota' },
          { control: 'textBox', refId: 'Url', label: 'AllKinds_Url' },
          {
            control: 'comboBox',
            refId: 'Mode',
            label: 'AllKinds_Mode',
            suggestions: ['AllKinds_Mode_Fast'],
            noSort: true,
          },
          { control: 'multiTextBox', refId: 'Hosts', label: 'AllKinds_Hosts', defaultHeight: 4 },
          { control: 'dropdownList', refId: 'Level', label: 'AllKinds_Level', noSort: true },
          { control: 'listBox', refId: 'Allow', label: 'AllKinds_Allow' },
          { control: 'listBox', refId: 'Pairs', label: 'AllKinds_Pairs' },
        ],
      },
    },
  ],
};

const en: Record<string, string> = {
  File_Name: 'Fabrikam sample',
  File_Description: 'Fixture covering every element kind.',
  Product: 'Fabrikam',
  Product1: 'Fabrikam 1',
  Supported1: 'Fabrikam 1 or later',
  Cat: 'Fabrikam',
  Cat_Help: 'Fabrikam settings.',
  OnOff: 'Turn it on',
  OnOff_Help: 'Line one.\n\nLine three & <markup> stays text.',
  AllKinds: 'Every element kind',
  Level_Low: 'Low',
  Level_High: 'High',
  AllKinds_Intro: 'Free text shown in the dialog.',
  AllKinds_Flag: 'Flag',
  AllKinds_Timeout: 'Timeout (seconds):',
  AllKinds_Quota: 'Quota (bytes):',
  AllKinds_Url: 'Server URL:',
  AllKinds_Mode: 'Mode:',
  AllKinds_Mode_Fast: 'fast',
  AllKinds_Hosts: 'Hosts (one per line):',
  AllKinds_Level: 'Level:',
  AllKinds_Allow: 'Allowed items:',
  AllKinds_Pairs: 'Name/value pairs:',
};

export const fabrikamSet: PolicySet = {
  templates: [fabrikam],
  locales: [
    { locale: 'en-US', strings: en },
    { locale: 'fr-FR', strings: { OnOff: 'Activer', Level_High: 'Élevé' } },
  ],
};
