// Public surface of the OKX client. Pure: no DB, no secrets at rest.
export * from "./regions";
export * from "./sign";
export * from "./errors";
export * from "./types";
export * from "./rate-limiter";
export * from "./clock-skew";
export * from "./semaphore";
export { OkxClient, type OkxClientOptions, type CallOptions, type WithMeta } from "./client";
export * from "./default-client";
export * from "./entity-detection";
