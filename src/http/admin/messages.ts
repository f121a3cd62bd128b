import { ERRORS, type ErrorCode } from '../../errors.ts';
import {
  EDITORIAL_VERB_NAMES,
  EDITORIAL_VERBS,
} from '../../domain/editorialVerbs.ts';

/** Fixed confirmation messages named in `?ok=`; anything else shows nothing (no reflected text). */
const OK = new Map<string, string>([
  ['cree', 'Article créé.'],
  ['enregistre', 'Modifications enregistrées.'],
  ['corrige', 'Rectificatif publié.'],
  ['revision', 'Révision restaurée.'],
  ['apercu-revoque', 'Lien d’aperçu révoqué : il ne s’ouvre plus.'],
  ...EDITORIAL_VERB_NAMES.map(
    (verb) =>
      [EDITORIAL_VERBS[verb].segment, EDITORIAL_VERBS[verb].success] as [
        string,
        string,
      ],
  ),
]);

/** A Map, not an object: `?ok=constructor` must not find Object.prototype's members. */
export function okMessage(code: unknown): { text: string; kind: 'ok' } | null {
  const text = typeof code === 'string' ? OK.get(code) : undefined;
  return text ? { text, kind: 'ok' } : null;
}

/** Error codes from the catalogue, named in `?erreur=`. */
export function errorMessage(
  code: unknown,
): { text: string; kind: 'error' } | null {
  return typeof code === 'string' && Object.hasOwn(ERRORS, code)
    ? { text: ERRORS[code as ErrorCode].message, kind: 'error' }
    : null;
}
