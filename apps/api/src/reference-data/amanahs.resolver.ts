import { Inject } from '@nestjs/common';
import { Query, Resolver } from '@nestjs/graphql';
import { AMANAH_IDS } from '@amanah/domain';
import type { Store } from '@amanah/store';
import { STORE } from '../store/store.module.js';
import { AmanahModel } from './amanah.model.js';

@Resolver(() => AmanahModel)
export class AmanahsResolver {
  constructor(@Inject(STORE) private readonly store: Store) {}

  @Query(() => [AmanahModel], { description: 'The seventeen amanahs, in the order of the public contract.' })
  amanahs(): Promise<AmanahModel[]> {
    // FINAL: the table is a ReplacingMergeTree, and a migration run twice must still read as one row per id.
    return this.store.select<AmanahModel>(
      `SELECT id, name_ar AS nameAr, name_en AS nameEn, region_ar AS regionAr, region_en AS regionEn
       FROM amanahs FINAL
       ORDER BY indexOf({contractOrder:Array(String)}, id), id`,
      { contractOrder: AMANAH_IDS },
    );
  }
}
