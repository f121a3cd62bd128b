import type { Role } from './roles.ts';

/** A newsroom member's account, as commands and policies see it. */
export interface User {
  id: number;
  email: string;
  displayName: string;
  role: Role;
  status: 'active' | 'invited' | 'deactivated';
  passwordHash: string | null;
  createdAt: Date;
  /** Sections an editor is limited to; empty means all. */
  sectionIds: number[];
}
