import type { ErrorObject, ValidateFunction } from 'ajv';
import demarcheSchema from '../../definitions/demarche.schema.json';
import routingSchema from '../../definitions/routing.schema.json';
import type { Demarche } from './demarche.generated';
import { duplicateKeys } from './duplicateKeys';
import { checkLogic } from './logicCheck';
import { lintCatalogueReferences, lintDeclarations, lintDurations, lintSchemas, lintTemplates, instructionNames } from './lintReferences';
import { lintWorkflow } from './lintWorkflow';
import { error, sortProblems, type Problem } from './problem';
import type { RoutingTable } from './routing.generated';
import type { ScopeShape } from './scopeShape';
import { stateGraph } from './stateGraph';
import { frenchMessage, newAjv } from './validation';

let validators: { demarche: ValidateFunction; routing: ValidateFunction } | null = null;

function metaValidators() {
  if (!validators) {
    const ajv = newAjv(true);
    validators = { demarche: ajv.compile(demarcheSchema), routing: ajv.compile(routingSchema) };
  }
  return validators;
}

/** Structure problems from the format's schema, with the noise of alternatives (oneOf) left out. */
function structureProblems(validate: ValidateFunction, value: unknown): Problem[] {
  if (validate(value)) return [];
  const errors = (validate.errors ?? []).filter((e) => e.keyword !== 'oneOf' && e.keyword !== 'anyOf' && e.keyword !== 'if');
  // A `type` error of one alternative is noise when the value was clearly meant as the other one.
  const meaningful = errors.filter((e) => e.keyword !== 'type' || !errors.some((o) => o !== e && (o.instancePath.startsWith(`${e.instancePath}/`) || (o.instancePath === e.instancePath && o.keyword !== 'type'))));
  const seen = new Set<string>();
  const problems: Problem[] = [];
  for (const e of meaningful) {
    const problem = structureProblem(e);
    const key = `${problem.pointer} ${problem.message}`;
    if (!seen.has(key)) { seen.add(key); problems.push(problem); }
  }
  return problems;
}

function structureProblem(e: ErrorObject): Problem {
  const p = e.params as Record<string, unknown>;
  if (e.keyword === 'required') {
    return error('structure', `${e.instancePath}/${String(p.missingProperty)}`, `« ${String(p.missingProperty)} » est obligatoire ici.`);
  }
  if (e.keyword === 'additionalProperties') {
    return error('structure', `${e.instancePath}/${String(p.additionalProperty)}`, `« ${String(p.additionalProperty)} » n’est pas une propriété prévue ici : retirez-la ou corrigez son nom.`);
  }
  const propertyName = p.propertyName ?? (e as { propertyName?: string }).propertyName;
  if (propertyName !== undefined) {
    const name = String(propertyName);
    return error('structure', `${e.instancePath}/${name}`, `Le nom « ${name} » n’est pas un identifiant valide : minuscules sans accents, chiffres, « _ » ou « - », en commençant par une lettre (et « systeme » est réservé).`);
  }
  if (e.keyword === 'pattern' && /duration|Duration|before|serviceLevel|after/.test(e.instancePath)) {
    return error('invalid-duration', e.instancePath, `« ${String((e as { data?: unknown }).data ?? '')} » n’est pas une durée ISO 8601 : écrivez par exemple P15D (15 jours), P1M (1 mois) ou PT48H (48 heures).`);
  }
  return error('structure', e.instancePath || '/', frenchMessage(e));
}

/** The scope a condition may read, apart from the event's payload. */
function baseShape(definition: Demarche, instruction: ReadonlySet<string>): ScopeShape {
  return {
    form: definition.form.schema as ScopeShape['form'],
    payload: null,
    instruction,
    pieces: Object.keys(definition.pieces ?? {}),
    deadlines: Object.keys(definition.deadlines ?? {}),
    parameters: definition.parameters ?? {},
  };
}

export interface LintOptions {
  /** The JSON text the definition was parsed from, to find duplicate keys that parsing hid. */
  source?: string;
}

/**
 * Checks a démarche definition: its structure against the format, then its meaning (workflow,
 * references, conditions, durations, templates). Returns every problem found; none means sound.
 */
export function lint(definition: unknown, options: LintOptions = {}): Problem[] {
  const problems: Problem[] = options.source ? duplicateKeys(options.source) : [];
  const structure = structureProblems(metaValidators().demarche, definition);
  if (structure.length > 0) return sortProblems([...problems, ...structure]);
  const def = definition as Demarche;
  const graph = stateGraph(def.workflow);
  const base = baseShape(def, instructionNames(graph));
  problems.push(
    ...lintSchemas(def),
    ...lintWorkflow(def, graph),
    ...lintCatalogueReferences(def, graph, base),
    ...lintDeclarations(def, graph, base),
    ...lintDurations(def, graph),
    ...lintTemplates(def, base),
  );
  return sortProblems(problems);
}

/** True when no problem is an error (warnings do not block publishing). */
export function isSound(problems: readonly Problem[]): boolean {
  return problems.every((p) => p.severity !== 'error');
}

/** Checks a routing table against the démarche it routes: structure, a default, conditions that read real fields. */
export function lintRouting(table: unknown, definition: Demarche, options: LintOptions = {}): Problem[] {
  const problems: Problem[] = options.source ? duplicateKeys(options.source) : [];
  const structure = structureProblems(metaValidators().routing, table).map((p) =>
    p.pointer === '/default' && p.message.includes('obligatoire')
      ? error('routing', '/default', 'La table n’a pas de règle par défaut : ajoutez « default » (service, file, priorité) pour les dossiers qu’aucune règle n’attrape.')
      : p,
  );
  if (structure.length > 0) return sortProblems([...problems, ...structure]);
  const routing = table as RoutingTable;
  if (routing.demarche !== definition.id) {
    problems.push(error('routing', '/demarche', `Cette table route « ${routing.demarche} », pas « ${definition.id} ».`));
  }
  const shape: ScopeShape = {
    ...baseShape(definition, instructionNames(stateGraph(definition.workflow))),
    payloadAbsentBecause: 'le routage s’applique au dossier, pas à un événement',
  };
  const ids = new Set<string>();
  routing.rules.forEach((rule, i) => {
    if (ids.has(rule.id)) problems.push(error('duplicate', `/rules/${i}/id`, `Deux règles s’appellent « ${rule.id} » : renommez l’une d’elles.`));
    ids.add(rule.id);
    if (typeof rule.when !== 'boolean') problems.push(...checkLogic(rule.when, `/rules/${i}/when`, shape));
  });
  return sortProblems(problems);
}
