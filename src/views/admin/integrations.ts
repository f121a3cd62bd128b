import { html } from '../html.ts';
import { ROLE_LABELS, type Role } from '../../domain/roles.ts';
import {
  actionButton,
  csrfField,
  field,
  flash,
  select,
  type FieldErrors,
} from './forms.ts';

export interface CredentialRow {
  id: number;
  kind: 'content' | 'admin';
  name: string;
  prefix: string;
  role: Role | null;
  sections: string;
  origins: string;
  ratePerMinute: number;
  owner: string;
  created: string;
  lastUsed: string | null;
  revoked: string | null;
  canRevoke: boolean;
}

export interface IntegrationsModel {
  rows: CredentialRow[];
  csrf: string;
  /** Admins make Content API keys; everyone makes their own Admin API tokens. */
  canCreateKeys: boolean;
  roles: Role[];
  sections: { value: number; label: string }[];
  /** The secret just made: shown this once, never again. */
  secret: { label: string; value: string } | null;
  errors: FieldErrors;
  values: Record<string, string>;
  message: string | null;
}

const kindLabel = {
  content: 'Clé Content API',
  admin: 'Jeton Admin API',
} as const;

/** Integrations: the APIs' keys and tokens, made here and shown once, revocable. */
export function integrationsView(m: IntegrationsModel): string {
  return html`<h1>Intégrations (API)</h1>
<p>Les applications, partenaires et scripts accèdent au contenu avec une <strong>clé Content API</strong> (lecture seule, contenu publié) et agissent dans la rédaction avec un <strong>jeton Admin API</strong>, qui agit en votre nom avec au plus votre rôle. Documentation : <a href="/api/reference">référence de l’API</a>.</p>
!${flash(m.message)}
!${m.secret ? html`<div class="flash flash-ok" role="status"><p>${m.secret.label}</p><p><input class="copy-link" readonly value="${m.secret.value}" aria-label="Secret à copier"></p><p class="hint">Copiez-le maintenant : il ne sera plus jamais affiché (seule son empreinte est conservée).</p></div>` : ''}
<table class="articles-table"><thead><tr><th scope="col">Nom</th><th scope="col">Type</th><th scope="col">Début du secret</th><th scope="col">Droits</th><th scope="col">Créé</th><th scope="col">Dernière utilisation</th><th scope="col">Action</th></tr></thead>
<tbody>!${m.rows.map(
    (r) => html`<tr>
  <td>${r.name}</td><td>${kindLabel[r.kind]}</td><td><code>${r.prefix}…</code></td>
  <td>!${r.kind === 'admin' ? html`${r.role ? ROLE_LABELS[r.role] : ''} pour ${r.owner}${r.sections ? html` <span class="small">(${r.sections})</span>` : ''}` : html`${r.ratePerMinute} req./min${r.origins ? html` <span class="small">CORS : ${r.origins}</span>` : ''}`}</td>
  <td>${r.created}</td><td>${r.lastUsed ?? 'jamais'}</td>
  <td>!${r.revoked ? html`Révoqué le ${r.revoked}` : r.canRevoke ? actionButton({ action: `/admin/integrations/${r.id}/revoquer`, label: 'Révoquer', csrf: m.csrf, className: 'danger', confirm: 'Révoquer ? Les requêtes faites avec ce secret seront refusées immédiatement.' }) : ''}</td>
</tr>`,
  )}</tbody></table>
<section aria-labelledby="token-title" class="card">
  <h2 id="token-title">Nouveau jeton Admin API</h2>
  <form method="post" action="/admin/integrations/jetons">
    !${csrfField(m.csrf)}
    !${field({ name: 'name', label: 'Nom (script ou partenaire)', value: m.values['kind'] === 'admin' ? m.values['name'] : '', errors: m.values['kind'] === 'admin' ? m.errors : {}, required: true })}
    !${select({ name: 'role', label: 'Rôle du jeton (au plus le vôtre)', value: m.values['role'] ?? 'journalist', errors: m.errors, options: m.roles.map((r) => ({ value: r, label: ROLE_LABELS[r] })) })}
    <div class="field"><label for="f-sectionIds">Rubriques (aucune = celles de votre compte)</label><select id="f-sectionIds" name="sectionIds" multiple>!${m.sections.map((s) => html`<option value="${s.value}">${s.label}</option>`)}</select></div>
    <button type="submit" class="button primary">Créer le jeton</button>
  </form>
</section>
!${
    m.canCreateKeys
      ? html`<section aria-labelledby="key-title" class="card">
  <h2 id="key-title">Nouvelle clé Content API</h2>
  <form method="post" action="/admin/integrations/cles">
    !${csrfField(m.csrf)}
    !${field({ name: 'name', label: 'Nom (application ou partenaire)', value: m.values['kind'] === 'content' ? m.values['name'] : '', errors: m.values['kind'] === 'content' ? m.errors : {}, required: true })}
    !${field({ name: 'corsOrigins', label: 'Origines autorisées dans un navigateur (CORS)', hint: 'Séparées par des espaces, par exemple https://app.exemple.ma ; * pour toutes ; vide pour aucune (applications mobiles, serveurs).', value: m.values['corsOrigins'], errors: m.errors })}
    !${field({ name: 'ratePerMinute', label: 'Requêtes par minute', type: 'number', value: m.values['ratePerMinute'] ?? '600', errors: m.errors, attrs: 'min="1" max="100000"' })}
    <button type="submit" class="button primary">Créer la clé</button>
  </form>
</section>`
      : ''
  }`;
}

export interface WebhookRow {
  id: number;
  name: string;
  url: string;
  events: string[];
  active: boolean;
  disabledAt: string | null;
  disabledReason: string | null;
}

/** Webhook subscriptions (admins): disabled ones are announced first, with why. */
export function webhooksView(m: {
  rows: WebhookRow[];
  types: readonly string[];
  csrf: string;
  errors: FieldErrors;
  values: Record<string, string>;
}): string {
  const disabled = m.rows.filter((r) => !r.active);
  return html`<section aria-labelledby="webhooks-title" class="card">
  <h2 id="webhooks-title">Webhooks</h2>
  !${disabled.map((r) => html`<div class="flash flash-error webhook-disabled" role="alert"><p>Le webhook « ${r.name} » a été désactivé le ${r.disabledAt ?? ''} : ${r.disabledReason ?? ''} Vérifiez le récepteur, réactivez-le, puis renvoyez les livraisons manquées depuis son journal.</p></div>`)}
  <table class="articles-table"><thead><tr><th scope="col">Nom</th><th scope="col">Adresse</th><th scope="col">Événements</th><th scope="col">État</th><th scope="col">Actions</th></tr></thead>
  <tbody>!${m.rows.map(
    (
      r,
    ) => html`<tr><td><a href="/admin/integrations/webhooks/${r.id}">${r.name}</a></td><td><code>${r.url}</code></td><td>${r.events.join(', ')}</td><td>${r.active ? 'Actif' : 'Désactivé'}</td>
    <td>!${actionButton({ action: `/admin/integrations/webhooks/${r.id}/${r.active ? 'desactiver' : 'activer'}`, label: r.active ? 'Désactiver' : 'Réactiver', csrf: m.csrf })}
    !${actionButton({ action: `/admin/integrations/webhooks/${r.id}/supprimer`, label: 'Supprimer', csrf: m.csrf, className: 'danger', confirm: 'Supprimer ce webhook et son journal ?' })}</td></tr>`,
  )}</tbody></table>
  <h3>Nouveau webhook</h3>
  <form method="post" action="/admin/integrations/webhooks">
    !${csrfField(m.csrf)}
    !${field({ name: 'webhookName', label: 'Nom', value: m.values['webhookName'], errors: m.errors, required: true })}
    !${field({ name: 'url', label: 'Adresse du récepteur (https://…)', type: 'url', value: m.values['url'], errors: m.errors, required: true })}
    <fieldset class="field${m.errors['events'] ? ' has-error' : ''}"><legend>Événements</legend>
      !${m.types.map((type) => html`<label class="checkbox"><input type="checkbox" name="events" value="${type}"> <code>${type}</code></label>`)}
      !${m.errors['events'] ? html`<p class="error">${m.errors['events']}</p>` : ''}
    </fieldset>
    <button type="submit" class="button primary">Créer le webhook</button>
  </form>
</section>`;
}

export interface DeliveryRow {
  id: number;
  type: string;
  status: string;
  attempts: number;
  created: string;
  lastStatus: string;
  duration: string;
  excerpt: string;
}

/** One webhook's delivery log: each delivery's state and last attempt, with « Renvoyer ». */
export function deliveryLogView(m: {
  name: string;
  url: string;
  rows: DeliveryRow[];
  csrf: string;
  message: string | null;
}): string {
  const label: Record<string, string> = {
    pending: 'En attente',
    delivered: 'Livré',
    failed: 'Abandonné',
  };
  return html`<h1>Journal du webhook « ${m.name} »</h1>
<p><a href="/admin/integrations">← Intégrations</a> · <code>${m.url}</code></p>
!${flash(m.message)}
<table class="articles-table"><thead><tr><th scope="col">Événement</th><th scope="col">Créé</th><th scope="col">État</th><th scope="col">Tentatives</th><th scope="col">Dernière réponse</th><th scope="col">Durée</th><th scope="col">Extrait</th><th scope="col">Action</th></tr></thead>
<tbody>!${m.rows.map(
    (
      r,
    ) => html`<tr><td><code>${r.type}</code></td><td>${r.created}</td><td>${label[r.status] ?? r.status}</td><td>${r.attempts}</td><td>${r.lastStatus}</td><td>${r.duration}</td><td><code class="small">${r.excerpt}</code></td>
  <td>!${r.status !== 'pending' ? actionButton({ action: `/admin/integrations/livraisons/${r.id}/renvoyer`, label: 'Renvoyer', csrf: m.csrf }) : ''}</td></tr>`,
  )}</tbody></table>`;
}
