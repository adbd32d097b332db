import { Field, ID, ObjectType } from '@nestjs/graphql';

@ObjectType('Amanah', { description: 'A municipality (أمانة): one of the seventeen of the public contract.' })
export class AmanahModel {
  @Field(() => ID, { description: 'Stable identifier used in filters and ingest, e.g. `riyadh`, `northern_borders`.' })
  id!: string;

  @Field({ description: 'Official Arabic name, e.g. أمانة منطقة الرياض.' })
  nameAr!: string;

  @Field({ description: 'English name, e.g. Riyadh Region Municipality.' })
  nameEn!: string;

  @Field({ description: 'Arabic name of the administrative region the amanah belongs to.' })
  regionAr!: string;

  @Field({ description: 'English name of the administrative region the amanah belongs to.' })
  regionEn!: string;
}
