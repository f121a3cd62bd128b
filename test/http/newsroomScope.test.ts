import { test } from 'node:test';
import assert from 'node:assert/strict';
import { describeEachDialect } from '../support/databases.ts';
import { buildTestApp, type TestApp } from '../support/app.ts';
import {
  buildArticle,
  buildAuthor,
  type ArticleState,
} from '../support/factories.ts';
import { buildUser } from '../support/newsroom.ts';
import { ARTICLE_STATUSES } from '../../src/domain/article.ts';
import { ROLES } from '../../src/domain/roles.ts';
import { DEFAULT_SETTINGS } from '../../src/domain/settings.ts';
import type { User } from '../../src/domain/user.ts';
import { findArticleById } from '../../src/db/repos/articles.ts';
import { findShowableInNewsroom } from '../../src/db/repos/newsroom.ts';
import { findUserById } from '../../src/db/repos/users.ts';
import { articleFacts } from '../../src/commands/articleAccess.ts';
import { canOnArticle } from '../../src/policies/article.ts';
import {
  newsroomScope,
  newsroomSearchScope,
} from '../../src/policies/newsroomScope.ts';
import { inNewsroomScope } from '../../src/db/repos/newsroomScope.ts';
import { parseQuery } from '../../src/search/query.ts';

/**
 * The newsroom read scope is the article policy's `view` rule written as a query: for every role,
 * over articles in every state and every kind of ownership, the Kysely fragment, the search
 * filter and the editorial panel's check select exactly what the rule allows.
 */
describeEachDialect('the newsroom read scope', (getDb) => {
  let t: TestApp;
  const ids: number[] = [];
  const viewers: User[] = [];

  test('setup: a member of every role, articles of every state created by, signed by, or foreign to a contributor', async () => {
    t = await buildTestApp(getDb());
    for (const role of [...ROLES, 'contributor'] as const) {
      viewers.push(
        (await findUserById(t.ctx.db, (await buildUser(t.ctx, role)).id))!,
      );
    }
    const writer = viewers[0]!;
    const writerAuthor = (
      await t.ctx.db
        .selectFrom('authors')
        .select('id')
        .where('user_id', '=', writer.id)
        .executeTakeFirstOrThrow()
    ).id;
    const guest = (await buildAuthor(t.ctx)).id;
    for (const status of ARTICLE_STATUSES as readonly ArticleState[]) {
      ids.push(
        (await buildArticle(t.ctx, { status, authorIds: [writerAuthor] })).id,
      ); // signed by the writer
      const created = (
        await buildArticle(t.ctx, { status, authorIds: [guest] })
      ).id; // created by the writer
      await t.ctx.db
        .updateTable('articles')
        .set({ created_by: writer.id })
        .where('id', '=', created)
        .execute();
      ids.push(created);
      ids.push((await buildArticle(t.ctx, { status, authorIds: [guest] })).id); // someone else's
      const other = (await buildArticle(t.ctx, { status, authorIds: [guest] }))
        .id; // another member's
      await t.ctx.db
        .updateTable('articles')
        .set({ created_by: viewers[2]!.id })
        .where('id', '=', other)
        .execute();
      ids.push(other);
    }
  });

  test('fragment, search filter and panel agree with `view` for every role', async () => {
    const articles = await Promise.all(
      ids.map(async (id) => {
        const record = (await findArticleById(t.ctx.db, id))!;
        return {
          id,
          status: record.status,
          facts: await articleFacts(t.ctx.db, record),
        };
      }),
    );
    const sorted = (xs: Iterable<number>) => [...xs].sort((a, b) => a - b);
    for (const viewer of viewers) {
      const allowed = sorted(
        articles
          .filter((a) =>
            canOnArticle(viewer, 'view', a.facts, DEFAULT_SETTINGS),
          )
          .map((a) => a.id),
      );
      const label = `${viewer.role} #${viewer.id}`;
      const fragment = await t.ctx.db
        .selectFrom('articles')
        .select('id')
        .where('id', 'in', ids)
        .where(inNewsroomScope(newsroomScope(viewer)))
        .execute();
      assert.deepEqual(
        sorted(fragment.map((r) => r.id)),
        allowed,
        `${label}: the Kysely fragment`,
      );
      const page = await t.ctx.search.searchNewsroom(t.ctx.db, {
        query: parseQuery('article'),
        sort: 'relevance',
        limit: 100,
        offset: 0,
        now: t.clock.now(),
        ranking: t.ctx.config.search,
        visibility: {
          statuses: ARTICLE_STATUSES,
          ...newsroomSearchScope(viewer),
        },
      });
      assert.deepEqual(
        sorted(
          page.hits.map((h) => h.articleId).filter((id) => ids.includes(id)),
        ),
        allowed,
        `${label}: the search filter`,
      );
      const showable = articles
        .filter(
          (a) =>
            a.status === 'published' ||
            canOnArticle(viewer, 'view', a.facts, DEFAULT_SETTINGS),
        )
        .map((a) => a.id);
      assert.deepEqual(
        sorted(
          await findShowableInNewsroom(t.ctx.db, ids, newsroomScope(viewer)),
        ),
        sorted(showable),
        `${label}: the panel (published ones are public anyway)`,
      );
    }
    // The comparison can fail: contributors see some, not all, and the two contributors differ.
    const [writer, , , , , other] = viewers;
    const visibleTo = async (u: User) =>
      (
        await t.ctx.db
          .selectFrom('articles')
          .select('id')
          .where('id', 'in', ids)
          .where(inNewsroomScope(newsroomScope(u)))
          .execute()
      ).length;
    assert.equal(await visibleTo(writer!), ARTICLE_STATUSES.length * 2);
    assert.equal(await visibleTo(other!), 0);
    assert.equal(await visibleTo(viewers[1]!), ids.length);
  });

  test('teardown', async () => {
    await t.app.close();
  });
});
