/**
 * The effects a transition asks for (notify, letter, document, route, callout): what each one does,
 * whether run at once in the transition's transaction or later from the outbox.
 */
export { effectContext, type EffectContext, type EffectOrigin } from './context';
export { prepareEffect, calloutVariable, generatedPath, NOTHING_TO_WRITE, type EffectWrites } from './prepare';
export { describeEffect } from './describe';
export { PermanentEffectError } from './errors';
export { derivedId } from './ids';
export { deliver, isCitizenRole, recipientsOf, type Recipient } from './recipients';
export { renderTemplate, renderText, templateScope, printable, type RenderedTemplate } from './render';
export { dossierScope } from './scope';
export { routingColumns } from './route';
