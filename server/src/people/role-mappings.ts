// OpenID Connect group or app-role claim values → roles. Mappings come from the configuration
// (`oidc.roleMapping`, fixed at deployment, e.g. by the Pulumi stack) and from /admin/role-mappings
// (kept in the database); a person gets every role any of their claim values maps to.
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { OidcConfig } from '../config/schema';
import type { RecoveryDatabase } from '../db/recovery-database';
import { UserError, truncateForMessage } from '../errors';
import { isUniqueViolation } from '../shared/unique-violation';
import { ROLES, type Role, isRole } from './roles';
import { isoNow } from '../shared/clock';

export interface RoleMapping {
  id: string;
  claimValue: string;
  role: Role;
  /** `configuration` mappings cannot be removed in the portal */
  origin: 'configuration' | 'database';
  createdAt: string | null;
  createdBy: string | null;
}

export function configuredMappings(oidc: OidcConfig | undefined): RoleMapping[] {
  if (!oidc) return [];
  return ROLES.flatMap((role) =>
    (oidc.roleMapping[role] ?? []).map((claimValue) => ({
      id: `config:${role}:${claimValue}`,
      claimValue,
      role,
      origin: 'configuration' as const,
      createdAt: null,
      createdBy: null,
    })),
  );
}

export async function listRoleMappings(
  db: Kysely<RecoveryDatabase>,
  oidc: OidcConfig | undefined,
): Promise<RoleMapping[]> {
  const rows = await db
    .selectFrom('role_mappings')
    .selectAll()
    .orderBy('claim_value')
    .orderBy('role')
    .execute();
  return [
    ...configuredMappings(oidc),
    ...rows
      .filter((r) => isRole(r.role))
      .map((r) => ({
        id: r.id,
        claimValue: r.claim_value,
        role: r.role as Role,
        origin: 'database' as const,
        createdAt: r.created_at,
        createdBy: r.created_by,
      })),
  ];
}

export async function addRoleMapping(
  db: Kysely<RecoveryDatabase>,
  input: { claimValue: string; role: string },
  createdBy: string,
  now = new Date(),
): Promise<RoleMapping> {
  const claimValue = input.claimValue.trim();
  if (claimValue.length < 1 || claimValue.length > 256) {
    throw new UserError(
      'validation_failed',
      'Enter the group or app role exactly as the provider sends it in the claim, e.g. "MBAM Helpdesk Users" or a group object id.',
      { field: 'claimValue' },
    );
  }
  if (!isRole(input.role)) {
    throw new UserError(
      'validation_failed',
      `"${truncateForMessage(input.role)}" is not a role; choose one of ${ROLES.join(', ')}.`,
      { field: 'role' },
    );
  }
  const row = {
    id: randomUUID(),
    claim_value: claimValue,
    role: input.role,
    created_at: isoNow(now),
    created_by: createdBy,
  };
  try {
    await db.insertInto('role_mappings').values(row).execute();
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new UserError('conflict', `"${claimValue}" already maps to ${input.role}.`, {
        field: 'claimValue',
      });
    }
    throw error;
  }
  return {
    id: row.id,
    claimValue,
    role: input.role,
    origin: 'database',
    createdAt: row.created_at,
    createdBy,
  };
}

export async function removeRoleMapping(db: Kysely<RecoveryDatabase>, id: string): Promise<void> {
  const result = await db.deleteFrom('role_mappings').where('id', '=', id).executeTakeFirst();
  if (Number(result.numDeletedRows) !== 1) {
    throw new UserError(
      'not_found',
      `No role mapping kept in the database has id "${truncateForMessage(id)}" (mappings from the configuration are changed there).`,
      { field: 'id' },
    );
  }
}

/** The roles a set of claim values grants. */
export function rolesFor(claimValues: readonly string[], mappings: readonly RoleMapping[]): Role[] {
  const granted = new Set<Role>();
  for (const m of mappings) if (claimValues.includes(m.claimValue)) granted.add(m.role);
  return ROLES.filter((r) => granted.has(r));
}
