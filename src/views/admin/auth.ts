import { html } from '../html.ts';
import { csrfField, field, flash, type FieldErrors } from './forms.ts';

export function loginView(o: {
  csrf: string;
  email: string;
  error: string | null;
  next: string;
  notice?: string | null;
}): string {
  return html`<div class="auth-box">
  <h1>Connexion à la rédaction</h1>
  !${flash(o.notice ?? null)}
  !${flash(o.error, 'error')}
  <form method="post" action="/admin/connexion">
    !${csrfField(o.csrf)}
    <input type="hidden" name="next" value="${o.next}">
    !${field({ name: 'email', label: 'Adresse e-mail', type: 'email', value: o.email, required: true, attrs: 'autocomplete="username"' })}
    !${field({ name: 'password', label: 'Mot de passe', type: 'password', required: true, attrs: 'autocomplete="current-password"' })}
    <button type="submit" class="button primary">Se connecter</button>
  </form>
  <p class="hint">Mot de passe oublié ? Demandez un lien de réinitialisation à un administrateur.</p>
</div>`;
}

export function setupView(o: {
  csrf: string;
  token: string;
  values: { email: string; displayName: string };
  errors: FieldErrors;
  message: string | null;
}): string {
  return html`<div class="auth-box">
  <h1>Installation : compte propriétaire</h1>
  <p>Ce compte administre le site et ne peut pas être supprimé. Il n’y en a qu’un.</p>
  !${flash(o.message, 'error')}
  <form method="post" action="/admin/setup">
    !${csrfField(o.csrf)}
    <input type="hidden" name="token" value="${o.token}">
    !${field({ name: 'displayName', label: 'Nom affiché (signature)', value: o.values.displayName, errors: o.errors, required: true })}
    !${field({ name: 'email', label: 'Adresse e-mail', type: 'email', value: o.values.email, errors: o.errors, required: true, attrs: 'autocomplete="username"' })}
    !${field({ name: 'password', label: 'Mot de passe', type: 'password', errors: o.errors, hint: 'Au moins 10 caractères.', required: true, attrs: 'autocomplete="new-password"' })}
    <button type="submit" class="button primary">Créer le compte</button>
  </form>
</div>`;
}

export function passwordView(o: {
  csrf: string;
  token: string;
  errors: FieldErrors;
  message: string | null;
}): string {
  return html`<div class="auth-box">
  <h1>Choisir un mot de passe</h1>
  !${flash(o.message, 'error')}
  <form method="post" action="/admin/mot-de-passe">
    !${csrfField(o.csrf)}
    <input type="hidden" name="token" value="${o.token}">
    !${field({ name: 'password', label: 'Nouveau mot de passe', type: 'password', errors: o.errors, hint: 'Au moins 10 caractères.', required: true, attrs: 'autocomplete="new-password"' })}
    <button type="submit" class="button primary">Enregistrer</button>
  </form>
</div>`;
}

export function invalidLinkView(message: string): string {
  return html`<div class="auth-box"><h1>Lien non valable</h1><p>${message}</p><p><a href="/admin/connexion">Aller à la connexion</a></p></div>`;
}
