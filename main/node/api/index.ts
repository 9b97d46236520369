/** The API module's public face: the router and its transports for the node, the clients for the CLI and tools. */
export { ApiError, invalidParams, notFound, rejected } from './errors.ts';
export type { ApiLog, Session, SubscriptionSource, SubscriptionTopic } from './interface.ts';
export { jsonReplacer, stringifyJson, toJsonValue, type JsonValue } from './json.ts';
export { createRouter, MAX_BATCH, type ApiHandlers, type ApiRouter, type RouterResponse } from './router.ts';
export { createSubscriptions, type Subscriptions } from './subscriptions.ts';
export { startApiServer, type ApiServer, type ApiServerOptions } from './server.ts';
export { loadOrCreateToken } from './token.ts';
export * from './client.ts';
