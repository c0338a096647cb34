/**
 * The weekly KPI summary for the supervisor: the seven days ending on
 * `weekEnd` (the lead queues it on Mondays for the week that ended on
 * Sunday), broken down by seller, with a four-week balance trend. Key
 * supervisor|date|semanal, so queueing it twice adds nothing.
 */
import { addDays } from '../../rules/dates';
import type { IsoDate } from '../../rules/types';
import { domainOf, toOutgoingMail, type OutgoingMail } from '../mail/outbox-mail';
import { buildPeriodReport } from './load-report';
import { renderReport } from './render-report';
import type { ReportSource } from './report-source';
import { reportView } from './report-view';

export interface WeeklyMailInput extends ReportSource {
  supervisor: { name: string; email: string };
  /** Sender address (its domain makes the Message-ID). */
  from: string;
  templatesFolder?: string | null;
  /** The day the mail is built (default: the day after weekEnd). */
  today?: IsoDate;
}

export function weekPeriod(weekEnd: IsoDate): { from: IsoDate; to: IsoDate } {
  return { from: addDays(weekEnd, -6), to: weekEnd };
}

export async function buildWeeklyReportMail(input: WeeklyMailInput, weekEnd: IsoDate): Promise<OutgoingMail> {
  const period = weekPeriod(weekEnd);
  const { report, loaded } = await buildPeriodReport(input, period, 'vendedor', {
    today: input.today ?? addDays(weekEnd, 1),
    trendFrom: addDays(weekEnd, -27),
  });
  const rv = reportView(report, {
    company: input.config.company.name,
    title: 'Informe semanal de cobranzas',
    greeting: input.supervisor.name,
    sellerNames: loaded.classification.sellerNames,
  });
  const mail = await renderReport(rv, input.templatesFolder ?? undefined);
  return toOutgoingMail({
    kind: 'semanal',
    date: weekEnd,
    to: { name: input.supervisor.name, email: input.supervisor.email },
    mail,
    domain: domainOf(input.from),
  });
}
