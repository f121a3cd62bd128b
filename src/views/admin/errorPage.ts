import { html } from '../html.ts';
import { errorTitle } from '../errorTitles.ts';

/** A back-office error: what happened, in the newsroom's words, and where to go next. */
export function adminErrorView(
  status: number,
  message: string,
  signedIn: boolean,
): string {
  const next =
    status === 401 || !signedIn
      ? html`<li><a href="/admin/connexion">Se connecter</a></li>`
      : html`<li><a href="/admin">Revenir au tableau de bord</a></li>`;
  const explanation =
    status === 403 &&
    message === 'Vous n’avez pas le droit d’effectuer cette action.'
      ? 'Votre rôle ne permet pas d’ouvrir cette page ou d’effectuer cette action. Demandez à un administrateur si vous en avez besoin.'
      : message;
  return html`<section class="admin-error">
  <p class="error-code">Erreur ${status}</p>
  <h1>${errorTitle(status)}</h1>
  <p>${explanation}</p>
  <ul class="error-links">!${next}</ul>
</section>`;
}
