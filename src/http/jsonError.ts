import type { FastifyReply } from 'fastify';
import type { AppError, ErrorCode } from '../errors.ts';
import { NO_STORE } from './cacheControl.ts';

/** The one shape of a JSON error, under /api, for the editor's scripts and the live stream alike. */
export interface JsonErrorBody {
  error: { code: ErrorCode; message: string; fields: Record<string, string> };
}

export function jsonErrorBody(error: AppError): JsonErrorBody {
  return {
    error: { code: error.code, message: error.message, fields: error.fields },
  };
}

/** Sends `error` as JSON with its status; never kept by a cache. */
export function sendJsonError(
  reply: FastifyReply,
  error: AppError,
): FastifyReply {
  return reply
    .code(error.status)
    .header('Cache-Control', NO_STORE)
    .send(jsonErrorBody(error));
}
