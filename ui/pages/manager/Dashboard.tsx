import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { get } from '../../api';
import { CsvButton, stateLabel, useCatalogue, useDefinitions } from '../shared';

interface Activity {
  from: string;
  to: string;
  submitted: { demarche: string; day: string; channel: string; site: string | null; count: number }[];
  open: { demarche: string; state: string; queue: string | null; service: string | null; count: number; overdue: number }[];
  closed: { demarche: string; outcome: string | null; count: number; medianDays: number | null }[];
}

const PERIODS = [7, 30, 90, 365];
const COLOURS = ['#000091', '#c9191e', '#18753c', '#b34000', '#6e445a', '#009081'];
const OUTCOMES: Record<string, string> = { accepte: 'Accepté', refuse: 'Refusé', sans_suite: 'Classé sans suite', abandonne: 'Abandonné' };
const CHANNELS: Record<string, string> = { en_ligne: 'En ligne', guichet: 'Au guichet' };

function frNumber(n: number): string {
  return n.toLocaleString('fr-FR');
}

function day(iso: string): string {
  const [y, m, d] = iso.split('-');
  return `${d}/${m}/${y}`;
}

/** The steering dashboard: volumes per démarche and per day, backlog per state and queue, delays. */
export default function Dashboard() {
  const [days, setDays] = useState(30);
  const range = useMemo(() => {
    const to = new Date(Date.now() + 86_400_000);
    return { from: new Date(to.getTime() - (days + 1) * 86_400_000).toISOString().slice(0, 10), to: to.toISOString().slice(0, 10) };
  }, [days]);
  const activity = useQuery({
    queryKey: ['activity', range.from, range.to],
    queryFn: () => get<Activity>(`/api/stats/activity?from=${range.from}&to=${range.to}`),
  });
  const catalogue = useCatalogue();
  const ids = (catalogue.data ?? []).map((d) => d.id);
  const definitions = useDefinitions(ids);
  const title = (id: string) => catalogue.data?.find((d) => d.id === id)?.title ?? id;

  const a = activity.data;
  const perDay = useMemo(() => {
    const byDay = new Map<string, Record<string, number | string>>();
    for (const s of a?.submitted ?? []) {
      const row = byDay.get(s.day) ?? { day: day(s.day) };
      row[s.demarche] = Number(row[s.demarche] ?? 0) + s.count;
      byDay.set(s.day, row);
    }
    return [...byDay.entries()].sort(([x], [y]) => (x < y ? -1 : 1)).map(([, row]) => row);
  }, [a]);
  const demarchesInPeriod = [...new Set((a?.submitted ?? []).map((s) => s.demarche))];
  const perDemarche = demarchesInPeriod.map((id) => {
    const rows = (a?.submitted ?? []).filter((s) => s.demarche === id);
    return { id, total: rows.reduce((n, r) => n + r.count, 0), online: rows.filter((r) => r.channel === 'en_ligne').reduce((n, r) => n + r.count, 0), desk: rows.filter((r) => r.channel === 'guichet').reduce((n, r) => n + r.count, 0) };
  });
  const submittedTotal = perDemarche.reduce((n, d) => n + d.total, 0);
  const openTotal = (a?.open ?? []).reduce((n, o) => n + o.count, 0);
  const overdueTotal = (a?.open ?? []).reduce((n, o) => n + o.overdue, 0);
  const closedTotal = (a?.closed ?? []).reduce((n, c) => n + c.count, 0);

  return (
    <>
      <h1>Pilotage</h1>
      <p className="fr-text--lead">Activité du guichet, stock de dossiers et délais de traitement.</p>
      <div className="fr-btns-group fr-btns-group--inline-md fr-mb-2w">
        <Link className="fr-btn fr-btn--secondary fr-icon-settings-5-line fr-btn--icon-left" to="/pilotage/routage">Règles de routage</Link>
      </div>

      <div className="fr-select-group fr-mb-4w" style={{ maxWidth: '20rem' }}>
        <label className="fr-label" htmlFor="periode">Période</label>
        <select className="fr-select" id="periode" value={days} onChange={(e) => setDays(Number(e.target.value))}>
          {PERIODS.map((p) => <option key={p} value={p}>{p === 365 ? 'Les 12 derniers mois' : `Les ${p} derniers jours`}</option>)}
        </select>
      </div>

      {activity.isError && <div className="fr-alert fr-alert--error" role="alert"><p>Les indicateurs n’ont pas pu être chargés : {(activity.error as Error).message}</p></div>}
      {activity.isLoading && <p role="status">Chargement des indicateurs…</p>}

      {a && (
        <>
          <ul className="fr-grid-row fr-grid-row--gutters fr-mb-4w guichet-kpis" aria-label="Indicateurs clés">
            {[
              { label: 'Dossiers déposés', value: submittedTotal },
              { label: 'Dossiers en cours', value: openTotal },
              { label: 'Dossiers en retard', value: overdueTotal },
              { label: 'Dossiers clos', value: closedTotal },
            ].map((k) => (
              <li key={k.label} className="fr-col-6 fr-col-md-3">
                <div className="fr-tile fr-tile--sm">
                  <div className="fr-tile__body">
                    <p className="fr-tile__title">{frNumber(k.value)}</p>
                    <p className="fr-tile__desc">{k.label}</p>
                  </div>
                </div>
              </li>
            ))}
          </ul>

          <section aria-labelledby="volumes">
            <h2 id="volumes">Dossiers déposés par jour</h2>
            <div role="img" aria-label={`Histogramme des dossiers déposés par jour et par démarche sur la période : ${frNumber(submittedTotal)} au total. Le détail figure dans le tableau qui suit.`} style={{ width: '100%', height: 320 }}>
              <ResponsiveContainer>
                <BarChart data={perDay}>
                  <CartesianGrid strokeDasharray="3 3" />
                  <XAxis dataKey="day" />
                  <YAxis allowDecimals={false} />
                  <Tooltip />
                  <Legend />
                  {demarchesInPeriod.map((id, i) => <Bar key={id} dataKey={id} name={title(id)} stackId="a" fill={COLOURS[i % COLOURS.length]} />)}
                </BarChart>
              </ResponsiveContainer>
            </div>
            <div className="fr-table fr-mt-2w">
              <table>
                <caption>Volumes par démarche et par canal</caption>
                <thead><tr><th scope="col">Démarche</th><th scope="col">Total</th><th scope="col">En ligne</th><th scope="col">Au guichet</th></tr></thead>
                <tbody>
                  {perDemarche.map((d) => <tr key={d.id}><td>{title(d.id)}</td><td>{frNumber(d.total)}</td><td>{frNumber(d.online)}</td><td>{frNumber(d.desk)}</td></tr>)}
                  {perDemarche.length === 0 && <tr><td colSpan={4}>Aucun dossier déposé sur la période.</td></tr>}
                </tbody>
              </table>
            </div>
            <CsvButton
              filename={`volumes-${range.from}-${range.to}.csv`}
              headers={['Jour', 'Démarche', 'Canal', 'Site', 'Dossiers déposés']}
              rows={a.submitted.map((s) => [s.day, title(s.demarche), CHANNELS[s.channel] ?? s.channel, s.site, s.count])}
            />
          </section>

          <section aria-labelledby="stock" className="fr-mt-6w">
            <h2 id="stock">Dossiers en cours par étape et par file</h2>
            <div className="fr-table">
              <table>
                <caption>Stock de dossiers ouverts</caption>
                <thead><tr><th scope="col">Démarche</th><th scope="col">Étape</th><th scope="col">Service</th><th scope="col">File</th><th scope="col">En cours</th><th scope="col">En retard</th></tr></thead>
                <tbody>
                  {a.open.map((o) => (
                    <tr key={`${o.demarche}|${o.state}|${o.queue}|${o.service}`}>
                      <td>{title(o.demarche)}</td><td>{stateLabel(definitions.get(o.demarche), o.state)}</td><td>{o.service ?? '—'}</td><td>{o.queue ?? '—'}</td>
                      <td>{frNumber(o.count)}</td><td>{o.overdue > 0 ? <strong>{frNumber(o.overdue)}</strong> : '0'}</td>
                    </tr>
                  ))}
                  {a.open.length === 0 && <tr><td colSpan={6}>Aucun dossier en cours.</td></tr>}
                </tbody>
              </table>
            </div>
            <CsvButton
              filename="stock.csv"
              headers={['Démarche', 'Étape', 'Service', 'File', 'En cours', 'En retard']}
              rows={a.open.map((o) => [title(o.demarche), stateLabel(definitions.get(o.demarche), o.state), o.service, o.queue, o.count, o.overdue])}
            />
          </section>

          <section aria-labelledby="delais" className="fr-mt-6w">
            <h2 id="delais">Délais de traitement des dossiers clos</h2>
            <div className="fr-table">
              <table>
                <caption>Dossiers clos sur la période, par issue, avec le délai médian entre dépôt et clôture</caption>
                <thead><tr><th scope="col">Démarche</th><th scope="col">Issue</th><th scope="col">Dossiers</th><th scope="col">Délai médian</th></tr></thead>
                <tbody>
                  {a.closed.map((c) => (
                    <tr key={`${c.demarche}|${c.outcome}`}>
                      <td>{title(c.demarche)}</td><td>{c.outcome ? OUTCOMES[c.outcome] ?? c.outcome : '—'}</td><td>{frNumber(c.count)}</td>
                      <td>{c.medianDays === null ? '—' : `${c.medianDays.toLocaleString('fr-FR')} jour${c.medianDays >= 2 ? 's' : ''}`}</td>
                    </tr>
                  ))}
                  {a.closed.length === 0 && <tr><td colSpan={4}>Aucun dossier clos sur la période.</td></tr>}
                </tbody>
              </table>
            </div>
            <CsvButton
              filename={`delais-${range.from}-${range.to}.csv`}
              headers={['Démarche', 'Issue', 'Dossiers', 'Délai médian (jours)']}
              rows={a.closed.map((c) => [title(c.demarche), c.outcome ? OUTCOMES[c.outcome] ?? c.outcome : '', c.count, c.medianDays])}
            />
          </section>
        </>
      )}
    </>
  );
}
