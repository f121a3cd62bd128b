import { html } from '../html.ts';
import type { CommentLine } from '../../presenters/comment.ts';
import { csrfField } from './forms.ts';

/** A comment's words: escaped text, line breaks kept, mentions set apart. */
function words(line: CommentLine): string {
  return line.parts
    .map((p) =>
      p.mention
        ? html`<strong class="mention">${p.text}</strong>`
        : html`${p.text}`.replaceAll('\n', '<br>'),
    )
    .join('');
}

function commentItem(articleId: number, c: CommentLine, csrf: string): string {
  const base = `/admin/articles/${articleId}/commentaires/${c.id}`;
  return html`<li class="comment!${c.resolved ? ' comment-resolved' : ''}" id="commentaire-${c.id}">
  <p class="comment-meta"><strong>${c.author}</strong> · <time>${c.when}</time></p>
  <p class="comment-text">!${words(c)}</p>
  !${c.resolved ? html`<p class="hint">${c.resolved}</p>` : ''}
  <div class="comment-actions">!${c.resolved ? '' : html`<form method="post" action="${base}/resoudre" class="inline-form" data-comment-action>!${csrfField(csrf)}<button type="submit" class="link-button">Marquer comme résolu</button></form>`}!${c.mine ? html` <form method="post" action="${base}/supprimer" class="inline-form" data-comment-action data-comment-confirm="Supprimer ce commentaire ?">!${csrfField(csrf)}<button type="submit" class="link-button">Supprimer</button></form>` : ''}</div>
</li>`;
}

/** The newsroom's thread on one article (never shown to readers), with the form to add to it. */
export function commentThread(m: {
  articleId: number;
  comments: CommentLine[];
  csrf: string;
  maxChars: number;
  error?: string | null;
  draft?: string;
}): string {
  const open = m.comments.filter((c) => !c.resolved).length;
  return html`<section class="comments" id="commentaires" aria-labelledby="comments-title" data-comments>
  <h2 id="comments-title">Commentaires de la rédaction <span class="comments-count">${open === 0 ? '' : `(${open})`}</span></h2>
  <p class="hint">Visibles par la rédaction seulement. Tapez @ suivi d’un nom pour prévenir un collègue.</p>
  !${m.comments.length ? html`<ol class="comment-list">!${m.comments.map((c) => commentItem(m.articleId, c, m.csrf))}</ol>` : html`<p class="comments-empty">Aucun commentaire pour l’instant.</p>`}
  <form method="post" action="/admin/articles/${m.articleId}/commentaires" class="comment-form" data-comment-form>
    !${csrfField(m.csrf)}
    <label for="comment-text">Nouveau commentaire</label>
    <textarea id="comment-text" name="texte" rows="3" maxlength="${m.maxChars}" required autocomplete="off" aria-describedby="comment-error" aria-autocomplete="list" aria-controls="mention-list" data-mentions>${m.draft ?? ''}</textarea>
    <ul class="mention-list" id="mention-list" role="listbox" aria-label="Membres de la rédaction" hidden></ul>
    <p class="error" id="comment-error" role="alert"!${m.error ? '' : ' hidden'}>${m.error ?? ''}</p>
    <p><button type="submit" class="button">Publier le commentaire</button></p>
  </form>
</section>`;
}
