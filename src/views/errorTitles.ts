/** What an error page calls each status, in the public site and the back office alike. */
const TITLES: ReadonlyMap<number, string> = new Map([
  [400, 'Requête invalide'],
  [401, 'Connexion requise'],
  [403, 'Accès refusé'],
  [404, 'Page introuvable'],
  [409, 'Action impossible pour le moment'],
  [410, 'Article retiré'],
  [413, 'Envoi trop volumineux'],
  [429, 'Trop de tentatives'],
  [503, 'Service momentanément indisponible'],
]);

export function errorTitle(status: number): string {
  return (
    TITLES.get(status) ??
    (status >= 500 ? 'Erreur du serveur' : 'Requête invalide')
  );
}
