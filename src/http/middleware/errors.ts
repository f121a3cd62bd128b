import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, ERRORS } from '../../errors.ts';
import { errorView } from '../../views/site/errorPage.ts';
import { sendPage, type SiteDeps } from '../site/context.ts';
import { sendJsonError } from '../jsonError.ts';

/**
 * Every error leaves as a clear answer: JSON with a stable code under /api, a French page
 * elsewhere. Errors from user input (Fastify's own 4xx included) are never logged as faults.
 */
export function installErrorHandling(app: FastifyInstance, deps: SiteDeps): void {
  app.setNotFoundHandler(async (request, reply) => respond(request, reply, deps, new AppError('not_found')));
  app.setErrorHandler(async (error: FastifyError | AppError, request, reply) => {
    const appError = error instanceof AppError ? error : fromFramework(error);
    if (appError.isReportable) request.log.error({ err: error }, 'request failed');
    return respond(request, reply, deps, appError);
  });
}

/**
 * Errors Fastify raises before routing (a malformed %-escape, an over-long path segment): the
 * reader typed a bad address, so the answer is the same French page as any other.
 */
export function frameworkErrorHandler(deps: SiteDeps) {
  return (error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    const appError = error.code === 'FST_ERR_MAX_PARAM_LENGTH' ? new AppError('not_found') : new AppError('invalid_input', { cause: error });
    void respond(request, reply, deps, appError);
  };
}

function fromFramework(error: FastifyError): AppError {
  const status = error.statusCode ?? 500;
  if (status === 404) return new AppError('not_found');
  if (status === 429) return new AppError('rate_limited');
  if (error.code?.startsWith('FST_CSRF')) return new AppError('csrf');
  if (status >= 400 && status < 500) return new AppError('invalid_input', { cause: error });
  return new AppError('internal', { cause: error });
}

/** Sends `error` as JSON (API) or a French page (site). */
export async function respond(request: FastifyRequest, reply: FastifyReply, deps: SiteDeps, error: AppError): Promise<FastifyReply> {
  if (error.code === 'unauthenticated' && request.method === 'GET' && request.url.startsWith('/admin')) {
    return reply.redirect(`/admin/connexion?next=${encodeURIComponent(request.url)}`, 303);
  }
  if (request.url.startsWith('/api/') || String(request.headers['content-type'] ?? '').startsWith('application/json')) {
    return sendJsonError(reply, error);
  }
  const message = error.status >= 500 ? ERRORS.internal.message : error.message;
  try {
    return await sendPage(deps, reply, {
      title: error.status === 404 ? 'Page introuvable' : error.status === 410 ? 'Article retiré' : 'Erreur',
      description: message,
      canonicalPath: request.url.split('?')[0] ?? '/',
      main: errorView(error.status, message),
      noindex: true,
      status: error.status,
      surrogateKeys: ['errors'],
    });
  } catch (renderError) {
    // The error page itself failed (database down?): answer in plain text rather than not at all.
    request.log.error({ err: renderError }, 'error page failed');
    return reply.code(error.status).type('text/plain; charset=utf-8').send(message);
  }
}
