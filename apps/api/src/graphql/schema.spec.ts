import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { generateSchemaSdl } from './schema-sdl.js';

const committedSchema = fileURLToPath(new URL('../../schema.graphql', import.meta.url));

it('the committed apps/api/schema.graphql is the schema the resolvers produce (regenerate: npx nx run api:schema)', async () => {
  const generated = await generateSchemaSdl();
  expect(generated).toContain('amanahs: [Amanah!]!');
  expect(fs.readFileSync(committedSchema, 'utf8'), 'apps/api/schema.graphql is stale: run `npx nx run api:schema`').toBe(
    generated,
  );
});
