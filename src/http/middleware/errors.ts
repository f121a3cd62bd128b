import type {
  FastifyError,
  FastifyInstance,
  FastifyReply,
  FastifyRequest,
} from 'fastify';
import { errorTitle } from '../../views/errorTitles.ts';
import { AppError, ERRORS } from '../../errors.ts';
import { isDatabaseUnavailable } from '../../db/unavailable.ts';
import { errorView } from '../../views/site/errorPage.ts';
import { sendPage, type SiteDeps } from '../site/context.ts';
import { sendJsonError } from '../jsonError.ts';

/**
 * Every error leaves as a clear answer: JSON with a stable code under /api, a French page
 * elsewhere. Errors from user input (Fastify's own 4xx included) are never logged as faults.
 */
export function installErrorHandling(
  app: FastifyInstance,
  deps: ErrorPages,
): void {
  app.setNotFoundHandler(
    async (request, reply) =>
      (await deps.redirect?.(request, reply)) ??
      respond(request, reply, deps, new AppError('not_found')),
  );
  app.setErrorHandler(
    async (error: FastifyError | AppError, request, reply) => {
      const appError =
        error instanceof AppError
          ? error
          : isDatabaseUnavailable(error)
            ? new AppError('unavailable', { cause: error })
            : fromFramework(error);
      if (appError.isReportable)
        request.log.error({ err: error }, 'request failed');
      return respond(request, reply, deps, appError);
    },
  );
}

/** Renders a back-office error page (the admin frame, the member's menu). */
export type AdminErrorPage = (
  request: FastifyRequest,
  reply: FastifyReply,
  error: AppError,
  message: string,
) => Promise<FastifyReply>;

/** The public site's pages, and the back office's own error page for everything under /admin. */
export type ErrorPages = SiteDeps & {
  adminErrorPage: AdminErrorPage;
  /** Old addresses answered with a 301 before the 404 (http/site/redirects.ts). */
  redirect?: (
    request: FastifyRequest,
    reply: FastifyReply,
  ) => Promise<FastifyReply | null>;
};

/**
 * Errors Fastify raises before routing (a malformed %-escape, an over-long path segment): the
 * reader typed a bad address, so the answer is the same French page as any other.
 */
export function frameworkErrorHandler(deps: ErrorPages) {
  return (
    error: FastifyError,
    request: FastifyRequest,
    reply: FastifyReply,
  ) => {
    const appError =
      error.code === 'FST_ERR_MAX_PARAM_LENGTH'
        ? new AppError('not_found')
        : new AppError('invalid_input', { cause: error });
    void respond(request, reply, deps, appError);
  };
}

function fromFramework(error: FastifyError): AppError {
  const status = error.statusCode ?? 500;
  if (status === 404) return new AppError('not_found');
  if (status === 429) return new AppError('rate_limited');
  if (status === 413)
    return new AppError('payload_too_large', { cause: error });
  if (error.code?.startsWith('FST_CSRF')) return new AppError('csrf');
  if (error.validation)
    return new AppError('invalid_input', {
      fields: validationFields(error),
      cause: error,
    });
  if (status >= 400 && status < 500)
    return new AppError('invalid_input', { cause: error });
  return new AppError('internal', { cause: error });
}

/** What a 503 asks clients to wait: about as long as a PostgreSQL restart takes. */
const RETRY_AFTER_SECONDS = 5;
/**
 * A schema validation failure (the API's zod schemas) as per-parameter messages, keyed by the
 * parameter's name: `{ "limit": "…" }`, `{ "colour": "Paramètre inconnu." }` for one we do not know.
 */
function validationFields(error: FastifyError): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const v of error.validation ?? []) {
    const keys = (v.params as { keys?: unknown } | undefined)?.keys;
    if (v.keyword === 'unrecognized_keys' && Array.isArray(keys)) {
      for (const key of keys) fields[String(key)] = 'Paramètre inconnu.';
      continue;
    }
    const name =
      v.instancePath.replace(/^\//, '').replaceAll('/', '.') ||
      error.validationContext ||
      'input';
    fields[name] ??= v.message ?? 'Valeur non valide.';
  }
  return fields;
}

/** Sends `error` as JSON (API) or a French page (site). */
export async function respond(
  request: FastifyRequest,
  reply: FastifyReply,
  deps: ErrorPages,
  error: AppError,
): Promise<FastifyReply> {
  if (
    error.code === 'unauthenticated' &&
    request.method === 'GET' &&
    request.url.startsWith('/admin')
  ) {
    return reply.redirect(
      `/admin/connexion?next=${encodeURIComponent(request.url)}`,
      303,
    );
  }
  // The database is restarting or out of reach: a few seconds, said so, and nothing from it.
  if (error.code === 'unavailable')
    reply.header('Retry-After', String(RETRY_AFTER_SECONDS));
  if (
    request.url.startsWith('/api/') ||
    String(request.headers['content-type'] ?? '').startsWith(
      'application/json',
    ) ||
    String(request.headers.accept ?? '').startsWith('application/json')
  ) {
    return sendJsonError(reply, error);
  }
  const message =
    error.status >= 500 && error.code !== 'unavailable'
      ? ERRORS.internal.message
      : error.message;
  try {
    if (isBackOffice(request))
      return await deps.adminErrorPage(request, reply, error, message);
    return await sendPage(deps, reply, {
      title: errorTitle(error.status),
      description: message,
      canonicalPath: request.url.split('?')[0] ?? '/',
      main: errorView(error.status, message),
      noindex: true,
      status: error.status,
      surrogateKeys: ['errors'],
      ...(error.code === 'unavailable' ? { withoutDatabase: true } : {}),
    });
  } catch (renderError) {
    // The error page itself failed (database down?): answer in plain text rather than not at all.
    request.log.error({ err: renderError }, 'error page failed');
    return reply
      .code(error.status)
      .type('text/plain; charset=utf-8')
      .send(message);
  }
}

function isBackOffice(request: FastifyRequest): boolean {
  return (
    request.url === '/admin' ||
    request.url.startsWith('/admin/') ||
    request.url.startsWith('/admin?')
  );
}
