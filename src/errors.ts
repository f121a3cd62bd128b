/**
 * The error catalogue: every error a user can meet has a stable code, an HTTP status and a
 * public message in French. Callers branch on `code`, never on the message.
 */
export const ERRORS = {
  not_found: { status: 404, message: 'La page demandée est introuvable.' },
  gone: { status: 410, message: 'Cet article a été retiré.' },
  invalid_input: {
    status: 400,
    message: 'Certaines informations saisies ne sont pas valides.',
  },
  invalid_page: { status: 400, message: 'Ce numéro de page n’est pas valide.' },
  invalid_schedule: {
    status: 400,
    message:
      'Indiquez une date (jj/mm/aaaa) et une heure sur 24 heures (hh:mm) de publication à venir.',
  },
  invalid_search: {
    status: 400,
    message:
      'Cette recherche n’est pas valide : vérifiez la rubrique, les dates et le tri.',
  },
  publish_warnings: {
    status: 409,
    message:
      'Rien n’a été publié : la liste de contrôle signale des points à vérifier. Relisez-les, puis confirmez pour publier quand même.',
  },
  invalid_transition: {
    status: 409,
    message: 'Cette action n’est pas possible dans l’état actuel de l’article.',
  },
  precondition_failed: {
    status: 412,
    message:
      'Cet article a changé depuis la version indiquée (If-Match) : relisez-le, rien n’a été écrasé.',
  },
  precondition_required: {
    status: 428,
    message:
      'Indiquez la version de l’article que vous modifiez (en-tête If-Match).',
  },
  stale_version: {
    status: 409,
    message:
      'Quelqu’un a enregistré cet article après que vous l’avez ouvert : vos modifications n’ont pas été écrasées.',
  },
  likely_duplicate: {
    status: 409,
    message:
      'Rien n’a été publié : cet article ressemble fortement à un article récent (doublon probable). Ouvrez l’autre article, ou faites confirmer la publication par un éditeur (« Publier quand même »).',
  },
  slug_taken: {
    status: 409,
    message: 'Cette adresse (slug) est déjà utilisée par un autre article.',
  },
  unauthenticated: { status: 401, message: 'Veuillez vous connecter.' },
  forbidden: {
    status: 403,
    message: 'Vous n’avez pas le droit d’effectuer cette action.',
  },
  csrf: {
    status: 403,
    message: 'Le formulaire a expiré. Rechargez la page et réessayez.',
  },
  payload_too_large: {
    status: 413,
    message:
      'Le contenu envoyé est trop volumineux : 1 Mo au plus pour un formulaire (le texte d’un article en fait rarement plus de 100 Ko).',
  },
  rate_limited: {
    status: 429,
    message: 'Trop de tentatives. Réessayez dans quelques minutes.',
  },
  live_too_many_for_address: {
    status: 429,
    message:
      'Trop de connexions au direct depuis votre adresse. Fermez quelques onglets et réessayez.',
  },
  live_full: {
    status: 503,
    message:
      'Le direct est momentanément saturé. La page se mettra à jour dès qu’une place se libère ; vous pouvez aussi la recharger.',
  },
  invalid_last_event_id: {
    status: 400,
    message: 'L’identifiant du dernier événement reçu n’est pas valide.',
  },
  unavailable: {
    status: 503,
    message:
      'Le journal est momentanément indisponible. Réessayez dans quelques secondes : la page se rechargera normalement.',
  },
  media_rejected: {
    status: 422,
    message: 'Ce fichier n’a pas été accepté comme image.',
  },
  media_too_large: { status: 413, message: 'Ce fichier est trop lourd.' },
  media_in_use: {
    status: 409,
    message:
      'Cette image est utilisée par des articles : confirmez la suppression, ou retirez-la d’abord de ces articles.',
  },
  internal: {
    status: 500,
    message:
      'Une erreur interne est survenue. L’équipe technique a été prévenue.',
  },
} as const satisfies Record<string, { status: number; message: string }>;

export type ErrorCode = keyof typeof ERRORS;

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  /** Per-field messages, for forms. */
  readonly fields: Record<string, string>;

  constructor(
    code: ErrorCode,
    options: {
      message?: string;
      fields?: Record<string, string>;
      cause?: unknown;
    } = {},
  ) {
    super(options.message ?? ERRORS[code].message, { cause: options.cause });
    this.code = code;
    this.status = ERRORS[code].status;
    this.fields = options.fields ?? {};
  }

  /** Only server faults are worth an operator's attention. */
  get isReportable(): boolean {
    return this.status >= 500;
  }
}
