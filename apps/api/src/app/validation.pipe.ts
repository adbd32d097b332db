import { ValidationPipe, type ArgumentMetadata } from '@nestjs/common';

/**
 * Nest's ValidationPipe (class-validator rules of input classes, class-transformer instances), run once per input value
 * and class instead of once per argument. A dashboard request passes its `$range` variable to every data field of
 * every widget (about a hundred arguments), and GraphQL hands each of them the same coerced object: transforming and
 * validating it again for each was a few milliseconds of every request. The arguments then share one instance, as
 * they shared the object it was made from. A value that fails is not remembered: every argument given it fails with
 * the same error, as before.
 */
export class OncePerValueValidationPipe extends ValidationPipe {
  /** By input value (collected with it: the request's variables), then by the class it was validated as. */
  private readonly validated = new WeakMap<object, Map<ArgumentMetadata['metatype'], Promise<unknown>>>();

  override transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (typeof value !== 'object' || value === null || !this.toValidate(metadata)) return super.transform(value, metadata);
    let byClass = this.validated.get(value);
    if (!byClass) this.validated.set(value, (byClass = new Map()));
    const known = byClass.get(metadata.metatype);
    if (known) return known;
    const result = super.transform(value, metadata);
    byClass.set(metadata.metatype, result);
    result.catch(() => byClass.delete(metadata.metatype));
    return result;
  }
}
