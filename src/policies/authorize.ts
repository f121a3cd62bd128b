import { AppError } from '../errors.ts';

/** Throws the catalogue's 403 unless `allowed`; routes call it before any command. */
export function authorize(allowed: boolean): void {
  if (!allowed) throw new AppError('forbidden');
}
