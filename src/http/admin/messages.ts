import { ERRORS, type ErrorCode } from '../../errors.ts';

/** Fixed confirmation messages named in `?ok=`; anything else shows nothing (no reflected text). */
const OK: ReadonlyMap<string, string> = new Map(Object.entries({
  cree: 'Article créé.', enregistre: 'Modifications enregistrées.', corrige: 'Rectificatif publié.',
  soumettre: 'Article soumis à l’édition.', renvoyer: 'Article renvoyé à son auteur.', publier: 'Article publié.',
  programmer: 'Publication programmée.', deprogrammer: 'Programmation annulée.', depublier: 'Article retiré du site.',
  corbeille: 'Article mis à la corbeille.', restaurer: 'Article restauré en brouillon.', revision: 'Révision restaurée.',
}));

/** A Map, not an object: `?ok=constructor` must not find Object.prototype's members. */
export function okMessage(code: unknown): { text: string; kind: 'ok' } | null {
  const text = typeof code === 'string' ? OK.get(code) : undefined;
  return text ? { text, kind: 'ok' } : null;
}

/** Error codes from the catalogue, named in `?erreur=`. */
export function errorMessage(code: unknown): { text: string; kind: 'error' } | null {
  return typeof code === 'string' && Object.hasOwn(ERRORS, code) ? { text: ERRORS[code as ErrorCode].message, kind: 'error' } : null;
}
