export * from './start-server';
export * from './chromium';
