export * from './start-server';
export * from './chromium';
export * from './redis';
export * from './nginx';
