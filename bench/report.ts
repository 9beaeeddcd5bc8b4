/** The Markdown the run prints: one table per concern, then notes. */
export interface Table {
  readonly title: string;
  readonly header: readonly string[];
  readonly rows: string[][];
}

export class Report {
  readonly tables: Table[] = [];
  readonly notes: string[] = [];
  /** Missed targets, grouped (e.g. all bundles over the size budget on one line). */
  readonly missed = new Map<string, string[]>();

  table(title: string, header: readonly string[]): Table {
    const table: Table = { title, header, rows: [] };
    this.tables.push(table);
    return table;
  }

  /** A target's verdict cell; a miss is also listed at the end, under `group` when given. */
  verdict(met: boolean | undefined, what: string, group?: string): string {
    if (met === undefined) return '–';
    if (!met) {
      const key = group ?? what;
      this.missed.set(key, [...(this.missed.get(key) ?? []), ...(group ? [what] : [])]);
    }
    return met ? 'met' : '**missed**';
  }

  render(): string {
    const lines: string[] = [];
    for (const table of this.tables) {
      lines.push(`### ${table.title}`, '');
      lines.push(`| ${table.header.join(' | ')} |`);
      lines.push(`| ${table.header.map((cell) => (/^(p50|p95|n|KiB|ratio|×|req)/.test(cell) ? '---:' : '---')).join(' | ')} |`);
      for (const row of table.rows) lines.push(`| ${row.map((cell) => cell.replaceAll('|', '\\|')).join(' | ')} |`);
      lines.push('');
    }
    if (this.missed.size > 0) {
      lines.push('**Targets missed:**', '');
      for (const [what, items] of this.missed) lines.push(`- ${what}${items.length > 0 ? `: ${items.join(', ')}` : ''}`);
      lines.push('');
    } else {
      lines.push('All targets met in this run.', '');
    }
    if (this.notes.length > 0) {
      lines.push('Notes:', '');
      for (const note of this.notes) lines.push(`- ${note}`);
      lines.push('');
    }
    return lines.join('\n');
  }
}
