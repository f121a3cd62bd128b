import type { FastifyInstance } from 'fastify';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import {
  jsonSchemaTransform,
  jsonSchemaTransformObject,
  serializerCompiler,
  validatorCompiler,
} from 'fastify-type-provider-zod';
import { ADMIN_API_PREFIX } from './adminApi.ts';
import { CONTENT_API_PREFIX } from './contentApi.ts';

export const OPENAPI_PATH = '/api/openapi.json';
export const REFERENCE_PATH = '/api/reference';

const documented = (url: string) =>
  url.startsWith(`${CONTENT_API_PREFIX}/`) ||
  url.startsWith(`${ADMIN_API_PREFIX}/`);

/**
 * The OpenAPI 3.1 document, generated from the zod schemas the routes validate with (so it says
 * what the code does), at /api/openapi.json, and a readable reference (Swagger UI, served from our
 * own origin: no third-party request) at /api/reference. Registered before the routes it describes.
 */
export async function registerOpenApi(
  app: FastifyInstance,
  siteUrl: string,
): Promise<void> {
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'newsdesk API',
        version: '1.0.0',
        description:
          'Content API (read-only, published content, with a key) and Admin API (the back office’s editorial verbs, with a token). Errors are `{ "error": { "code", "message", "fields" } }`; see docs/API.md.',
      },
      servers: [{ url: siteUrl }],
      components: {
        securitySchemes: {
          contentKey: { type: 'apiKey', in: 'header', name: 'X-Api-Key' },
          contentKeyQuery: { type: 'apiKey', in: 'query', name: 'key' },
          adminToken: { type: 'http', scheme: 'bearer' },
        },
      },
    },
    // Only the versioned APIs are described; the site's pages are not an API.
    transform: (input) =>
      documented(input.url)
        ? jsonSchemaTransform(input)
        : { schema: { hide: true }, url: input.url },
    transformObject: jsonSchemaTransformObject,
  });
  await app.register(swaggerUi, {
    routePrefix: REFERENCE_PATH,
    uiConfig: { docExpansion: 'list', deepLinking: true },
  });
  app.get(OPENAPI_PATH, { schema: { hide: true } }, async (_request, reply) =>
    reply.header('Cache-Control', 'public, max-age=300').send(app.swagger()),
  );
}

/** The zod validator and serialiser, for the API routes' encapsulated contexts only. */
export function useZod(api: FastifyInstance): void {
  api.setValidatorCompiler(validatorCompiler);
  api.setSerializerCompiler(serializerCompiler);
}
