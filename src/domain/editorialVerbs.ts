import type { ArticleStatus } from './article.ts';

/** Everything the product says and does about one editorial verb, in one place. */
export interface VerbSpec {
  /** The French URL segment: `POST /admin/articles/:id/<segment>`, and `?ok=<segment>` after it. */
  segment: string;
  /** The editor's button. */
  label: string;
  className?: 'primary' | 'danger';
  /** Asked before the form is sent (the editor script shows it). */
  confirm?: string;
  /** The form carries a note for the writer (`note`) or a date (`at`). */
  needs?: 'note' | 'date';
  /** Shown on the editor page once the verb has been carried out. */
  success: string;
  /** How the audit log words it (« Samira a publié … »); null keeps it out of the audit log. */
  audit: string | null;
  /** The event the verb records; processors subscribe to these names. */
  event: `articles.${string}`;
  /** The states it may start from, and the state it leads to: the article lifecycle's only table. */
  from: readonly ArticleStatus[];
  to: ArticleStatus;
}

/**
 * The editorial verbs that move an article between states. A new verb is an entry here, its command
 * (`commands/<verb>Article.ts`), its route handler (`http/admin/verbRoutes.ts`) and its policy rule
 * (`policies/article.ts`); the last two are `Record<EditorialVerb, …>`, so the compiler asks for them.
 */
export const EDITORIAL_VERBS = {
  submit: {
    segment: 'soumettre',
    label: 'Envoyer en relecture',
    success: 'Article envoyé en relecture.',
    audit: null,
    event: 'articles.submit',
    from: ['draft'],
    to: 'review',
  },
  return: {
    segment: 'renvoyer',
    label: 'Renvoyer à l’auteur',
    needs: 'note',
    success: 'Article renvoyé à son auteur.',
    audit: null,
    event: 'articles.return',
    from: ['review'],
    to: 'draft',
  },
  publish: {
    segment: 'publier',
    label: 'Publier maintenant',
    className: 'primary',
    confirm: 'Publier cet article maintenant ?',
    success: 'Article publié.',
    audit: 'a publié',
    event: 'articles.publish',
    from: ['draft', 'review', 'scheduled', 'unpublished'],
    to: 'published',
  },
  schedule: {
    segment: 'programmer',
    label: 'Programmer',
    needs: 'date',
    success: 'Publication programmée.',
    audit: 'a programmé',
    event: 'articles.schedule',
    from: ['draft', 'review', 'unpublished'],
    to: 'scheduled',
  },
  unschedule: {
    segment: 'deprogrammer',
    label: 'Déprogrammer',
    success: 'Programmation annulée.',
    audit: 'a déprogrammé',
    event: 'articles.unschedule',
    from: ['scheduled'],
    to: 'draft',
  },
  unpublish: {
    segment: 'depublier',
    label: 'Dépublier',
    className: 'danger',
    confirm:
      'Retirer cet article du site ? Son adresse répondra « article retiré ».',
    success: 'Article retiré du site.',
    audit: 'a dépublié',
    event: 'articles.unpublish',
    from: ['published'],
    to: 'unpublished',
  },
  trash: {
    segment: 'corbeille',
    label: 'Mettre à la corbeille',
    className: 'danger',
    confirm: 'Mettre cet article à la corbeille ?',
    success: 'Article mis à la corbeille.',
    audit: 'a mis à la corbeille',
    event: 'articles.trash',
    from: ['draft', 'review', 'scheduled', 'unpublished'],
    to: 'trashed',
  },
  restore: {
    segment: 'restaurer',
    label: 'Restaurer',
    success: 'Article restauré en brouillon.',
    audit: 'a restauré',
    event: 'articles.restore',
    from: ['trashed'],
    to: 'draft',
  },
} as const satisfies Record<string, VerbSpec>;

export type EditorialVerb = keyof typeof EDITORIAL_VERBS;
/** The event names the verbs record, as literal types. */
export type VerbEventName = (typeof EDITORIAL_VERBS)[EditorialVerb]['event'];

/** Every verb, in the order the editor shows their buttons. */
export const EDITORIAL_VERB_NAMES = Object.keys(
  EDITORIAL_VERBS,
) as EditorialVerb[];
