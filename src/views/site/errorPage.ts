import { html } from '../html.ts';
import { errorTitle } from '../errorTitles.ts';

/** 404, 410 and other reader-facing errors: a French explanation and ways forward. */
export function errorView(status: number, message: string): string {
  const title = errorTitle(status);
  const explanation =
    status === 404
      ? 'L’adresse demandée ne correspond à aucune page. Elle a peut-être été mal saisie, ou la page a été déplacée.'
      : status === 410
        ? 'Cet article a été retiré par la rédaction et n’est plus disponible.'
        : message;
  return html`<div class="error-page">
  <p class="error-code">Erreur ${status}</p>
  <h1>${title}</h1>
  <p>${explanation}</p>
  <ul class="error-links">
    <li><a href="/">Revenir à l’accueil</a></li>
  </ul>
</div>`;
}
