import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '../db/database.ts';
import { daySalt } from '../db/repos/audience.ts';

/**
 * The salt of the current day, shared by every process through one row (the first process to
 * ask writes a random one; see repos/audience.ts `daySalt`). Only the current day's is held in
 * memory; the row is deleted when the day is counted, after which that day's hashes cannot be
 * recomputed from an address and a browser, by us or anyone who copies the database.
 */
export class DailySalt {
  readonly #db: Db;
  #day = '';
  #salt: Promise<string> | null = null;

  constructor(db: Db) {
    this.#db = db;
  }

  salt(day: string): Promise<string> {
    if (day !== this.#day || !this.#salt) {
      this.#day = day;
      const pending = daySalt(
        this.#db,
        day,
        randomBytes(32).toString('base64url'),
      );
      // A failed read must not stick: the next beacon asks again.
      pending.catch(() => {
        if (this.#salt === pending) this.#salt = null;
      });
      this.#salt = pending;
    }
    return this.#salt;
  }

  /** The day's pseudonymous visitor id: it changes every day and says nothing without the salt. */
  async visitor(
    day: string,
    address: string,
    userAgent: string,
  ): Promise<string> {
    const salt = await this.salt(day);
    return createHash('sha256')
      .update(salt)
      .update('\0')
      .update(address)
      .update('\0')
      .update(userAgent)
      .digest('base64url')
      .slice(0, 22);
  }
}
