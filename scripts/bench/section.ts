import { cpus, totalmem } from 'node:os';

/** One table of BENCHMARKS.md with the notes that explain it. */
export type BenchSection = { title: string; table: { header: string[]; rows: string[][] }; notes: string[] };

export function machineLine(): string {
  const cpu = cpus()[0]?.model?.trim() ?? 'unknown CPU';
  return `${cpu}, ${cpus().length} cores, ${Math.round(totalmem() / 2 ** 30)} GiB memory, Node ${process.versions.node}, ${process.platform}/${process.arch}`;
}

export function renderSection(section: BenchSection): string {
  const { header, rows } = section.table;
  return [
    `## ${section.title}`,
    '',
    `| ${header.join(' | ')} |`,
    `|${header.map(() => '---').join('|')}|`,
    ...rows.map((row) => `| ${row.join(' | ')} |`),
    '',
    ...section.notes.map((note) => `- ${note}`),
    ''
  ].join('\n');
}
