/** Newsroom roles, from the least to the most trusted. */
export const ROLES = [
  'contributor',
  'journalist',
  'editor',
  'admin',
  'owner',
] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  contributor: 'Contributeur',
  journalist: 'Journaliste',
  editor: 'Éditeur',
  admin: 'Administrateur',
  owner: 'Propriétaire',
};

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

/** Whether `role` is at least `minimum` in the hierarchy. */
export function atLeast(role: Role, minimum: Role): boolean {
  return ROLES.indexOf(role) >= ROLES.indexOf(minimum);
}
