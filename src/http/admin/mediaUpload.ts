import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { FastifyRequest } from 'fastify';
import type {} from '@fastify/multipart';
import { AppError } from '../../errors.ts';
import { tooLarge } from '../../media/inspect.ts';

export interface SpooledUpload {
  path: string;
  fileName: string;
  /** The form's other fields (sent before the file). */
  fields: Record<string, string>;
  /** Removes the temporary file; call it whatever happened. */
  cleanup(): Promise<void>;
}

/**
 * Streams one uploaded file to a temporary file, never holding it in memory, and stops at
 * `maxBytes` (the part is cut off and refused). Anything that is not a multipart upload with a
 * file gets a French 4xx.
 */
export async function spoolUpload(
  request: FastifyRequest,
  maxBytes: number,
): Promise<SpooledUpload> {
  if (!request.isMultipart())
    throw new AppError('media_rejected', {
      message:
        'Envoyez le fichier par le formulaire d’envoi (multipart/form-data).',
    });
  const dir = await mkdtemp(join(tmpdir(), 'newsdesk-upload-'));
  const cleanup = () => rm(dir, { recursive: true, force: true });
  try {
    const part = await request.file({
      limits: { fileSize: maxBytes, files: 1, fields: 10, fieldSize: 2000 },
    });
    if (!part)
      throw new AppError('media_rejected', {
        message:
          'Aucun fichier n’a été reçu. Choisissez une image et réessayez.',
      });
    const path = join(dir, 'upload');
    await pipeline(part.file, createWriteStream(path));
    if (part.file.truncated) throw tooLarge(maxBytes);
    const fields: Record<string, string> = {};
    for (const [name, value] of Object.entries(part.fields)) {
      const v = Array.isArray(value) ? value[0] : value;
      if (v && v.type === 'field' && typeof v.value === 'string')
        fields[name] = v.value;
    }
    return { path, fileName: part.filename, fields, cleanup };
  } catch (error) {
    await cleanup();
    if (error instanceof AppError) throw error;
    const code = (error as { code?: string }).code;
    if (code === 'FST_REQ_FILE_TOO_LARGE') throw tooLarge(maxBytes);
    if (typeof code === 'string' && code.startsWith('FST_'))
      throw new AppError('media_rejected', {
        message:
          'L’envoi n’a pas pu être lu (formulaire incomplet ou interrompu). Réessayez.',
        cause: error,
      });
    throw error;
  }
}
