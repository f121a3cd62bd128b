import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import {
  listNewsroomArticles,
  type NewsroomQuery,
} from '../../db/repos/newsroom.ts';
import { loadNewsroomResults } from '../../db/repos/search/documents.ts';
import { parseQuery } from '../../search/query.ts';
import { listSections, listAuthors } from '../../db/repos/taxonomy.ts';
import { ARTICLE_STATUSES, isArticleStatus } from '../../domain/article.ts';
import { STATUS_LABELS } from '../../domain/statusLabels.ts';
import { formatFullDate } from '../../domain/frenchDates.ts';
import { paths } from '../../presenters/urls.ts';
import {
  newsroomScope,
  newsroomSearchScope,
} from '../../policies/newsroomScope.ts';
import {
  dashboardView,
  type DashboardRow,
} from '../../views/admin/dashboard.ts';
import { requireUser, sendAdminPage, type AdminDeps } from './context.ts';
import { okMessage } from './messages.ts';
import { recordId } from '../ids.ts';
import type { User } from '../../domain/user.ts';
import type { ArticleWithRelations } from '../../domain/articleRecord.ts';

const filtersSchema = z.object({
  q: z.string().max(200).optional().catch(undefined),
  rubrique: recordId.optional().catch(undefined),
  statut: z.string().max(20).optional().catch(undefined),
  auteur: recordId.optional().catch(undefined),
});

/**
 * The dashboard's search: words go through the French full-text index (drafts and scheduled
 * items included), limited to what the member may see; other filters alone list by date.
 */
async function findForNewsroom(
  deps: AdminDeps,
  user: User,
  q: Omit<NewsroomQuery, 'orderBy' | 'limit'>,
): Promise<ArticleWithRelations[]> {
  const parsed = q.title ? parseQuery(q.title) : null;
  if (!parsed || parsed.clauses.length === 0)
    return listNewsroomArticles(deps.db, {
      ...q,
      orderBy: 'updated_at',
      limit: 100,
    });
  const page = await deps.search.searchNewsroom(deps.db, {
    query: parsed,
    sort: 'relevance',
    limit: 100,
    offset: 0,
    now: deps.clock.now(),
    ranking: deps.config.search,
    visibility: {
      statuses: q.statuses ?? ARTICLE_STATUSES,
      ...(q.sectionId !== undefined ? { sectionIds: [q.sectionId] } : {}),
      ...newsroomSearchScope(user),
    },
  });
  const found = await loadNewsroomResults(
    deps.db,
    page.hits.map((h) => h.articleId),
  );
  return q.authorId === undefined
    ? found
    : found.filter((a) => a.authors.some((p) => p.id === q.authorId));
}

const articleSearchSchema = z.object({
  q: z.string().max(200).optional().catch(undefined),
});

export function dashboardRoutes(app: FastifyInstance, deps: AdminDeps): void {
  // The rich editor's « Lire aussi » chooser: the dashboard's search by title, as JSON, within
  // what the member may see.
  app.get('/admin/articles.json', async (request, reply) => {
    const user = requireUser(request);
    const { q } = articleSearchSchema.parse(request.query ?? {});
    const found = q?.trim()
      ? await findForNewsroom(deps, user, {
          title: q.trim(),
          scope: newsroomScope(user),
        })
      : [];
    return reply.header('Cache-Control', 'no-store').send({
      items: found.slice(0, 10).map((a) => ({
        id: a.id,
        title: a.title,
        status: STATUS_LABELS[a.status],
      })),
    });
  });
  app.get('/admin', async (request, reply) => {
    const user = requireUser(request);
    const f = filtersSchema.parse(request.query ?? {});
    const tz = deps.config.site.timeZone;
    const base: Omit<NewsroomQuery, 'orderBy' | 'limit'> = {
      ...(f.q?.trim() ? { title: f.q.trim() } : {}),
      ...(f.rubrique ? { sectionId: Number(f.rubrique) } : {}),
      ...(f.auteur ? { authorId: Number(f.auteur) } : {}),
      scope: newsroomScope(user),
    };
    const status = f.statut && isArticleStatus(f.statut) ? f.statut : null;
    const row = (a: ArticleWithRelations, when: Date | null): DashboardRow => ({
      id: a.id,
      title: a.title,
      status: a.status,
      statusLabel: STATUS_LABELS[a.status],
      section: a.section?.name ?? '—',
      authors: a.authors.map((p) => p.name).join(', '),
      when: when ? formatFullDate(when, tz) : '',
      publicUrl: a.status === 'published' ? paths.article(a.slug) : null,
    });
    const filtered = Boolean(
      status || base.title || base.sectionId || base.authorId,
    );
    const blocks = filtered
      ? [
          {
            title: 'Résultats',
            id: 'results',
            empty: 'Aucun article ne correspond à ces filtres.',
            rows: (
              await findForNewsroom(deps, user, {
                ...base,
                ...(status ? { statuses: [status] } : {}),
              })
            ).map((a) => row(a, a.updatedAt)),
          },
        ]
      : await Promise.all([
          listNewsroomArticles(deps.db, {
            ...base,
            statuses: ['draft'],
            ownedBy: user.id,
            orderBy: 'updated_at',
            limit: 30,
          }).then((items) => ({
            title: 'Mes brouillons',
            id: 'mine',
            empty: 'Aucun brouillon. Commencez un nouvel article.',
            rows: items.map((a) => row(a, a.updatedAt)),
          })),
          listNewsroomArticles(deps.db, {
            ...base,
            statuses: ['review'],
            orderBy: 'updated_at',
            limit: 50,
          }).then((items) => ({
            title: STATUS_LABELS.review,
            id: 'review',
            empty: 'Aucun article en relecture.',
            rows: items.map((a) => row(a, a.updatedAt)),
          })),
          listNewsroomArticles(deps.db, {
            ...base,
            statuses: ['scheduled'],
            orderBy: 'scheduled_at',
            direction: 'asc',
            limit: 50,
          }).then((items) => ({
            title: 'Programmés',
            id: 'scheduled',
            empty: 'Aucune publication programmée.',
            rows: items.map((a) => row(a, a.scheduledAt)),
          })),
          listNewsroomArticles(deps.db, {
            ...base,
            statuses: ['published'],
            orderBy: 'published_at',
            limit: 20,
          }).then((items) => ({
            title: 'Publiés récemment',
            id: 'published',
            empty: 'Rien de publié pour le moment.',
            rows: items.map((a) => row(a, a.publishedAt)),
          })),
        ]);
    const [sections, authors] = await Promise.all([
      listSections(deps.db),
      listAuthors(deps.db),
    ]);
    return sendAdminPage(deps, reply, user, {
      title: 'Tableau de bord',
      main: dashboardView({
        filters: {
          q: f.q ?? '',
          section: f.rubrique === undefined ? '' : String(f.rubrique),
          status: status ?? '',
          author: f.auteur === undefined ? '' : String(f.auteur),
        },
        sections,
        authors,
        statuses: ARTICLE_STATUSES.map((s) => ({
          value: s,
          label: STATUS_LABELS[s],
        })),
        blocks,
        notice:
          okMessage((request.query as Record<string, unknown>)['ok'])?.text ??
          null,
      }),
    });
  });
}
