import { Module } from '@nestjs/common';
import { AmanahsResolver } from './amanahs.resolver.js';

/** Reference data that dashboards and clients list: the amanahs (later also metrics and dimensions' members). */
@Module({ providers: [AmanahsResolver] })
export class ReferenceDataModule {}
