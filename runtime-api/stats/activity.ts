import { TZDate } from '@date-fns/tz';
import { NO_DUE_DATE, Dossier } from '../store';
import type { Runtime } from '../runtime';

/** What the steering committee looks at, over a period. */
export interface Activity {
  from: string;
  to: string;
  /** Dossiers submitted per démarche and Paris day. */
  submitted: { demarche: string; day: string; channel: string; site: string | null; count: number }[];
  /** Dossiers open now, per démarche, state and queue. */
  open: { demarche: string; state: string; queue: string | null; service: string | null; count: number; overdue: number }[];
  /** Dossiers closed in the period: how many, how, and the median time from submission to closure. */
  closed: { demarche: string; outcome: string | null; count: number; medianDays: number | null }[];
}

/** Paris calendar day of an instant: volumes are counted by the town's days, not UTC's. */
function parisDay(instant: string): string {
  const d = new TZDate(new Date(instant).getTime(), 'Europe/Paris');
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

const DAY_MS = 86_400_000;

/**
 * Activity of the town over [from, to): volumes by Paris day (the database groups by UTC hour,
 * which both databases do the same way with SUBSTR on ISO strings; hours then fold into Paris days),
 * the backlog by state and queue with what is overdue, and processing times of closed dossiers.
 */
export async function activity(rt: Runtime, from: string, to: string, services: string[] | null): Promise<Activity> {
  const now = rt.clock.now().toISOString();
  return rt.db.read(async (m) => {
    const scoped = <T extends { andWhere(where: string, params?: object): T }>(qb: T): T =>
      services ? qb.andWhere('d.service IN (:...services)', { services: services.length ? services : ['-'] }) : qb;

    const hours: { demarche: string; hour: string; channel: string; site: string | null; count: string | number }[] = await scoped(
      m.createQueryBuilder(Dossier, 'd')
        .select('d.demarche_id', 'demarche').addSelect('SUBSTR(d.submitted_at, 1, 13)', 'hour')
        .addSelect('d.channel', 'channel').addSelect('d.site', 'site').addSelect('COUNT(*)', 'count')
        .where('d.submitted_at >= :from AND d.submitted_at < :to', { from, to }),
    ).groupBy('d.demarche_id').addGroupBy('SUBSTR(d.submitted_at, 1, 13)').addGroupBy('d.channel').addGroupBy('d.site').getRawMany();
    const days = new Map<string, Activity['submitted'][number]>();
    for (const h of hours) {
      const day = parisDay(`${h.hour}:00:00.000Z`);
      const key = `${h.demarche}|${day}|${h.channel}|${h.site ?? ''}`;
      const entry = days.get(key) ?? { demarche: h.demarche, day, channel: h.channel, site: h.site, count: 0 };
      entry.count += Number(h.count);
      days.set(key, entry);
    }

    const open: { demarche: string; state: string; queue: string | null; service: string | null; count: string | number; overdue: string | number }[] = await scoped(
      m.createQueryBuilder(Dossier, 'd')
        .select('d.demarche_id', 'demarche').addSelect('d.state', 'state').addSelect('d.queue', 'queue').addSelect('d.service', 'service')
        .addSelect('COUNT(*)', 'count')
        .addSelect(`SUM(CASE WHEN d.due_at < :now AND d.due_at <> :none THEN 1 ELSE 0 END)`, 'overdue')
        .where("d.status = 'en_cours'")
        .setParameters({ now, none: NO_DUE_DATE }),
    ).groupBy('d.demarche_id').addGroupBy('d.state').addGroupBy('d.queue').addGroupBy('d.service').getRawMany();

    // Durations need each dossier; the period bounds the rows (and a cap keeps a huge period cheap).
    const closedRows: { demarche: string; outcome: string | null; submittedAt: string; closedAt: string }[] = await scoped(
      m.createQueryBuilder(Dossier, 'd')
        .select('d.demarche_id', 'demarche').addSelect('d.outcome', 'outcome')
        .addSelect('d.submitted_at', 'submittedAt').addSelect('d.closed_at', 'closedAt')
        .where("d.status = 'clos' AND d.closed_at >= :from AND d.closed_at < :to", { from, to }),
    ).orderBy('d.closed_at', 'DESC').limit(100_000).getRawMany();
    const groups = new Map<string, { demarche: string; outcome: string | null; durations: number[] }>();
    for (const r of closedRows) {
      const key = `${r.demarche}|${r.outcome ?? ''}`;
      const g = groups.get(key) ?? { demarche: r.demarche, outcome: r.outcome, durations: [] };
      g.durations.push((Date.parse(r.closedAt) - Date.parse(r.submittedAt)) / DAY_MS);
      groups.set(key, g);
    }

    return {
      from,
      to,
      submitted: [...days.values()].sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : a.demarche.localeCompare(b.demarche))),
      open: open.map((o) => ({ ...o, count: Number(o.count), overdue: Number(o.overdue) })),
      closed: [...groups.values()].map((g) => ({ demarche: g.demarche, outcome: g.outcome, count: g.durations.length, medianDays: median(g.durations) === null ? null : Math.round(median(g.durations)! * 10) / 10 })),
    };
  });
}
