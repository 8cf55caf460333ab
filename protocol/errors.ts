// ABDM errors as values. Services throw an AbdmError; one adapter turns it into the body the real
// gateway sends. The gateway has several error shapes (spec §10.1), so each error says which it wears.

/**
 * - `abdm`: `{"error":{"code":"ABDM-1006","message":"..."}}` (v3 documented shape)
 * - `abdm-array`: `[{"error":{...}}, ...]` (v3 validation of several fields at once)
 * - `wso2`: `{"code":"900901","message":"...","description":"..."}` (API manager in front of v3)
 * - `status-report`: `{"code":"404","type":"Status report",...}` (no route matched)
 * ABHA's shapes (spec §10.1), each stamped with ABHA's `timestamp` (`yyyy-MM-dd HH:mm:ss`, IST):
 * - `abha-field`: `{"loginId":"Invalid LoginId","timestamp":...}`: `code` is the field name; `items` add more fields
 * - `abha-message`: `{"message":"Invalid X-token","timestamp":...}`
 * - `abha-flat`: `{"code":"ABDM-1094","message":"X-token expired","timestamp":...}`
 * - `abha-flat-array`: `[{"code":"ABDM-9999: ","message":"Invalid Login Hint"}]` (PHR app; the code keeps its ": ")
 * - `abha-otp-description`: `{"txnId":"<txnId>","description":"Invalid OTP value"}` (wrong ABDM OTP): `code` is the txnId
 * - `his`: `{"code":"HIS-422","message":"...","details":[{"message","code","attribute":null}]}` (legacy Health-ID v1/v2)
 */
export type ErrorShape =
  | 'abdm'
  | 'abdm-array'
  | 'wso2'
  | 'status-report'
  | 'abha-field'
  | 'abha-message'
  | 'abha-flat'
  | 'abha-flat-array'
  | 'abha-otp-description'
  | 'his';

export interface ErrorItem {
  code: string;
  message: string;
}

export class AbdmError extends Error {
  constructor(
    readonly code: string,
    readonly httpStatus: number,
    message: string,
    readonly shape: ErrorShape = 'abdm',
    /** Further errors reported together (only with the `abdm-array` shape). */
    readonly items: ReadonlyArray<ErrorItem> = [],
    /** Only for `wso2` and `status-report`: the longer explanation those shapes carry. */
    readonly description?: string,
  ) {
    super(message);
    this.name = 'AbdmError';
  }

  /** The JSON body the real service would send for this error; `nowMs` stamps ABHA's shapes. */
  toBody(nowMs = 0): unknown {
    switch (this.shape) {
      case 'abdm':
        return { error: { code: this.code, message: this.message } };
      case 'abdm-array': {
        const all = [{ code: this.code, message: this.message }, ...this.items];
        return all.map((e) => ({ error: { code: e.code, message: e.message } }));
      }
      case 'wso2':
        return { code: this.code, message: this.message, description: this.description ?? this.message };
      case 'status-report':
        return { code: String(this.httpStatus), type: 'Status report', message: this.message, description: this.description ?? '' };
      case 'abha-field':
        return { ...Object.fromEntries([this, ...this.items].map((e) => [e.code, e.message])), timestamp: abhaTimestamp(nowMs) };
      case 'abha-message':
        return { message: this.message, timestamp: abhaTimestamp(nowMs) };
      case 'abha-flat':
        return { code: this.code, message: this.message, timestamp: abhaTimestamp(nowMs) };
      case 'abha-flat-array':
        return [this, ...this.items].map((e) => ({ code: `${e.code}: `, message: e.message }));
      case 'abha-otp-description':
        return { txnId: this.code, description: this.message };
      case 'his':
        return { code: this.code, message: this.message, details: this.items.map((e) => ({ message: e.message, code: e.code, attribute: null })) };
    }
  }

  /** The error as it travels inside a callback body (`"error": {code, message}`). */
  toCallbackError(): ErrorItem {
    return { code: this.code, message: this.message };
  }
}

export function isAbdmError(value: unknown): value is AbdmError {
  return value instanceof AbdmError;
}

const IST_OFFSET_MS = 330 * 60_000;

/**
 * ABHA's error `timestamp`, e.g. `2024-05-10 11:13:04`. The zone is not stated anywhere; an error stamped
 * `14:34:55` beside requests sent at 09:04Z (NHA-LEARN) reads as IST, so IST it is [UNSURE].
 */
export function abhaTimestamp(ms: number): string {
  return new Date(ms + IST_OFFSET_MS).toISOString().slice(0, 19).replace('T', ' ');
}

/**
 * True for any error body ABDM sends (spec §10.1): `{error:{code,message}}`, arrays of those, flat
 * `{code,message}`, ABHA's `{message,timestamp}` and field-keyed `{<field>:"...",timestamp}`, and
 * `{txnId,description}`. Clients must parse them all; tests use this to recognise them.
 */
export function isAbdmErrorBody(json: unknown): boolean {
  if (Array.isArray(json)) return json.length > 0 && json.every((e) => isAbdmErrorBody(e));
  if (json === null || typeof json !== 'object') return false;
  const o = json as Record<string, unknown>;
  const error = o.error as { code?: unknown; message?: unknown } | undefined;
  if (typeof error?.code === 'string' && typeof error.message === 'string') return true;
  if (typeof o.code === 'string' && typeof o.message === 'string') return true;
  if (typeof o.txnId === 'string' && typeof o.description === 'string') return true;
  if (typeof o.timestamp === 'string') return Object.entries(o).some(([k, v]) => k !== 'timestamp' && typeof v === 'string');
  return false;
}

/** `published: detail`, so a message starts with the text partners grep for and ends with the specifics. */
export function say(published: string, detail?: string): string {
  return detail ? `${published}: ${detail}` : published;
}

/**
 * The error catalogue, as factories. Codes and published texts come from spec §10.2 and NHA's v3 catalogue;
 * the detail argument names exactly what was wrong with this request.
 */
export const errors = {
  // Authentication (spec §2, §10.2)
  authorizationMissing: () =>
    new AbdmError('ABDM-2500', 401, 'Authorization header is missing'),
  invalidCredentials: (detail: string) =>
    new AbdmError('900901', 401, 'Invalid Credentials', 'wso2', [], say('Invalid Credentials. Make sure you have provided the correct security credentials', detail)),
  resourceForbidden: (detail: string) =>
    new AbdmError('900910', 403, 'The access token does not allow you to access the requested resource', 'wso2', [], detail),
  invalidClient: (detail: string) => new AbdmError('ABDM-1015', 401, say('Invalid client credentials', detail)),
  invalidSessionRequest: (detail: string) => new AbdmError('ABDM-1015', 400, say('Bad Request, invalid request', detail)),

  // Headers (spec §2.4, §3.3)
  invalidHeader: (detail: string) => new AbdmError('ABDM-1032', 400, say('Invalid header', detail)),
  invalidRequestId: (detail: string) => new AbdmError('ABDM-2404', 400, say('Invalid Request Id', detail)),
  repeatedRequestId: (detail: string) => new AbdmError('ABDM-1064', 400, say('request with this request id already exists', detail)),
  invalidTimestampFormat: (detail: string) => new AbdmError('ABDM-1016', 400, say('Invalid TimeStamp', detail)),
  timestampOutOfWindow: (detail: string) => new AbdmError('ABDM-2402', 400, say('Invalid Timestamp', detail)),
  invalidCmId: (detail: string) => new AbdmError('ABDM-2403', 400, say('Invalid X-CM-ID', detail)),
  invalidHipId: (detail: string) => new AbdmError('ABDM-1035', 400, say('Invalid HIP ID', detail)),
  invalidHiuId: (detail: string) => new AbdmError('ABDM-1040', 400, say('Invalid HIU ID', detail)),

  // Bodies
  bodyMissing: () => new AbdmError('ABDM-1064', 400, 'Request body was missing'),
  invalidBody: (detail: string) => new AbdmError('ABDM-1006', 400, say('Bad Request, invalid request Body', detail)),
  bodyTooLarge: (limitBytes: number) =>
    new AbdmError('ABDM-1006', 413, say('Bad Request, invalid request Body', `body larger than the ${limitBytes}-byte limit`)),
  unsupportedMediaType: (detail: string) => new AbdmError('ABDM-1006', 415, say('Bad Request, invalid request Body', detail)),

  // Correlation of callbacks (spec §3.1, §3.3)
  noMappingFor: (detail: string) => new AbdmError('ABDM-2500', 400, say('No mapping found for', detail)),

  // Lookups
  noDataFound: (detail?: string) => new AbdmError('ABDM-1001', 404, say('No data found', detail)),
  invalidServiceId: (detail: string) => new AbdmError('ABDM-1025', 400, say('Invalid ServiceId', detail)),

  // Routing (no operation matched): the API manager's own shapes
  noRoute: (method: string, path: string) =>
    new AbdmError('404', 404, 'Runtime Error', 'status-report', [], `No matching resource found for given API Request: ${method} ${path}`),
  methodNotAllowed: (method: string, path: string, allowed: ReadonlyArray<string>) =>
    new AbdmError('405', 405, 'Runtime Error', 'status-report', [], `Method not allowed for given API resource: ${method} ${path} (allowed: ${allowed.join(', ')})`),

  // Availability
  dependentServiceUnavailable: (detail?: string) => new AbdmError('ABDM-1024', 503, say('Dependent service unavailable', detail)),
  cannotProcessNow: () => new AbdmError('ABDM-9999', 500, 'Cannot process the request at the moment, please try later.'),
  unknownException: (detail?: string) => new AbdmError('ABDM-9999', 500, say('Unknown exception', detail)),
} as const;
