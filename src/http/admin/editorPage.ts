import type { FastifyReply } from 'fastify';
import { articleEditions, findEdition } from '../../db/repos/editions.ts';
import { direction } from '../../domain/editions.ts';
import { findMediaById } from '../../db/repos/media.ts';
import { presentPicture } from '../../presenters/picture.ts';
import { listAuthors, listSections } from '../../db/repos/taxonomy.ts';
import { readSettings } from '../../db/repos/settings.ts';
import { articleFacts } from '../../commands/articleAccess.ts';
import { canOnArticle, type ArticleAction } from '../../policies/article.ts';
import { nextStatus } from '../../domain/article.ts';
import {
  EDITORIAL_VERB_NAMES,
  EDITORIAL_VERBS,
  type VerbSpec,
} from '../../domain/editorialVerbs.ts';
import { STATUS_LABELS } from '../../domain/statusLabels.ts';
import { formatFullDate, toFrenchFields } from '../../domain/frenchDates.ts';
import { paths } from '../../presenters/urls.ts';
import {
  editorView,
  type EditorAction,
  type EditorModel,
  type EditorValues,
} from '../../views/admin/editor.ts';
import type { FieldErrors } from '../../views/admin/forms.ts';
import { csrfToken, sendAdminPage, type AdminDeps } from './context.ts';
import { buildEditorialPanel } from './editorialPanel.ts';
import type { User } from '../../domain/user.ts';
import { atLeast } from '../../domain/roles.ts';
import type { ArticleWithRelations } from '../../domain/articleRecord.ts';
import { runPublishChecks } from '../../commands/publishChecks.ts';
import { publishChecklist } from '../../views/admin/publishChecklist.ts';
import { candidateFromForm } from './publishCheckRoutes.ts';
import { previewLinksSection } from './previewLinkPanel.ts';
import { commentThreadFor } from './commentRoutes.ts';

/** A verb's button in the editor, as the verb table describes it. */
function editorAction(spec: VerbSpec): EditorAction {
  return {
    verb: spec.segment,
    label: spec.label,
    ...(spec.className ? { className: spec.className } : {}),
    ...(spec.confirm ? { confirm: spec.confirm } : {}),
    ...(spec.needs === 'note' ? { needsNote: true } : {}),
    ...(spec.needs === 'date' ? { needsDate: true } : {}),
  };
}

/** Newsroom authors for the byline selects: staff and guests. */
async function authorOptions(services: AdminDeps) {
  const authors = await listAuthors(services.db);
  return authors.map((a) => ({
    value: a.id,
    label: a.userId === null ? `${a.name} (invité)` : a.name,
  }));
}

export interface EditorState {
  article: ArticleWithRelations | null;
  values: EditorValues;
  errors?: FieldErrors;
  message?: { text: string; kind: 'ok' | 'error' } | null;
  conflict?: EditorModel['conflict'];
  status?: number;
  /** A private preview link just made, shown once. */
  createdPreviewLink?: { url: string; expiresAt: Date } | null;
}

/** Renders the editor for `user`, offering only the actions their policy allows right now. */
export async function sendEditor(
  services: AdminDeps,
  reply: FastifyReply,
  user: User,
  state: EditorState,
): Promise<FastifyReply> {
  const { site } = services.config;
  const [sections, authors, settings] = await Promise.all([
    listSections(services.db),
    authorOptions(services),
    readSettings(services.db),
  ]);
  const a = state.article;
  let actions: EditorAction[] = [];
  let canSave = true;
  let canOverrideDuplicate = false;
  if (a) {
    const facts = await articleFacts(services.db, a);
    const allowed = (action: ArticleAction) =>
      canOnArticle(user, action, facts, settings);
    canOverrideDuplicate = allowed('overrideDuplicate');
    actions = EDITORIAL_VERB_NAMES.filter(
      (verb) => nextStatus(a.status, verb) !== null && allowed(verb),
    ).map((verb) => editorAction(EDITORIAL_VERBS[verb]));
    canSave =
      allowed('update') || (a.status === 'published' && allowed('correct'));
  }
  const inAnHour = new Date(services.clock.now().getTime() + 3_600_000);
  const v = state.values;
  const panel = await buildEditorialPanel({
    db: services.db,
    user,
    settings,
    now: services.clock.now(),
    timeZone: site.timeZone,
    tags: v.tags,
    text: { title: v.title, lead: v.lead, body: v.bodySource },
    articleId: a?.id ?? null,
    sections: sections.map((s) => ({ id: s.id, name: s.name })),
  });
  const model: EditorModel = {
    article: a
      ? {
          id: a.id,
          version: a.version,
          status: a.status,
          statusLabel: STATUS_LABELS[a.status],
          publicUrl: a.status === 'published' ? paths.article(a.slug) : null,
          returnNote: a.status === 'draft' ? a.returnNote : null,
          scheduledLabel:
            a.status === 'scheduled' && a.scheduledAt
              ? formatFullDate(a.scheduledAt, site.timeZone)
              : null,
        }
      : null,
    values: state.values,
    errors: state.errors ?? {},
    message: state.message ?? null,
    conflict: state.conflict ?? null,
    canSave,
    actions,
    sections: sections.map((s) => ({ value: s.id, label: s.name })),
    authors,
    csrf: await csrfToken(reply),
    scheduleDefault: toFrenchFields(inAnHour, site.timeZone),
    panel,
    canOverrideDuplicate,
    coverPreview: await coverPreviewOf(services, v.coverMediaId),
    rawHtml: atLeast(user.role, 'editor'),
  };
  const checklist = publishChecklist({
    checks: await runPublishChecks(
      services.db,
      candidateFromForm(v, a?.id ?? null),
      { now: services.clock.now(), siteUrl: site.url },
    ),
    article: a ? { id: a.id, version: a.version } : null,
    canPublish: actions.some((x) => x.verb === EDITORIAL_VERBS.publish.segment),
    csrf: model.csrf,
  });
  return sendAdminPage(services, reply, user, {
    title: a ? `Modifier : ${a.title}` : 'Nouvel article',
    ...(a ? { dir: await articleDirection(services, a.id) } : {}),
    main:
      withNewsroomTools(
        editorView(model),
        checklist +
          // The editor is only drawn for members who may read the article: they may comment.
          (a ? await commentThreadFor(services, user, a.id, model.csrf) : ''),
      ) +
      (a && canSave
        ? await previewLinksSection(services, {
            articleId: a.id,
            csrf: model.csrf,
            created: state.createdPreviewLink ?? null,
          })
        : ''),
    scripts: [
      services.assets.richEditorScript,
      services.assets.editorScript,
      services.assets.mediaScript,
      services.assets.newsroomToolsScript,
    ],
    ...(state.status ? { status: state.status } : {}),
  });
}

/** The direction of the article's edition's language: the editor mirrors for Arabic copy. */
async function articleDirection(
  services: AdminDeps,
  articleId: number,
): Promise<'rtl' | 'ltr'> {
  const [info] = await articleEditions(services.db, [articleId]);
  const edition = info ? await findEdition(services.db, info.edition) : null;
  return edition ? direction(edition.language) : 'ltr';
}

/** The thumbnail of the library cover the form names, if it still exists. */
async function coverPreviewOf(
  services: AdminDeps,
  coverMediaId: string,
): Promise<string | null> {
  if (!/^\d{1,9}$/.test(coverMediaId)) return null;
  const media = await findMediaById(services.db, Number(coverMediaId));
  return media
    ? presentPicture(media, '4:3', { fallbackWidth: 320 }).src
    : null;
}

/**
 * The newsroom tools' two elements in the editor: who else has the article open
 * (`#editor-presence`, under the title) and the publish checklist (`#publish-checklist`, at the
 * top of the side column, followed by the newsroom's comments). Placed here, not in the editor view, so the view can change freely;
 * should its landmarks move, they go at the end of the page rather than nowhere.
 */
function withNewsroomTools(page: string, checklist: string): string {
  const presence =
    '<p id="editor-presence" class="editor-presence" aria-live="polite" hidden></p>';
  const afterTitle = page.indexOf('</h1>');
  const out =
    afterTitle < 0
      ? page + presence
      : page.slice(0, afterTitle + 5) + presence + page.slice(afterTitle + 5);
  const side = /<section class="preview"[^>]*>/.exec(out);
  if (!side) return out + checklist;
  const at = side.index + side[0].length;
  return out.slice(0, at) + checklist + out.slice(at);
}
