/**
 * Is `error` the database being out of reach (restarting, refusing connections, a connection cut
 * mid-query, SQLite locked by another writer) rather than a fault in what we asked? Such errors
 * are answered 503 with Retry-After, and kept public pages are served meanwhile. Both drivers'
 * signs are read here, and only here.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (
    let e = error, depth = 0;
    e instanceof Error && depth < 5;
    e = e.cause, depth++
  ) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') {
      // PostgreSQL: connection exceptions (class 08), shutdown or start-up in progress (57P0x),
      // too many connections, or a database closed to new connections (ALLOW_CONNECTIONS false).
      if (code.startsWith('08') || /^57P0[1-3]$/.test(code) || code === '53300')
        return true;
      if (
        code === '55000' &&
        /not currently accepting connections/.test(e.message)
      )
        return true;
      // The network between us and the server.
      if (
        [
          'ECONNREFUSED',
          'ECONNRESET',
          'ETIMEDOUT',
          'EPIPE',
          'ENOTFOUND',
          'EAI_AGAIN',
          'EHOSTUNREACH',
        ].includes(code)
      )
        return true;
      // node:sqlite: SQLITE_BUSY (5) or SQLITE_LOCKED (6) once the busy timeout is spent.
      if (
        code === 'ERR_SQLITE_ERROR' &&
        [5, 6].includes(Number((e as { errcode?: unknown }).errcode) & 0xff)
      )
        return true;
    }
    // node-postgres reports a dropped or timed-out connection without a code.
    if (
      /^Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error/.test(
        e.message,
      )
    )
      return true;
  }
  return false;
}
