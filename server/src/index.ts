export { createApp, type AppDeps, type WallApp } from './app.js';
export { loadConfig, testConfig, type Config, type SourceToken } from './config.js';
export { systemClock, ManualClock, type Clock } from './clock.js';
export { createLogger, silentLogger, type Logger } from './logger.js';
export { SqliteStore } from './store/sqlite.js';
export type { Store } from './store/types.js';
export type { DemoSource } from './ops/demo.js';
