/**
 * What an import did, per type of record: read, imported, already there (a rerun), skipped —
 * with every skipped record and every imperfect one named, and why. Written to a file too.
 */
export interface TypeCounts {
  read: number;
  imported: number;
  unchanged: number;
  skipped: number;
}

export interface ReportLine {
  type: string;
  sourceId: string;
  title: string;
  reason: string;
}

export class ImportReport {
  readonly source: string;
  readonly file: string;
  readonly dryRun: boolean;
  readonly counts: Record<string, TypeCounts> = {};
  readonly skipped: ReportLine[] = [];
  readonly notes: ReportLine[] = [];
  redirects = 0;
  /** Why the import stopped early (a malformed file), or null when it read everything. */
  error: string | null = null;

  constructor(source: string, file: string, dryRun: boolean) {
    this.source = source;
    this.file = file;
    this.dryRun = dryRun;
  }

  #of(type: string): TypeCounts {
    this.counts[type] ??= { read: 0, imported: 0, unchanged: 0, skipped: 0 };
    return this.counts[type];
  }

  read(type: string, n = 1): void {
    this.#of(type).read += n;
  }
  imported(type: string, n = 1): void {
    this.#of(type).imported += n;
  }
  unchanged(type: string, n = 1): void {
    this.#of(type).unchanged += n;
  }
  skip(type: string, sourceId: string, title: string, reason: string): void {
    this.#of(type).skipped++;
    this.skipped.push({ type, sourceId, title, reason });
  }
  note(type: string, sourceId: string, title: string, reason: string): void {
    this.notes.push({ type, sourceId, title, reason });
  }

  toJSON() {
    return {
      source: this.source,
      file: this.file,
      dryRun: this.dryRun,
      error: this.error,
      counts: this.counts,
      redirects: this.redirects,
      skipped: this.skipped,
      notes: this.notes,
    };
  }

  /** The summary an operator reads at the end (the file has every line). */
  toText(): string {
    const lines = [
      `${this.dryRun ? 'Dry run (nothing written)' : 'Import'} of ${this.file} (${this.source})`,
      '',
      'type            read  imported  unchanged  skipped',
    ];
    for (const [type, c] of Object.entries(this.counts).sort())
      lines.push(
        `${type.padEnd(14)} ${String(c.read).padStart(5)} ${String(c.imported).padStart(9)} ${String(c.unchanged).padStart(10)} ${String(c.skipped).padStart(8)}`,
      );
    lines.push('', `Redirects from old addresses added: ${this.redirects}`);
    if (this.skipped.length) {
      lines.push('', 'Not imported:');
      const byReason = new Map<string, number>();
      for (const s of this.skipped)
        byReason.set(
          `${s.type}: ${s.reason}`,
          (byReason.get(`${s.type}: ${s.reason}`) ?? 0) + 1,
        );
      for (const [reason, n] of byReason) lines.push(`  ${n} × ${reason}`);
    }
    if (this.notes.length) {
      lines.push('', 'Imported with remarks:');
      const byReason = new Map<string, number>();
      for (const s of this.notes) {
        // Grouped by kind of remark: the file names each picture and count.
        const key = `${s.type}: ${s.reason.replace(/https?:\/\/\S+|#\d+|\d+ (?=comment)/g, '…')}`;
        byReason.set(key, (byReason.get(key) ?? 0) + 1);
      }
      for (const [reason, n] of byReason) lines.push(`  ${n} × ${reason}`);
    }
    if (this.error) lines.push('', `Stopped early: ${this.error}`);
    return lines.join('\n');
  }
}
