/** What several pages use: the catalogue, CSV export. */
export { useCatalogue, useDefinitions, stateLabel, type CatalogueEntry } from './useCatalogue';
export { CsvButton } from './CsvButton';
export { toCsv, downloadCsv } from './csv';
