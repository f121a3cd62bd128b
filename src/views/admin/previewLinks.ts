import { html } from '../html.ts';
import { csrfField } from './forms.ts';

export interface PreviewLinksModel {
  articleId: number;
  csrf: string;
  /** Links still usable, with their expiry as French text. */
  links: { id: number; expiresLabel: string; createdLabel: string }[];
  /** The link just made: shown once, since only its hash is kept. */
  created?: { url: string; expiresLabel: string } | null;
}

/**
 * The editor's « Lien d'aperçu privé » panel: make a link for someone without an account, see
 * which links still work, revoke one. Its forms sit outside the editor's form (forms do not
 * nest), so it is placed after the editor.
 */
export function previewLinksPanel(m: PreviewLinksModel): string {
  return html`<section class="preview-links" id="liens-apercu" aria-labelledby="preview-links-title">
  <h2 id="preview-links-title">Lien d’aperçu privé</h2>
  <p class="hint">Pour faire relire l’article à quelqu’un qui n’a pas de compte : le lien montre l’article tel que les lecteurs le verront, pendant 48 heures, sauf si vous le révoquez.</p>
  !${
    m.created
      ? html`<div class="preview-link-created" role="status"><p>Lien créé, valable jusqu’au ${m.created.expiresLabel}. Copiez-le maintenant : il ne sera plus affiché.</p>
  <p><input type="text" readonly class="preview-link-url" aria-label="Adresse du lien d’aperçu" value="${m.created.url}"></p></div>`
      : ''
  }
  <form method="post" action="/admin/articles/${m.articleId}/liens-apercu">!${csrfField(m.csrf)}<button type="submit" class="button">Créer un lien d’aperçu</button></form>
  !${
    m.links.length
      ? html`<ul class="preview-link-list">!${m.links
          .map(
            (l) =>
              html`<li>Lien créé le ${l.createdLabel}, valable jusqu’au ${l.expiresLabel} <form method="post" action="/admin/articles/${m.articleId}/liens-apercu/${l.id}/revoquer">!${csrfField(m.csrf)}<button type="submit" class="button secondary">Révoquer</button></form></li>`,
          )
          .join('')}</ul>`
      : html`<p class="preview-link-none">Aucun lien d’aperçu actif.</p>`
  }
</section>`;
}
