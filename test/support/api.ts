import assert from 'node:assert/strict';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { Validator } from '@seriousme/openapi-schema-validator';
import {
  createApiCredential,
  type CredentialInput,
} from '../../src/commands/integrations.ts';
import type { CommandContext } from '../../src/commands/context.ts';
import type { Role } from '../../src/domain/roles.ts';

/** One API exchange, kept so the contract test can check it against the OpenAPI document. */
export interface Exchange {
  method: string;
  path: string;
  status: number;
  contentType: string;
  body: string;
}

/**
 * A client for the APIs over `inject` that records every response: each API test file ends by
 * checking all of them against /api/openapi.json (see `assertContract`).
 */
export class ApiClient {
  readonly exchanges: Exchange[] = [];
  readonly app: FastifyInstance;
  constructor(app: FastifyInstance) {
    this.app = app;
  }

  async request(
    method: 'GET' | 'POST' | 'PUT' | 'OPTIONS',
    url: string,
    options: {
      headers?: Record<string, string>;
      json?: unknown;
      payload?: Buffer;
    } = {},
  ): Promise<LightMyRequestResponse> {
    const headers: Record<string, string> = { ...options.headers };
    if (options.json !== undefined)
      headers['content-type'] = 'application/json';
    const res = await this.app.inject({
      method,
      url,
      headers,
      ...(options.json !== undefined
        ? { payload: JSON.stringify(options.json) }
        : options.payload !== undefined
          ? { payload: options.payload }
          : {}),
    });
    this.exchanges.push({
      method,
      path: url.split('?')[0]!,
      status: res.statusCode,
      contentType: String(res.headers['content-type'] ?? ''),
      body: res.body,
    });
    return res;
  }

  content(key: string) {
    return (path: string, headers: Record<string, string> = {}) =>
      this.request('GET', `/api/v1${path}`, {
        headers: { 'x-api-key': key, ...headers },
      });
  }

  admin(token: string) {
    const auth = (headers: Record<string, string> = {}) => ({
      authorization: `Bearer ${token}`,
      ...headers,
    });
    return {
      get: (path: string, headers?: Record<string, string>) =>
        this.request('GET', `/api/admin/v1${path}`, { headers: auth(headers) }),
      post: (path: string, json?: unknown, headers?: Record<string, string>) =>
        this.request('POST', `/api/admin/v1${path}`, {
          headers: auth(headers),
          json: json ?? {},
        }),
      put: (path: string, json: unknown, headers?: Record<string, string>) =>
        this.request('PUT', `/api/admin/v1${path}`, {
          headers: auth(headers),
          json,
        }),
      /** A multipart upload, as a script would send it (fields first, then the file). */
      upload: (
        path: string,
        file: { name: string; bytes: Buffer; type?: string },
        fields: Record<string, string> = {},
      ) => {
        const boundary = `----newsdesk${Math.random().toString(16).slice(2)}`;
        const parts: Buffer[] = Object.entries(fields).map(([name, value]) =>
          Buffer.from(
            `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`,
          ),
        );
        parts.push(
          Buffer.from(
            `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: ${file.type ?? 'application/octet-stream'}\r\n\r\n`,
          ),
          file.bytes,
          Buffer.from(`\r\n--${boundary}--\r\n`),
        );
        return this.request('POST', `/api/admin/v1${path}`, {
          headers: auth({
            'content-type': `multipart/form-data; boundary=${boundary}`,
          }),
          payload: Buffer.concat(parts),
        });
      },
    };
  }
}

export async function contentKey(
  ctx: CommandContext,
  userId: number,
  extra: Partial<CredentialInput> = {},
): Promise<string> {
  return (
    await createApiCredential(
      ctx,
      { kind: 'user', id: userId, role: 'admin', sectionIds: [] },
      { kind: 'content', name: 'Application mobile', ...extra },
    )
  ).secret;
}

export async function adminToken(
  ctx: CommandContext,
  user: { id: number; role: Role; sectionIds?: number[] },
  role: Role,
  sectionIds: number[] = [],
): Promise<string> {
  return (
    await createApiCredential(
      ctx,
      {
        kind: 'user',
        id: user.id,
        role: user.role,
        sectionIds: user.sectionIds ?? [],
      },
      { kind: 'admin', name: `Script ${role}`, role, sectionIds },
    )
  ).secret;
}

/** The generated document, after checking it with an OpenAPI validator independent of the generator. */
export async function validOpenApi(
  app: FastifyInstance,
): Promise<Record<string, any>> {
  const res = await app.inject({ method: 'GET', url: '/api/openapi.json' });
  assert.equal(res.statusCode, 200);
  const doc = res.json() as Record<string, any>;
  const result = await new Validator().validate(structuredClone(doc));
  assert.deepEqual(
    result.errors ?? [],
    [],
    'the OpenAPI document is valid OpenAPI 3.1',
  );
  assert.equal(result.valid, true);
  assert.equal(doc['openapi'], '3.1.0');
  return doc;
}

/**
 * Every recorded exchange has its route, method and status in the document, and its JSON body
 * validates against the schema the document gives for that status. Returns how many it checked.
 */
export function assertContract(
  doc: Record<string, any>,
  exchanges: Exchange[],
): number {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats.default(ajv);
  const templates = Object.keys(doc['paths'])
    .map((template) => ({
      template,
      pattern: new RegExp(`^${template.replace(/\{[^}]+\}/g, '[^/]+')}$`),
    }))
    .sort(
      (a, b) => a.template.split('{').length - b.template.split('{').length,
    );
  const problems: string[] = [];
  const compiled = new Map<string, ReturnType<typeof ajv.compile>>();
  let checked = 0;
  for (const x of exchanges) {
    if (x.method === 'OPTIONS' || x.status === 304) continue;
    // A literal segment wins over a parameter (/articles/slug/{slug} over /articles/{id}).
    const match = templates.find((t) => t.pattern.test(x.path));
    if (!match) {
      problems.push(`${x.method} ${x.path}: no path in the document`);
      continue;
    }
    const operation = doc['paths'][match.template][x.method.toLowerCase()];
    if (!operation) {
      problems.push(`${x.method} ${match.template}: no operation`);
      continue;
    }
    const response = operation.responses?.[String(x.status)];
    if (!response) {
      problems.push(
        `${x.method} ${match.template} → ${x.status}: status not documented`,
      );
      continue;
    }
    const schema = response.content?.['application/json']?.schema;
    if (!schema) {
      problems.push(
        `${x.method} ${match.template} → ${x.status}: no JSON schema`,
      );
      continue;
    }
    if (!x.contentType.startsWith('application/json')) {
      problems.push(`${x.method} ${x.path} → ${x.status}: ${x.contentType}`);
      continue;
    }
    // The document's refs (#/components/schemas/X) resolve inside the schema when it carries the components.
    const cacheKey = `${x.method} ${match.template} ${x.status}`;
    const validate =
      compiled.get(cacheKey) ??
      ajv.compile({ ...schema, components: doc['components'] });
    compiled.set(cacheKey, validate);
    if (!validate(JSON.parse(x.body)))
      problems.push(
        `${x.method} ${x.path} → ${x.status}: ${ajv.errorsText(validate.errors)}`,
      );
    checked++;
  }
  assert.deepEqual(problems, []);
  return checked;
}
