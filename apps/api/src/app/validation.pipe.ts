import { ValidationPipe, type ArgumentMetadata } from '@nestjs/common';

/**
 * Nest's ValidationPipe (class-validator rules of input classes, class-transformer instances), run once per input value
 * and class instead of once per argument. A dashboard request passes its `$range` variable to every data field of
 * every widget (about a hundred arguments), and GraphQL hands each of them the same coerced object: transforming and
 * validating it again for each was a few milliseconds of every request. The arguments then share one instance, as
 * they shared the object it was made from. A value that fails is not remembered: every argument given it fails with
 * the same error, as before.
 *
 * What ValidationPipe hands back unchanged is handed back at once, without its async step: such arguments
 * (`@Parent`, the request, enums, absent filters) are four in five of a dashboard request's ~480. It stays a
 * ValidationPipe, which Nest looks for to warn when a build leaves handlers without parameter types.
 */
export class OncePerValueValidationPipe extends ValidationPipe {
  /** By input value (collected with it: the request's variables), then by the class it was validated as. */
  private readonly validated = new WeakMap<object, Map<ArgumentMetadata['metatype'], Promise<unknown>>>();

  // `any`, as ValidationPipe's own transform is typed: Nest awaits what a pipe returns, a value or a promise of one.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  override transform(value: unknown, metadata: ArgumentMetadata): any {
    if (this.passesUnchanged(metadata)) return value;
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

  /**
   * Whether ValidationPipe.transform returns the value itself whatever it is: nothing to validate (no class, a built-in
   * type, or a custom decorator), and transformPrimitive converts only `param` and `query` strings. With `expectedType`
   * set everything is validated as that type, so nothing passes unchanged.
   */
  private passesUnchanged(metadata: ArgumentMetadata): boolean {
    return this.expectedType === undefined && metadata.type !== 'param' && metadata.type !== 'query' && (!metadata.metatype || !this.toValidate(metadata));
  }
}
