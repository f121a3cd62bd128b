import { EDITORIAL_VERB_NAMES, EDITORIAL_VERBS } from './editorialVerbs.ts';

/**
 * How the audit log words each event it shows (« Samira a publié … »). The audit log is the events
 * table read for exactly these names: the verbs the verb table marks for audit, plus corrections
 * and the admins' changes to people and settings.
 */
export const AUDIT_LABELS: ReadonlyMap<string, string> = new Map([
  ...EDITORIAL_VERB_NAMES.flatMap((verb) => {
    const { event, audit } = EDITORIAL_VERBS[verb];
    return audit === null ? [] : [[event, audit] as [string, string]];
  }),
  ['articles.correct', 'a publié un rectificatif sur'],
  ['users.create', 'a créé le compte'],
  ['users.update', 'a modifié le compte'],
  ['settings.update', 'a changé les réglages'],
]);

export const AUDITED_EVENTS: readonly string[] = [...AUDIT_LABELS.keys()];
