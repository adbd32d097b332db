import { ArgsType, Field, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
import { AMANAH_IDS } from '@amanah/domain';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { MAX_LABEL_LENGTH, type ApiKeyRecord } from './api-keys.js';
import { ROLES, type Role } from './roles.js';

/** The roles (ROLES, @amanah/domain) as a GraphQL enum: names in capitals, as GraphQL enums are written; values the roles. */
export const ApiKeyRole = Object.fromEntries(ROLES.map((role) => [role.toUpperCase(), role])) as { [R in Role as Uppercase<R>]: R };
export type ApiKeyRole = Role;

registerEnumType(ApiKeyRole, {
  name: 'ApiKeyRole',
  description:
    'What a key may do: VIEWER, PRESS and ANALYST read figures (press and analyst features for those roles), ' +
    'INGEST only writes events, ADMIN does everything including managing keys.',
});

@ObjectType({ description: 'An API key as stored: its id, owner and rights, never its secret.' })
export class ApiKey {
  @Field(() => ID, { description: 'The key id (the part after "akpi_" in the key).' }) id!: string;
  @Field({ description: 'Who or what uses the key.' }) label!: string;
  @Field(() => ApiKeyRole, { description: 'What the key may do.' }) role!: ApiKeyRole;
  @Field(() => [ID], { description: 'The amanahs the key may see and write; empty when allAmanahs is true.' }) amanahs!: string[];
  @Field({ description: 'Whether the key sees every amanah.' }) allAmanahs!: boolean;
  @Field({ description: 'When the key was created, ISO 8601 UTC.' }) createdAt!: string;
  @Field(() => String, { nullable: true, description: 'When the key was revoked, ISO 8601 UTC; null while it is valid.' })
  revokedAt!: string | null;
}

@ObjectType({ description: 'A new API key, with its secret: shown this once, never again.' })
export class CreatedApiKey extends ApiKey {
  @Field({ description: 'The full key to send as "Authorization: Bearer <key>". Store it now: it cannot be shown again.' })
  key!: string;
}

@ArgsType()
export class CreateApiKeyArgs {
  @Field({ description: `Who or what will use the key (1-${MAX_LABEL_LENGTH} characters).` })
  @IsString()
  @MaxLength(MAX_LABEL_LENGTH)
  label!: string;

  @Field(() => ApiKeyRole, { description: 'What the key may do.' })
  @IsIn(Object.values(ApiKeyRole))
  role!: ApiKeyRole;

  @Field(() => [ID], { nullable: true, description: 'The amanahs the key may see and write (ids); omit with allAmanahs: true.' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(AMANAH_IDS.length)
  @IsString({ each: true })
  amanahs?: string[] | null;

  @Field({ defaultValue: false, description: 'Grant every amanah (instead of listing amanahs).' })
  @IsBoolean()
  allAmanahs!: boolean;
}

export function toApiKey(record: ApiKeyRecord): ApiKey {
  return {
    id: record.id,
    label: record.label,
    role: record.role,
    amanahs: record.amanahs === 'all' ? [] : [...record.amanahs],
    allAmanahs: record.amanahs === 'all',
    createdAt: record.createdAt,
    revokedAt: record.revokedAt,
  };
}
