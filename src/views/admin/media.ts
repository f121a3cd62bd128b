import { html } from '../html.ts';
import {
  checkbox,
  csrfField,
  field,
  flash,
  select,
  textarea,
  type FieldErrors,
} from './forms.ts';
import { pagination } from '../site/partials.ts';
import { pictureTag } from '../site/picture.ts';
import type { PictureView } from '../../presenters/picture.ts';
import type { RATIOS, Rect } from '../../domain/pictures.ts';

export interface MediaCard {
  id: number;
  url: string;
  fileName: string;
  caption: string;
  credit: string;
  width: number;
  height: number;
  uses: number;
  uploaded: string;
  thumb: PictureView;
}

export interface MediaLibraryModel {
  cards: MediaCard[];
  total: number;
  page: number;
  pageCount: number;
  basePath: string;
  filters: {
    q: string;
    uploader: string;
    orientation: string;
    used: string;
    from: string;
    until: string;
  };
  uploaders: { value: number; label: string }[];
  csrf: string;
  message: { text: string; kind: 'ok' | 'error' } | null;
}

/** The drop zone: drag and drop, paste, or choose several files; one progress bar per file (assets/media.ts). */
export function uploadZone(o: {
  url: string;
  csrf: string;
  purpose?: 'cover' | 'any';
  label?: string;
}): string {
  return html`<div class="dropzone" data-upload-url="${o.url}" data-csrf="${o.csrf}" data-purpose="${o.purpose ?? 'any'}">
  <p><strong>${o.label ?? 'Déposez vos photos ici'}</strong>, collez-les (Ctrl+V) ou <label class="link-button">choisissez-les<input type="file" class="visually-hidden" accept="image/jpeg,image/png,image/webp,image/avif,image/gif" multiple></label>.</p>
  <p class="hint">JPEG, PNG, WebP, AVIF ou GIF. Une image de couverture doit faire au moins 1 200 pixels de large.</p>
  <ul class="upload-list" aria-live="polite"></ul>
</div>`;
}

/** The library: upload, search and filters, a grid of thumbnails. */
export function mediaLibraryView(m: MediaLibraryModel): string {
  const f = m.filters;
  return html`<h1>Photothèque</h1>
!${m.message ? flash(m.message.text, m.message.kind) : ''}
!${uploadZone({ url: '/admin/medias', csrf: m.csrf })}
<form method="get" action="/admin/medias" class="media-filters" role="search">
  !${field({ name: 'q', label: 'Rechercher (légende, crédit, texte alternatif, nom du fichier)', value: f.q, type: 'search' })}
  !${select({ name: 'uploader', label: 'Envoyée par', value: f.uploader, options: m.uploaders, empty: 'Tout le monde' })}
  !${select({
    name: 'orientation',
    label: 'Orientation',
    value: f.orientation,
    options: [
      { value: 'landscape', label: 'Paysage' },
      { value: 'portrait', label: 'Portrait' },
      { value: 'square', label: 'Carrée' },
    ],
    empty: 'Toutes',
  })}
  !${select({
    name: 'used',
    label: 'Utilisation',
    value: f.used,
    options: [
      { value: 'oui', label: 'Utilisées' },
      { value: 'non', label: 'Inutilisées' },
    ],
    empty: 'Toutes',
  })}
  !${field({ name: 'du', label: 'Du', value: f.from, type: 'date' })}
  !${field({ name: 'au', label: 'Au', value: f.until, type: 'date' })}
  <button type="submit" class="button">Filtrer</button>
</form>
<p class="hint">${m.total.toLocaleString('fr-FR')} image${m.total > 1 ? 's' : ''}</p>
<ul class="media-grid">
  !${m.cards.map(
    (c) => html`<li class="media-card" data-media-id="${String(c.id)}">
    <a href="${c.url}">!${pictureTag(c.thumb, { sizes: '220px' })}<span class="media-name">${c.fileName}</span></a>
    <span class="hint">${c.width} × ${c.height} · ${c.uses ? `utilisée ${c.uses} fois` : 'inutilisée'} · ${c.uploaded}</span>
    !${c.credit ? html`<span class="hint">${c.credit}</span>` : ''}
  </li>`,
  )}
</ul>
!${m.cards.length === 0 ? '<p>Aucune image ne correspond.</p>' : ''}
!${pagination(m.basePath, m.page, m.pageCount)}`;
}

export interface MediaEditModel {
  id: number;
  version: number;
  fileName: string;
  width: number;
  height: number;
  bytes: number;
  mimeType: string;
  uploaded: string;
  large: PictureView;
  focal: { x: number; y: number };
  crops: {
    ratio: (typeof RATIOS)[number];
    rect: Rect;
    manual: boolean;
    preview: PictureView;
  }[];
  values: {
    alt: string;
    decorative: boolean;
    caption: string;
    credit: string;
    copyright: string;
    usageNotes: string;
  };
  uses: { title: string; url: string; role: string; status: string }[];
  errors: FieldErrors;
  message: { text: string; kind: 'ok' | 'error' } | null;
  csrf: string;
  canUpdate: boolean;
  canReplace: boolean;
  canDelete: boolean;
}

/** One picture: focal point (click the picture), crops, description, where it is used, replace, delete. */
export function mediaEditView(m: MediaEditModel): string {
  const v = m.values;
  return html`<h1>Image : ${m.fileName}</h1>
!${m.message ? flash(m.message.text, m.message.kind) : ''}
<p class="meta">${m.width} × ${m.height} pixels · ${m.mimeType} · ${(m.bytes / 1024).toLocaleString('fr-FR', { maximumFractionDigits: 0 })} Ko · envoyée ${m.uploaded}</p>
<div class="media-edit">
<form method="post" action="/admin/medias/${m.id}" id="media-form" class="media-form">
  !${csrfField(m.csrf)}<input type="hidden" name="version" value="${m.version}">
  <div class="focal-picker" data-focal-picker>
    <p class="hint" id="focal-hint">Cliquez sur le sujet de la photo : les recadrages 16:9, 4:3 et 1:1 se centrent sur ce point.</p>
    <div class="focal-frame">!${pictureTag(m.large, { sizes: '(min-width: 1000px) 640px, 100vw', priority: true })}<span class="focal-marker" aria-hidden="true" hidden></span></div>
    <div class="row">
      !${field({ name: 'focalX', label: 'Point d’intérêt, horizontal (0 à 1)', value: m.focal.x.toFixed(4), errors: m.errors, attrs: 'inputmode="decimal" aria-describedby="focal-hint"' })}
      !${field({ name: 'focalY', label: 'Point d’intérêt, vertical (0 à 1)', value: m.focal.y.toFixed(4), errors: m.errors, attrs: 'inputmode="decimal"' })}
    </div>
    !${m.errors['focal'] ? html`<p class="error">${m.errors['focal']}</p>` : ''}
  </div>
  !${field({ name: 'alt', label: 'Texte alternatif (ce que montre l’image)', value: v.alt, errors: m.errors, hint: 'Obligatoire pour publier l’image en couverture, sauf image décorative.', attrs: 'maxlength="500"' })}
  !${checkbox({ name: 'decorative', label: 'Image décorative (n’apporte pas d’information : pas de texte alternatif)', checked: v.decorative })}
  !${textarea({ name: 'caption', label: 'Légende', value: v.caption, errors: m.errors, rows: 2, attrs: 'maxlength="1000"' })}
  !${field({ name: 'credit', label: 'Crédit', value: v.credit, errors: m.errors, hint: 'Par exemple « Photo : Nom / MAP ».', attrs: 'maxlength="300"' })}
  !${field({ name: 'copyright', label: 'Source et droits', value: v.copyright, errors: m.errors, attrs: 'maxlength="500"' })}
  !${textarea({ name: 'usageNotes', label: 'Conditions d’utilisation', value: v.usageNotes, errors: m.errors, rows: 2, attrs: 'maxlength="1000"' })}
  <fieldset class="crops"><legend>Recadrages</legend>
    <p class="hint">Chaque recadrage suit le point d’intérêt. Pour en ajuster un à la main, faites glisser son cadre sur la photo (la poignée en bas à droite l’agrandit ; au clavier : flèches pour déplacer, + et − pour agrandir ou réduire), ou changez sa position et sa largeur (en pixels de l’original) ; videz les champs pour revenir au point d’intérêt.</p>
    !${m.crops.map((c) => {
      const k = c.ratio.replace(':', 'x');
      return html`<div class="crop" data-ratio="${c.ratio}">
      <p><strong>${c.ratio}</strong>${c.manual ? ' (réglé à la main)' : ''}</p>
      <div class="crop-editor" data-crop-editor data-ratio="${c.ratio}" data-width="${String(m.width)}" data-height="${String(m.height)}">!${pictureTag(m.large, { sizes: '320px' })}<span class="crop-frame" tabindex="0" role="group" aria-label="Cadre ${c.ratio} : faites-le glisser"><span class="crop-handle" aria-hidden="true"></span></span></div>
      !${pictureTag(c.preview, { sizes: '200px' })}
      <div class="row">
        !${field({ name: `crop-${k}-x`, label: 'Gauche', value: c.manual ? c.rect.x : '', errors: m.errors, type: 'number', attrs: `min="0" max="${m.width}" placeholder="${c.rect.x}"` })}
        !${field({ name: `crop-${k}-y`, label: 'Haut', value: c.manual ? c.rect.y : '', type: 'number', attrs: `min="0" max="${m.height}" placeholder="${c.rect.y}"` })}
        !${field({ name: `crop-${k}-width`, label: 'Largeur', value: c.manual ? c.rect.width : '', type: 'number', attrs: `min="32" max="${m.width}" placeholder="${c.rect.width}"` })}
      </div>
      !${m.errors[`crop-${c.ratio}`] ? html`<p class="error">${m.errors[`crop-${c.ratio}`]}</p>` : ''}
    </div>`;
    })}
  </fieldset>
  <p class="save-bar">!${m.canUpdate ? '<button type="submit" class="button primary">Enregistrer</button>' : '<span class="hint">Seuls son auteur et les éditeurs peuvent modifier cette image.</span>'}</p>
</form>
<aside class="media-side">
  <section aria-labelledby="uses-title"><h2 id="uses-title">Où elle est utilisée</h2>
    !${m.uses.length ? html`<ul>!${m.uses.map((u) => html`<li><a href="${u.url}">${u.title}</a> — ${u.role} (${u.status})</li>`)}</ul>` : '<p>Nulle part pour l’instant.</p>'}
  </section>
  !${
    m.canReplace
      ? html`<section aria-labelledby="replace-title"><h2 id="replace-title">Remplacer le fichier</h2>
    <p class="hint">Le nouveau fichier prend la place de l’ancien partout où l’image est utilisée ; la description est gardée.</p>
    !${uploadZone({ url: `/admin/medias/${m.id}/remplacer`, csrf: m.csrf, label: 'Déposez le nouveau fichier ici' })}
  </section>`
      : ''
  }
  !${
    m.canDelete
      ? html`<section aria-labelledby="delete-title"><h2 id="delete-title">Supprimer</h2>
    <form method="post" action="/admin/medias/${m.id}/supprimer">
      !${csrfField(m.csrf)}
      !${m.uses.length ? checkbox({ name: 'confirmUses', label: `Je confirme : retirer cette image des ${m.uses.length} article(s) ci-dessus`, checked: false }) : ''}
      <button type="submit" class="button danger">Supprimer l’image</button>
    </form>
  </section>`
      : ''
  }
</aside>
</div>`;
}
