import type { HealthCheckResult, ReportFormat } from '../result';
import { renderHtml } from './html';
import { renderJunit } from './junit';
import { renderMarkdown } from './markdown';
import { renderReport } from './report';
import { renderSarif } from './sarif';
import { renderTable } from './table';

export type RenderOptions = { color?: boolean };

export function render(format: ReportFormat, result: HealthCheckResult, options: RenderOptions = {}): string {
  switch (format) {
    case 'table':
      return renderTable(result, options);
    case 'json':
      return JSON.stringify(result, null, 2);
    case 'sarif':
      return renderSarif(result);
    case 'junit':
      return renderJunit(result);
    case 'markdown':
      return renderMarkdown(result);
    case 'html':
      return renderHtml(result);
    case 'report':
      return renderReport(result);
  }
}
