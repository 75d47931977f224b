// MBAM 2.0's role names, plus System Administrators for configuration. Every signed-in user may use
// the Self-Service Portal for the machines they have logged on to; that needs no role.
export const ROLES = ['Helpdesk', 'Advanced Helpdesk', 'Report Users', 'System Administrators'] as const;
export type Role = (typeof ROLES)[number];

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

/** Roles are stored as one comma-separated column (local_users, sessions, api_tokens). */
export const rolesFromColumn = (value: string): Role[] => (value ? (value.split(',') as Role[]) : []);
export const rolesToColumn = (roles: readonly Role[]): string => roles.join(',');
