import { durationProblem } from '../rules';
import { ACTIONS, DEADLINE_ACTIONS, GUARDS, type CatalogueEntry } from './catalogue';
import type { Action, Demarche, Guard } from './demarche.generated';
import { checkLogic } from './logicCheck';
import { error, warning, type Problem } from './problem';
import { parseReservedEvent, SYSTEM_ROLE } from './reserved';
import { propertiesOf, resolveVar, type ScopeShape, type SchemaNode } from './scopeShape';
import type { StateGraph, TransitionInfo } from './stateGraph';
import { definitionAjv, newAjv } from './validation';

const paramsAjv = newAjv(false);

function names(list: Iterable<string>): string {
  const items = [...list];
  return items.length ? items.map((n) => `« ${n} »`).join(', ') : '(aucun)';
}

function valueAt(root: unknown, pointer: string): unknown {
  let node = root;
  for (const token of pointer.split('/').slice(1)) node = (node as Record<string, unknown> | undefined)?.[token];
  return node;
}

/** Every name recorded by a « set » action anywhere in the definition. */
export function instructionNames(graph: StateGraph): Set<string> {
  const out = new Set<string>();
  for (const node of graph.nodes) {
    const config = node.config as { entry?: Action[]; exit?: Action[] };
    for (const action of [...(config.entry ?? []), ...(config.exit ?? []), ...node.transitions.flatMap((t) => t.actions)]) {
      const name = (action?.params as { name?: unknown } | undefined)?.name;
      if (action?.type === 'set' && typeof name === 'string') out.add(name);
    }
  }
  return out;
}

/** Payload schemas of the events the engine sends itself. */
const RESERVED_PAYLOADS: Record<string, SchemaNode> = {
  pieces: { type: 'object', properties: { pieces: { type: 'object' } } },
  deadline: { type: 'object', properties: { before: { type: 'string' } } },
};

/** What a guard or action on this transition may read. */
function shapeFor(definition: Demarche, base: ScopeShape, t: TransitionInfo): ScopeShape {
  if (t.trigger.kind !== 'event') {
    const why = t.trigger.kind === 'after' ? 'un minuteur n’apporte pas de données' : 'aucun événement n’apporte de données à cette transition automatique';
    return { ...base, payload: null, payloadAbsentBecause: why };
  }
  const reserved = parseReservedEvent(t.trigger.event);
  if (reserved) return { ...base, payload: RESERVED_PAYLOADS[reserved.kind] ?? null, payloadAbsentBecause: 'cet événement n’a pas de données' };
  const payload = definition.events?.[t.trigger.event]?.payload as SchemaNode | undefined;
  return { ...base, payload: payload ?? null, payloadAbsentBecause: `l’événement « ${t.trigger.event} » ne déclare pas de données` };
}

/** Checks a guard or action reference: it exists in its catalogue, its params fit, its expressions read what exists. */
function checkReference(
  kind: 'guard' | 'action', ref: Guard | Action, pointer: string, shape: ScopeShape, definition: Demarche,
): Problem[] {
  const catalogue = kind === 'guard' ? GUARDS : ACTIONS;
  const entry: CatalogueEntry | undefined = catalogue[ref.type];
  if (!entry) {
    return [error(kind === 'guard' ? 'unknown-guard' : 'unknown-action', `${pointer}/type`,
      `${kind === 'guard' ? 'La garde' : 'L’action'} « ${ref.type} » n’existe pas. Possibles : ${names(Object.keys(catalogue))}.`)];
  }
  const problems: Problem[] = [];
  const params = ref.params ?? {};
  const validate = paramsAjv.compile(entry.params);
  if (!validate(params)) {
    for (const e of validate.errors ?? []) {
      const missing = (e.params as { missingProperty?: string }).missingProperty;
      const extra = (e.params as { additionalProperty?: string }).additionalProperty;
      const detail = missing ? `il manque « ${missing} »` : extra ? `« ${extra} » n’est pas un paramètre de « ${ref.type} »` : `${e.instancePath || 'params'} ${e.message ?? ''}`.trim();
      problems.push(error('invalid-params', `${pointer}/params${e.instancePath}`, `Paramètres de « ${ref.type} » invalides : ${detail}.`));
    }
    return problems;
  }
  for (const at of entry.logic) problems.push(...checkLogic(valueAt(params, at), `${pointer}/params${at}`, shape));

  const p = params as { template?: string; deadline?: string; to?: string | string[] };
  if (p.template !== undefined) {
    const template = definition.templates?.[p.template];
    if (!template) {
      problems.push(error('unknown-reference', `${pointer}/params/template`, `Le modèle « ${p.template} » n’existe pas dans « templates ». Modèles : ${names(Object.keys(definition.templates ?? {}))}.`));
    } else if (entry.template && template.kind !== entry.template) {
      problems.push(error('unknown-reference', `${pointer}/params/template`, `« ${ref.type} » attend un modèle de type « ${entry.template} », mais « ${p.template} » est de type « ${template.kind} ».`));
    }
  }
  if (DEADLINE_ACTIONS.has(ref.type) && p.deadline !== undefined && !definition.deadlines?.[p.deadline]) {
    problems.push(error('unknown-reference', `${pointer}/params/deadline`, `Le délai « ${p.deadline} » n’est pas déclaré dans « deadlines ». Délais : ${names(Object.keys(definition.deadlines ?? {}))}.`));
  }
  for (const [i, role] of (Array.isArray(p.to) ? p.to : p.to !== undefined ? [p.to] : []).entries()) {
    if (!definition.roles?.[role]) {
      problems.push(error('unknown-reference', `${pointer}/params/to${Array.isArray(p.to) ? `/${i}` : ''}`, `Le rôle « ${role} » n’est pas déclaré dans « roles ». Rôles : ${names(Object.keys(definition.roles ?? {}))}.`));
    }
  }
  return problems;
}

/** Guards and actions of the whole workflow. */
export function lintCatalogueReferences(definition: Demarche, graph: StateGraph, base: ScopeShape): Problem[] {
  const problems: Problem[] = [];
  const noEvent: ScopeShape = {
    ...base,
    payload: null,
    payloadAbsentBecause: 'une action d’entrée ou de sortie ne sait pas quel événement a mené là ; lisez ces données dans une action de la transition',
  };
  for (const node of graph.nodes) {
    const config = node.config as { entry?: Action[]; exit?: Action[] };
    for (const key of ['entry', 'exit'] as const) {
      (config[key] ?? []).forEach((action, i) => problems.push(...checkReference('action', action, `${node.pointer}/${key}/${i}`, noEvent, definition)));
    }
    for (const t of node.transitions) {
      const shape = shapeFor(definition, base, t);
      if (t.guard) problems.push(...checkReference('guard', t.guard, `${t.pointer}/guard`, shape, definition));
      t.actions.forEach((action, i) => problems.push(...checkReference('action', action, `${t.pointer}/actions/${i}`, shape, definition)));
    }
  }
  return problems;
}

/** Roles, templates, pièces, délais and pages named anywhere must exist. */
export function lintDeclarations(definition: Demarche, graph: StateGraph, base: ScopeShape): Problem[] {
  const problems: Problem[] = [];
  const roles = Object.keys(definition.roles ?? {});
  const checkRole = (role: string, pointer: string) => {
    if (!roles.includes(role)) problems.push(error('unknown-reference', pointer, `Le rôle « ${role} » n’est pas déclaré dans « roles ». Rôles : ${names(roles)}.`));
  };
  for (const [name, role] of Object.entries(definition.roles ?? {})) {
    if (!role.party) continue;
    const resolved = resolveVar(role.party, base);
    const pointer = `/roles/${name}/party`;
    if (!resolved.ok) problems.push(error('unknown-field', pointer, resolved.message));
    else if (resolved.type.types && !resolved.type.types.has('string')) {
      problems.push(error('wrong-type', pointer, `« ${role.party} » doit être l’adresse e-mail de la personne (un texte) pour lui donner le rôle « ${name} ».`));
    }
  }
  for (const [name, event] of Object.entries(definition.events ?? {})) {
    // « systeme » may send declared events too: the replies of other systems (CERT, CAF…).
    (event.roles ?? []).forEach((role, i) => role !== SYSTEM_ROLE && checkRole(role, `/events/${name}/roles/${i}`));
  }
  for (const node of graph.nodes) {
    const meta = (node.config as { meta?: { roles?: string[]; outcome?: string } }).meta;
    (meta?.roles ?? []).forEach((role, i) => checkRole(role, `${node.pointer}/meta/roles/${i}`));
    if (meta?.outcome && node.type !== 'final') {
      problems.push(warning('structure', `${node.pointer}/meta/outcome`, `« outcome » ne sert qu’aux états finaux : « ${node.path} » n’en est pas un.`));
    }
    if (node.parent === graph.root && node.type === 'final' && !meta?.outcome) {
      problems.push(warning('structure', `${node.pointer}/meta`, `L’état final « ${node.path} » clôt le dossier : dites comment avec « outcome » (accepte, refuse, sans_suite, abandonne) pour les statistiques.`));
    }
  }
  for (const [name, deadline] of Object.entries(definition.deadlines ?? {})) {
    (deadline.warnings ?? []).forEach((w, i) => {
      (w.notify ?? []).forEach((role, j) => checkRole(role, `/deadlines/${name}/warnings/${i}/notify/${j}`));
      if (w.template !== undefined) {
        const template = definition.templates?.[w.template];
        if (!template) problems.push(error('unknown-reference', `/deadlines/${name}/warnings/${i}/template`, `Le modèle « ${w.template} » n’existe pas dans « templates ».`));
        else if (template.kind !== 'notification') problems.push(error('unknown-reference', `/deadlines/${name}/warnings/${i}/template`, `Une alerte de délai attend un modèle « notification », pas « ${template.kind} ».`));
      }
    });
  }
  for (const [name, piece] of Object.entries(definition.pieces ?? {})) {
    if (piece.required !== undefined && typeof piece.required !== 'boolean') {
      problems.push(...checkLogic(piece.required, `/pieces/${name}/required`, { ...base, payload: null, payloadAbsentBecause: 'une pièce dépend du formulaire, pas d’un événement' }));
    }
  }
  // Pages list top-level fields of the form, each once.
  // Fields shown under a condition (if/then, oneOf…) sit on pages too.
  const formSchema = definition.form?.schema as SchemaNode | undefined;
  const formFields = formSchema ? [...propertiesOf(formSchema, formSchema).keys()] : [];
  const placed = new Map<string, string>();
  const pageIds = new Set<string>();
  (definition.form?.pages ?? []).forEach((page, i) => {
    if (pageIds.has(page.id)) problems.push(error('duplicate', `/form/pages/${i}/id`, `Deux pages s’appellent « ${page.id} » : renommez l’une d’elles.`));
    pageIds.add(page.id);
    page.fields.forEach((field, j) => {
      if (!formFields.includes(field)) problems.push(error('unknown-field', `/form/pages/${i}/fields/${j}`, `La page « ${page.title} » liste « ${field} », qui n’est pas un champ du formulaire. Champs : ${names(formFields)}.`));
      else if (placed.has(field)) problems.push(error('duplicate', `/form/pages/${i}/fields/${j}`, `Le champ « ${field} » est déjà sur la page « ${placed.get(field)} » : un champ n’apparaît que sur une page.`));
      else placed.set(field, page.title);
    });
  });
  if ((definition.form?.pages ?? []).length > 0) {
    for (const field of formFields) {
      if (!placed.has(field)) problems.push(error('form', `/form/pages`, `Le champ « ${field} » n’est sur aucune page : l’usager ne pourrait pas le remplir.`));
    }
  }
  return problems;
}

/** Every duration is a valid ISO 8601 duration for its calendar; `after` keys are durations or declared delays. */
export function lintDurations(definition: Demarche, graph: StateGraph): Problem[] {
  const problems: Problem[] = [];
  const check = (value: string | undefined, pointer: string, calendar?: 'calendaires' | 'ouvres' | 'ouvrables') => {
    if (value === undefined) return;
    const problem = durationProblem(value, calendar);
    if (problem) problems.push(error('invalid-duration', pointer, problem));
  };
  check(definition.typicalDuration, '/typicalDuration');
  check(definition.retention?.duration, '/retention/duration');
  for (const [name, delay] of Object.entries(definition.delays ?? {})) check(delay.duration, `/delays/${name}/duration`, delay.calendar);
  for (const [name, deadline] of Object.entries(definition.deadlines ?? {})) {
    check(deadline.duration, `/deadlines/${name}/duration`, deadline.calendar);
    (deadline.warnings ?? []).forEach((w, i) => check(w.before, `/deadlines/${name}/warnings/${i}/before`, deadline.calendar));
  }
  for (const node of graph.nodes) {
    check((node.config as { meta?: { serviceLevel?: string } }).meta?.serviceLevel, `${node.pointer}/meta/serviceLevel`);
    for (const t of node.transitions) {
      if (t.trigger.kind !== 'after') continue;
      const key = t.trigger.delay;
      if (definition.delays?.[key]) continue;
      const problem = durationProblem(key);
      if (problem) {
        problems.push(error('invalid-duration', t.pointer.replace(/\/\d+$/, ''), `${problem} Sinon, déclarez « ${key} » dans « delays ».`));
      }
    }
  }
  return problems;
}

/** The form and payload schemas are themselves valid JSON Schemas. */
export function lintSchemas(definition: Demarche): Problem[] {
  const problems: Problem[] = [];
  const ajv = definitionAjv();
  const check = (schema: unknown, pointer: string, what: string) => {
    if (!schema || typeof schema !== 'object') return;
    if (!ajv.validateSchema(schema as object)) {
      for (const e of ajv.errors ?? []) problems.push(error('form', `${pointer}${e.instancePath}`, `${what} n’est pas un JSON Schema valide : ${e.message ?? ''}.`));
      return;
    }
    try {
      ajv.compile(schema as object);
    } catch (e) {
      problems.push(error('form', pointer, `${what} ne peut pas être compilé : ${(e as Error).message}.`));
    }
  };
  check(definition.form?.schema, '/form/schema', 'Le schéma du formulaire');
  for (const [name, event] of Object.entries(definition.events ?? {})) check(event.payload, `/events/${name}/payload`, `Le schéma des données de « ${name} »`);
  return problems;
}

const TEMPLATE_TAG = /\{\{\{?\s*([#^/]?)\s*([A-Za-z_][\w.]*)\s*\}?\}\}/g;
const TEMPLATE_ROOTS = new Set(['data', 'dossier', 'parametres', 'demarche', 'usager', 'commune', 'agent', 'now']);

/** Template tags that name a form field, a parameter or an instruction value must name one that exists. */
export function lintTemplates(definition: Demarche, base: ScopeShape): Problem[] {
  const problems: Problem[] = [];
  const shape: ScopeShape = { ...base, payload: null, payloadAbsentBecause: 'un modèle est rédigé après coup, sans événement' };
  for (const [name, template] of Object.entries(definition.templates ?? {})) {
    let depth = 0;
    for (const match of template.body.matchAll(TEMPLATE_TAG)) {
      const [, sigil, path] = match;
      if (sigil === '/') { depth = Math.max(0, depth - 1); continue; }
      const root = path.split('.')[0];
      // Inside a section, names are relative to the section's item.
      if (depth === 0 && !TEMPLATE_ROOTS.has(root)) {
        problems.push(error('unknown-field', `/templates/${name}/body`, `« {{${path}}} » : un modèle lit « data.* », « dossier.* », « parametres.* », « demarche.* », « usager.* », « commune.* » ou « now ».`));
      } else if (depth === 0 && (root === 'data' || root === 'parametres' || path.startsWith('dossier.instruction.') || path.startsWith('dossier.deadlines.'))) {
        problems.push(...checkLogic({ var: path }, `/templates/${name}/body`, shape).map((p) => ({ ...p, pointer: `/templates/${name}/body`, message: `« {{${path}}} » : ${p.message}` })));
      }
      if (sigil === '#' || sigil === '^') depth++;
    }
  }
  return problems;
}
