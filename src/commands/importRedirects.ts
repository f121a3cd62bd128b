import { actorId, type Actor, type CommandContext } from './context.ts';
import { insertRedirects } from '../db/repos/imports.ts';

export interface RedirectsCsvResult {
  added: number;
  /** Lines already there (a path keeps its first target). */
  unchanged: number;
  /** Lines refused, with the reason, by line number. */
  refused: { line: number; reason: string }[];
}

/**
 * `newsdesk redirects import FILE.csv`: one `old-path,new-path-or-URL` per line (a header line
 * `from,to` is allowed). Old paths start with `/`; targets are a path or an http(s) URL. The
 * good lines are added in one transaction with a `redirects.update` event, so every process's
 * cached answers are forgotten; the bad ones are listed.
 */
export async function importRedirects(
  ctx: CommandContext,
  actor: Actor,
  csv: string,
): Promise<RedirectsCsvResult> {
  const refused: RedirectsCsvResult['refused'] = [];
  const rows: { fromPath: string; toPath: string; articleId: null }[] = [];
  for (const [i, raw] of csv.split(/\r?\n/).entries()) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const [from, to, ...rest] = line
      .split(/[,;\t]/)
      .map((s) => s.trim().replace(/^"|"$/g, ''));
    if (i === 0 && /^(from|source|old)/i.test(from ?? '')) continue;
    const reason =
      !from || !to || rest.length
        ? 'expected two columns: old path, new path or URL'
        : !from.startsWith('/') || from.length > 1000
          ? 'the old path must start with / (at most 1,000 characters)'
          : !/^(\/(?!\/)|https?:\/\/)/.test(to) || to.length > 1000
            ? 'the target must be a path starting with / or an http(s) URL'
            : from === to
              ? 'a path cannot redirect to itself'
              : null;
    if (reason) refused.push({ line: i + 1, reason });
    else rows.push({ fromPath: from!, toPath: to!, articleId: null });
  }
  const now = ctx.clock.now();
  const added = await ctx.db.transaction().execute(async (tx) => {
    const n = await insertRedirects(tx, rows, now);
    if (n)
      await ctx.events.record(tx, {
        name: 'redirects.update',
        actorId: actorId(actor),
        payload: { added: n },
        at: now,
      });
    return n;
  });
  return { added, unchanged: rows.length - added, refused };
}
