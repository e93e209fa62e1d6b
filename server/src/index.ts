export { createApp, type AppDeps, type WallApp } from './app.js';
export { DEFAULT_LIMITS, loadConfig, testConfig, type Config, type SourceToken } from './config/config.js';
export { systemClock, ManualClock, type Clock } from './platform/clock.js';
export { createLogger, silentLogger, type Logger } from './platform/logger.js';
export { SqliteStore } from './store/sqlite.js';
export type { Store } from './store/types.js';
export type { DemoSource } from './rooms/sources/demo.js';
export type { WallServer, WallNamespace } from './rooms/hub.js';
export type { ConsoleNamespace } from './console/namespace.js';
