import { EntitySchema } from 'typeorm';
import type { RoutingTable } from '../../../engine';
import { column } from '../columns';

/** One version of a démarche's routing table; the highest version applies. Who changed it and when is kept. */
export interface RoutingTableRow {
  demarcheId: string;
  version: number;
  table: RoutingTable;
  changedAt: string;
  changedBy: string | null;
}

export const RoutingTableVersion = new EntitySchema<RoutingTableRow>({
  name: 'RoutingTableVersion',
  tableName: 'routing_tables',
  columns: {
    demarcheId: { ...column.slug({ name: 'demarche_id' }), primary: true },
    version: { ...column.int(), primary: true },
    table: column.json({ name: 'routing' }),
    changedAt: column.instant({ name: 'changed_at' }),
    changedBy: { ...column.id(), name: 'changed_by', nullable: true },
  },
});
