import { DynamicModule, Module } from '@nestjs/common';
import { ServeStaticModule } from '@nestjs/serve-static';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { ChatModule } from '../chat/chat.module';
import { AppConfig } from '../config/app-config';
import type { Stores } from '../hub/store/stores';
import { StoresModule } from '../hub/store/stores.module';
import { ConfigModule } from '../config/config.module';
import { LoggingModule } from '../ops/logging/logging.module';
import { MetricsModule } from '../ops/metrics/metrics.module';
import { OpsModule } from '../ops/ops.module';
import { OpenStreamsModule } from './open-streams.module';

/** The composition root: configuration, logging and metrics, the chat, operations, and the built web app at `/`. */
@Module({})
export class AppModule {
  static forRoot(config: AppConfig, stores: Stores): DynamicModule {
    const webRoot = config.webRoot && resolve(config.webRoot);
    const serveWeb = webRoot && existsSync(resolve(webRoot, 'index.html'));
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        StoresModule.forRoot(stores),
        LoggingModule.forRoot(config.logLevel, config.logFormat),
        MetricsModule,
        ChatModule,
        OpenStreamsModule,
        OpsModule,
        ...(serveWeb ? [ServeStaticModule.forRoot({ rootPath: webRoot, exclude: ['/api/{*path}', '/metrics'] })] : []),
      ],
    };
  }
}
