import { UnprocessableEntityException, ValidationPipe, type ArgumentMetadata } from '@nestjs/common';
import { IsInt, Min, Validate, ValidatorConstraint, type ValidatorConstraintInterface } from 'class-validator';
import { describe, expect, it } from 'vitest';
import { OncePerValueValidationPipe } from './validation.pipe.js';

let checks = 0;
@ValidatorConstraint({ name: 'counted' })
class Counted implements ValidatorConstraintInterface {
  validate(): boolean {
    checks++;
    return true;
  }
}

class WindowInput {
  @IsInt() @Min(1) @Validate(Counted)
  days!: number;
}

const pipe = () => new OncePerValueValidationPipe({ transform: true, errorHttpStatusCode: 422 });
const asArgument = (data: string): ArgumentMetadata => ({ type: 'body', metatype: WindowInput, data });

describe('OncePerValueValidationPipe', () => {
  it('is a ValidationPipe, as Nest looks for one to warn of handlers built without parameter types', () => {
    expect(pipe()).toBeInstanceOf(ValidationPipe);
  });

  it('validates one input value once for every argument it is given to, and hands each the same instance', async () => {
    const validation = pipe();
    const range = { days: 7 };
    checks = 0;
    const answers = await Promise.all(['kpi', 'series', 'breakdown'].map((field) => validation.transform(range, asArgument(field))));
    expect(checks).toBe(1);
    expect(answers[0]).toBeInstanceOf(WindowInput);
    expect(answers[0]).toEqual({ days: 7 });
    expect(new Set(answers).size).toBe(1);
    // Another value (the next request's variables) is validated again.
    await validation.transform({ days: 7 }, asArgument('kpi'));
    expect(checks).toBe(2);
  });

  it('answers a bad value with the same 422 and message as ValidationPipe, for every argument, every time', async () => {
    const validation = pipe();
    const bad = { days: 0 };
    for (const field of ['kpi', 'series', 'kpi']) {
      const error = await Promise.resolve(validation.transform(bad, asArgument(field))).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(UnprocessableEntityException);
      expect((error as UnprocessableEntityException).getResponse()).toMatchObject({ statusCode: 422, message: ['days must not be less than 1'] });
    }
  });

  it('passes what ValidationPipe does not validate (primitives, plain objects) as ValidationPipe does', async () => {
    const validation = pipe();
    expect(await validation.transform('7', { type: 'query', metatype: Number, data: 'n' })).toBe(7);
    const req = { headers: {} };
    expect(await validation.transform(req, { type: 'custom', metatype: Object })).toBe(req);
  });

  it('answers every argument as ValidationPipe does, at once where ValidationPipe would hand the value back unchanged', async () => {
    const ours = pipe();
    const theirs = new ValidationPipe({ transform: true, errorHttpStatusCode: 422 });
    const outcome = async (run: () => unknown) => {
      try {
        return { value: await run() };
      } catch (error) {
        return { error: (error as UnprocessableEntityException).getResponse() };
      }
    };
    const values = [undefined, null, '7', 'PREVIOUS_PERIOD', 'true', 7, true, { days: 7 }, { days: 0 }, [{ days: 7 }]];
    const types: ArgumentMetadata['type'][] = ['body', 'custom', 'param', 'query'];
    const metatypes = [undefined, String, Number, Boolean, Object, Array, WindowInput];
    let immediate = 0;
    for (const value of values) {
      for (const type of types) {
        for (const metatype of metatypes) {
          const metadata: ArgumentMetadata = { type, metatype, data: 'arg' };
          const answer = ours.transform(value, metadata);
          if (!(answer instanceof Promise)) {
            immediate++;
            expect(answer).toBe(value);
          }
          expect(await outcome(() => answer), `${JSON.stringify(value)} as ${type} ${metatype?.name}`).toEqual(await outcome(() => theirs.transform(value, metadata)));
        }
      }
    }
    // Each value as a body argument of no class or a built-in one (6) and as a custom one of any class (7).
    expect(immediate).toBe(10 * 13);
  });
});
