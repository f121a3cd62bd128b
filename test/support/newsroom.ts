import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import * as cheerio from 'cheerio';
import type { CommandContext } from '../../src/commands/context.ts';
import { insertUserWithAuthor } from '../../src/commands/accounts/addUser.ts';
import { hashPassword } from '../../src/auth/passwords.ts';
import type { Role } from '../../src/domain/roles.ts';
import { setUserSections } from '../../src/db/repos/users.ts';

export const PASSWORD = 'un mot de passe solide';
let cachedHash: string | null = null;

/** A member with a password, signing with their own byline; editors may be limited to sections. */
export async function buildUser(
  ctx: CommandContext,
  role: Role,
  options: { email?: string; name?: string; sectionIds?: number[] } = {},
) {
  cachedHash ??= await hashPassword(PASSWORD);
  const email =
    options.email ??
    `${role}-${Math.random().toString(36).slice(2, 8)}@redaction.example`;
  const id = await ctx.db.transaction().execute((tx) =>
    insertUserWithAuthor(
      tx,
      {
        email,
        displayName: options.name ?? `${role} ${email.slice(0, 6)}`,
        role,
        passwordHash: cachedHash,
      },
      'active',
      ctx.clock.now(),
    ),
  );
  if (options.sectionIds) await setUserSections(ctx.db, id, options.sectionIds);
  const author = await ctx.db
    .selectFrom('authors')
    .select('id')
    .where('user_id', '=', id)
    .executeTakeFirstOrThrow();
  return { id, email, authorId: author.id };
}

/** A browser-like client for `inject`: keeps cookies, reads CSRF tokens from pages. */
export class Client {
  cookies = new Map<string, string>();
  readonly app: FastifyInstance;
  constructor(app: FastifyInstance) {
    this.app = app;
  }

  private remember(res: LightMyRequestResponse): void {
    for (const c of res.cookies) {
      if (c.value === '' || (c.expires && c.expires.getTime() < Date.now()))
        this.cookies.delete(c.name);
      else this.cookies.set(c.name, c.value);
    }
  }

  get cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  async get(url: string): Promise<LightMyRequestResponse> {
    const res = await this.app.inject({
      method: 'GET',
      url,
      headers: { cookie: this.cookieHeader },
    });
    this.remember(res);
    return res;
  }

  /** A CSRF token as a form on `pageUrl` would carry it. */
  async csrf(pageUrl?: string): Promise<string> {
    // Signed in, the login page redirects: the dashboard carries a token too.
    let res = await this.get(
      pageUrl ??
        (this.cookies.has('nd_session') ? '/admin' : '/admin/connexion'),
    );
    if (!pageUrl && res.statusCode === 303)
      res = await this.get('/admin/connexion'); // the session ended
    const token = cheerio
      .load(res.body)('input[name="_csrf"]')
      .first()
      .attr('value');
    if (!token)
      throw new Error(
        `no CSRF token on ${pageUrl ?? 'the default page'} (status ${res.statusCode})`,
      );
    return token;
  }

  /** `headers` and `remoteAddress` stand for what a proxy or another machine would send. */
  async post(
    url: string,
    form: Record<string, string | string[]>,
    options: {
      csrf?: string | false;
      headers?: Record<string, string>;
      remoteAddress?: string;
    } = {},
  ): Promise<LightMyRequestResponse> {
    const token =
      options.csrf === false ? null : (options.csrf ?? (await this.csrf()));
    const body = new URLSearchParams();
    for (const [k, v] of Object.entries(form))
      for (const item of [v].flat()) body.append(k, item);
    if (token) body.set('_csrf', token);
    const res = await this.app.inject({
      method: 'POST',
      url,
      payload: body.toString(),
      headers: {
        ...options.headers,
        'content-type': 'application/x-www-form-urlencoded',
        cookie: this.cookieHeader,
      },
      ...(options.remoteAddress
        ? { remoteAddress: options.remoteAddress }
        : {}),
    });
    this.remember(res);
    return res;
  }

  async postJson(url: string, json: unknown): Promise<LightMyRequestResponse> {
    const token = await this.csrf();
    const res = await this.app.inject({
      method: 'POST',
      url,
      payload: JSON.stringify(json),
      headers: {
        'content-type': 'application/json',
        'csrf-token': token,
        cookie: this.cookieHeader,
      },
    });
    this.remember(res);
    return res;
  }

  async signIn(
    email: string,
    password = PASSWORD,
  ): Promise<LightMyRequestResponse> {
    return this.post('/admin/connexion', { email, password });
  }
}

/** The editor form's fields for an article, with overrides. */
export function articleForm(
  overrides: Record<string, string> = {},
): Record<string, string> {
  return {
    title: 'Un titre',
    slug: '',
    lead: 'Un chapô.',
    bodySource: 'Texte.\n\n## Intertitre\n\nSuite.',
    sectionId: '',
    tags: '',
    author1: '',
    author2: '',
    author3: '',
    ...overrides,
  };
}
