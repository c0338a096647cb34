/**
 * The report as one self-contained HTML file (charts embedded as data: URIs),
 * made from the same template as the weekly mail, for `informe --formato html`.
 */
import type { PeriodReport } from '../../rules/kpis/period-report';
import { renderReport } from './render-report';
import { reportView } from './report-view';

export async function htmlReport(
  report: PeriodReport, opts: { company: string; sellerNames: ReadonlyMap<string, string>; templatesFolder?: string },
): Promise<string> {
  const rv = reportView(report, { company: opts.company, title: 'Informe de cobranzas', greeting: null, sellerNames: opts.sellerNames });
  return (await renderReport(rv, opts.templatesFolder)).html;
}
