import type { Api } from '../../api';
import { describeCondition, type ConditionField } from '../../forms';
import { priorityLabel, serviceName, siteName } from './routingModel';

/** A routing table in words: its rules in order, then the default. */
export function RoutingRulesTable({ table, fields, caption }: { table: Api.RoutingTable; fields: readonly ConditionField[]; caption: string }) {
  const cells = (a: Api.RoutingAssignment) => (
    <>
      <td>{serviceName(a.service)}</td>
      <td>{a.site ? siteName(a.site) : '—'}</td>
      <td>{a.queue}</td>
      <td>{priorityLabel(a.priority)}</td>
    </>
  );
  return (
    <div className="fr-table fr-mb-2w">
      <table>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Ordre</th>
            <th scope="col">Règle</th>
            <th scope="col">S’applique si</th>
            <th scope="col">Service</th>
            <th scope="col">Site</th>
            <th scope="col">File</th>
            <th scope="col">Priorité</th>
          </tr>
        </thead>
        <tbody>
          {table.rules.map((r, i) => (
            <tr key={r.id}>
              <td>{i + 1}</td>
              <th scope="row">{r.label}</th>
              <td>{describeCondition(r.when, fields)}</td>
              {cells(r.then)}
            </tr>
          ))}
          <tr>
            <td>{table.rules.length + 1}</td>
            <th scope="row">Par défaut</th>
            <td>aucune règle ne s’applique</td>
            {cells(table.default)}
          </tr>
        </tbody>
      </table>
    </div>
  );
}
