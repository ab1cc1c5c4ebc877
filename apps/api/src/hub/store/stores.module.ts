import { DynamicModule, Global, Module } from '@nestjs/common';
import { STORES, type Stores } from './stores';

/**
 * Makes the stores, made before Nest starts (so that a store that cannot open stops the start with one
 * sentence), injectable everywhere as {@link STORES}. The hub opens and closes them.
 */
@Global()
@Module({})
export class StoresModule {
  static forRoot(stores: Stores): DynamicModule {
    return { module: StoresModule, providers: [{ provide: STORES, useValue: stores }], exports: [STORES] };
  }
}
