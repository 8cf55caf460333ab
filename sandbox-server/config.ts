// The sandbox's settings, with the defaults a developer gets from `abdm-sandbox serve`.
import { DEFAULT_TIMESTAMP_WINDOW, type TimestampWindow } from '../protocol/headers.js';

export interface SandboxConfig {
  /** Root seed of the synthetic world and of every id the gateway mints. */
  seed: number;
  /** Number of synthetic ABHA accounts. */
  population: number;
  /** Number of synthetic facilities (HFR). */
  facilityCount?: number;
  /** Number of synthetic professionals (HPR). */
  professionalCount?: number;
  /** Where the SQLite store lives; ignored with `inMemory`. */
  dataDir: string;
  inMemory: boolean;
  /** The base URL partners use to reach this sandbox; issuer and JWKS URLs derive from it. */
  publicUrl: string;
  /** The consent manager id partners must send in X-CM-ID. */
  cmId: string;
  timestampWindow: TimestampWindow;
  /** How long the gateway waits for a bridge to answer a callback. */
  callbackTimeoutMs: number;
  /** Waits before each retry of a failed delivery; the live sandbox retries once about 16 minutes later. */
  callbackRetryDelaysMs: number[];
  /** Largest request body accepted on gateway operations. */
  maxBodyBytes: number;
  /** Register the documented demo HIP and HIU clients at start-up. */
  demoPartners: boolean;
}

export const DEFAULT_CONFIG: SandboxConfig = {
  seed: 1,
  population: 1_000_000,
  dataDir: '.abdm-sandbox',
  inMemory: false,
  publicUrl: 'http://localhost:8090',
  cmId: 'sbx',
  timestampWindow: DEFAULT_TIMESTAMP_WINDOW,
  callbackTimeoutMs: 5_000,
  callbackRetryDelaysMs: [2_000, 10_000],
  maxBodyBytes: 1024 * 1024,
  demoPartners: true,
};

/** The live sandbox's retry profile: one redelivery about 16 minutes later, with the same token (spec §10.3 #14). */
export const LIVE_RETRY_DELAYS_MS = [16 * 60_000];
