import { downloadCsv } from './csv';

/** « Exporter en CSV » for the table just above. */
export function CsvButton({ filename, headers, rows }: { filename: string; headers: string[]; rows: (string | number | null | undefined)[][] }) {
  return (
    <button type="button" className="fr-btn fr-btn--tertiary fr-btn--sm fr-icon-download-line fr-btn--icon-left" onClick={() => downloadCsv(filename, headers, rows)}>
      Exporter en CSV
    </button>
  );
}
