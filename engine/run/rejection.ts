import type { FieldError } from '../definition';
import type { Rejection, RejectionReason } from './types';

export function reject(reason: RejectionReason, message: string, errors: FieldError[] = []): Rejection {
  return { ok: false, reason, message, errors };
}

/** ISO 8601 in UTC, whatever form `now` came in. */
export function instant(now: Date | string): string {
  const date = typeof now === 'string' ? new Date(now) : now;
  if (Number.isNaN(date.getTime())) throw new RangeError(`Date invalide : « ${String(now)} ».`);
  return date.toISOString();
}

export function quoteList(items: readonly string[]): string {
  return items.map((i) => `« ${i} »`).join(', ');
}
