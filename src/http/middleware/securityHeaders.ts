import type { FastifyInstance } from 'fastify';
import helmet from '@fastify/helmet';
import { SITE_STYLESHEET_HASH } from '../../views/site/inlineStylesheet.ts';
import { FRAME_ORIGINS } from '../../domain/embeds.ts';

/**
 * The Content-Security-Policy every page is served with. No page has an inline script or style:
 * the live fil info and the editor are files from /assets, and JSON-LD blocks are data, which a
 * browser never runs, so `script-src 'self'` needs neither nonces nor hashes. The one inline
 * style is the public stylesheet, allowed by its hash (see inlineStylesheet.ts). Covers may be
 * pictures from anywhere over https. Frames come only from the embed providers' players, which
 * a page loads after a reader's click (assets/embeds.ts).
 */
export const CONTENT_SECURITY_POLICY = {
  'default-src': ["'self'"],
  'script-src': ["'self'"],
  'style-src': ["'self'", SITE_STYLESHEET_HASH],
  'img-src': ["'self'", 'https:', 'data:'],
  'font-src': ["'self'"],
  'connect-src': ["'self'"],
  'frame-src': FRAME_ORIGINS,
  'object-src': ["'none'"],
  'base-uri': ["'self'"],
  'form-action': ["'self'"],
  'frame-ancestors': ["'self'"],
};

/** Powerful features no page of a newspaper uses: a script injected by mistake cannot ask for them. */
export const PERMISSIONS_POLICY =
  'camera=(), microphone=(), geolocation=(), payment=(), usb=(), serial=(), bluetooth=(), midi=(), browsing-topics=()';

/**
 * Security headers on every response (helmet), HSTS only when the public address is https:
 * telling browsers to insist on https for a site served over http would lock readers out.
 */
export async function registerSecurityHeaders(
  app: FastifyInstance,
  options: { https: boolean },
): Promise<void> {
  await app.register(helmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: CONTENT_SECURITY_POLICY,
    },
    strictTransportSecurity: options.https
      ? { maxAge: 31_536_000, includeSubDomains: false }
      : false,
    // Feed readers and other sites show our pictures (covers, logo): they may be embedded anywhere.
    crossOriginResourcePolicy: { policy: 'cross-origin' },
    crossOriginEmbedderPolicy: false,
    referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
    xFrameOptions: { action: 'sameorigin' },
    // Two headers for browsers long gone, sent on every response for nothing: X-Download-Options
    // (Internet Explorer 8) and X-XSS-Protection: 0 (it only switched off the XSS auditors that
    // Chrome, Edge and Safari removed in 2019; OWASP: do not set it, or set it to 0).
    xDownloadOptions: false,
    xXssProtection: false,
  });
  app.addHook('onSend', async (_request, reply) => {
    reply.header('Permissions-Policy', PERMISSIONS_POLICY);
  });
}
