// How the sandbox's virtual HIPs push data to a HIU (spec §5.10, §6.6, §12.3 #5): several entries per page and
// several pages, the public key raw or X.509 (alternating across requests, as different real HIPs send them),
// sometimes the push before the HIU has on-request (as the live gateway does), and, on request, one entry
// corrupted so the HIU must report it ERRORED. Set for one patient or for everyone (`*`).
import { errors } from '../../protocol/errors.js';
import { hash32 } from '../../protocol/random.js';
import { nowIso, type SandboxContext } from '../context.js';
import { virtualPatient } from '../flows/flow-parties.js';

export interface VirtualHipBehaviour {
  /** Entries per page (WRAP sends 7; fewer here so that a few care contexts already make several pages). */
  entriesPerPage: number;
  /** `alternate`: raw or X.509 by the transaction, so a HIU meets both across requests. */
  publicKeyEncoding: 'alternate' | 'raw' | 'x509';
  /** `sometimes`: one transaction in three, picked by its id. */
  pushBeforeOnRequest: 'sometimes' | 'always' | 'never';
  /** 0 (WRAP) or 1: the spec does not say which. */
  firstPageNumber: 0 | 1;
  /** Corrupt the ciphertext of one entry: `true` for the first entry pushed, or the care context reference to spoil. */
  corruptEntry: boolean | string;
}

export const DEFAULT_HIP_BEHAVIOUR: VirtualHipBehaviour = {
  entriesPerPage: 3,
  publicKeyEncoding: 'alternate',
  pushBeforeOnRequest: 'sometimes',
  firstPageNumber: 0,
  corruptEntry: false,
};

/** The scope that applies to every patient without their own behaviour. */
export const EVERYONE = '*';

/** A behaviour from (partial) JSON over the defaults, or a 400 naming the field that is wrong. */
export function parseHipBehaviour(input: unknown, base: VirtualHipBehaviour = DEFAULT_HIP_BEHAVIOUR): VirtualHipBehaviour {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) throw errors.invalidBody('a virtual HIP behaviour is a JSON object, e.g. {"entriesPerPage":2,"corruptEntry":true}');
  const b = input as Record<string, unknown>;
  const unknown = Object.keys(b).filter((k) => !(k in DEFAULT_HIP_BEHAVIOUR));
  if (unknown.length > 0) throw errors.invalidBody(`unknown field${unknown.length > 1 ? 's' : ''} ${unknown.join(', ')}; the fields are ${Object.keys(DEFAULT_HIP_BEHAVIOUR).join(', ')}`);
  const out = { ...base };
  if (b.entriesPerPage !== undefined) {
    if (!Number.isInteger(b.entriesPerPage) || (b.entriesPerPage as number) < 1 || (b.entriesPerPage as number) > 100) throw errors.invalidBody(`entriesPerPage must be an integer from 1 to 100, not ${JSON.stringify(b.entriesPerPage)}`);
    out.entriesPerPage = b.entriesPerPage as number;
  }
  if (b.publicKeyEncoding !== undefined) {
    if (!['alternate', 'raw', 'x509'].includes(b.publicKeyEncoding as string)) throw errors.invalidBody(`publicKeyEncoding must be alternate, raw or x509, not ${JSON.stringify(b.publicKeyEncoding)}`);
    out.publicKeyEncoding = b.publicKeyEncoding as VirtualHipBehaviour['publicKeyEncoding'];
  }
  if (b.pushBeforeOnRequest !== undefined) {
    if (!['sometimes', 'always', 'never'].includes(b.pushBeforeOnRequest as string)) throw errors.invalidBody(`pushBeforeOnRequest must be sometimes, always or never, not ${JSON.stringify(b.pushBeforeOnRequest)}`);
    out.pushBeforeOnRequest = b.pushBeforeOnRequest as VirtualHipBehaviour['pushBeforeOnRequest'];
  }
  if (b.firstPageNumber !== undefined) {
    if (b.firstPageNumber !== 0 && b.firstPageNumber !== 1) throw errors.invalidBody(`firstPageNumber must be 0 or 1, not ${JSON.stringify(b.firstPageNumber)}`);
    out.firstPageNumber = b.firstPageNumber;
  }
  if (b.corruptEntry !== undefined) {
    if (typeof b.corruptEntry !== 'boolean' && (typeof b.corruptEntry !== 'string' || b.corruptEntry === '')) throw errors.invalidBody('corruptEntry must be true, false or a care context reference');
    out.corruptEntry = b.corruptEntry;
  }
  return out;
}

/** How the virtual HIPs push this patient's data: their own behaviour, else everyone's, else the defaults. */
export function hipBehaviourOf(ctx: SandboxContext, abhaAddress: string): VirtualHipBehaviour {
  const own = ctx.store.flows.settings.hipBehaviour(abhaAddress) ?? ctx.store.flows.settings.hipBehaviour(EVERYONE);
  return own === undefined ? DEFAULT_HIP_BEHAVIOUR : parseHipBehaviour(own);
}

/** Sets the behaviour for a patient (their ABHA address) or everyone (`*`); fields left out keep their defaults. */
export function setVirtualHipBehaviour(ctx: SandboxContext, scope: string, input: unknown): { scope: string; behaviour: VirtualHipBehaviour } {
  const key = scope === EVERYONE ? EVERYONE : virtualPatient(ctx, scope).abhaAddress;
  const behaviour = parseHipBehaviour(input);
  ctx.store.flows.settings.setHipBehaviour(key, behaviour, nowIso(ctx));
  return { scope: key, behaviour };
}

/** Back to the defaults (or to everyone's, for a patient). */
export function clearVirtualHipBehaviour(ctx: SandboxContext, scope: string): { scope: string; behaviour: VirtualHipBehaviour } {
  const key = scope === EVERYONE ? EVERYONE : virtualPatient(ctx, scope).abhaAddress;
  ctx.store.flows.settings.clearHipBehaviour(key);
  return { scope: key, behaviour: key === EVERYONE ? DEFAULT_HIP_BEHAVIOUR : hipBehaviourOf(ctx, key) };
}

/** Whether this transaction's pages go out before on-request. */
export function pushesFirst(ctx: SandboxContext, behaviour: VirtualHipBehaviour, transactionId: string): boolean {
  if (behaviour.pushBeforeOnRequest !== 'sometimes') return behaviour.pushBeforeOnRequest === 'always';
  return hash32(ctx.config.seed, 'push-before-on-request', transactionId) % 3 === 0;
}

/** The public-key form of this transaction's pages. */
export function keyEncodingFor(ctx: SandboxContext, behaviour: VirtualHipBehaviour, transactionId: string): 'raw' | 'x509' {
  if (behaviour.publicKeyEncoding !== 'alternate') return behaviour.publicKeyEncoding;
  return hash32(ctx.config.seed, 'push-key-encoding', transactionId) % 2 === 0 ? 'x509' : 'raw';
}
