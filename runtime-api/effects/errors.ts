/**
 * A failure that no retry can cure (a template missing from the démarche, or malformed): the
 * effect is given up at once, so that the staff see it now rather than after hours of attempts.
 */
export class PermanentEffectError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PermanentEffectError';
  }
}
