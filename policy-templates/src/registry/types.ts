// Registry value types as Registry.pol stores them (MS-GPREG §2.2.1; admx-format.md §11).

export enum RegType {
  NONE = 0,
  SZ = 1,
  EXPAND_SZ = 2,
  BINARY = 3,
  DWORD = 4,
  DWORD_BIG_ENDIAN = 5,
  MULTI_SZ = 7,
  QWORD = 11,
}

export const REG_TYPE_NAMES: Readonly<Record<number, string>> = {
  0: 'REG_NONE',
  1: 'REG_SZ',
  2: 'REG_EXPAND_SZ',
  3: 'REG_BINARY',
  4: 'REG_DWORD',
  5: 'REG_DWORD_BIG_ENDIAN',
  7: 'REG_MULTI_SZ',
  11: 'REG_QWORD',
};

/** Typed data of one registry record. */
export type RegData =
  | { readonly type: RegType.SZ | RegType.EXPAND_SZ; readonly value: string }
  | { readonly type: RegType.DWORD | RegType.DWORD_BIG_ENDIAN; readonly value: number }
  | { readonly type: RegType.QWORD; readonly value: bigint }
  | { readonly type: RegType.MULTI_SZ; readonly value: readonly string[] }
  | { readonly type: RegType.BINARY | RegType.NONE; readonly value: Uint8Array };

/** One Registry.pol record: `[key;valueName;type;size;data]`. A record with no value name only creates the key. */
export interface PolRecord {
  readonly key: string;
  readonly valueName: string;
  readonly data: RegData;
}
