// Consent requests HIUs made (spec §6.2–6.5): the request as asked, where the patient's decision stands and what
// is scheduled (a decision, a revocation, a lapse), the artefacts it produced (rows of `consents`), and every
// notification sent to the HIU with its acknowledgement.
import type { ConsentStatus } from '../../protocol/consent/consent-artefact.js';
import type { Db } from './database.js';
import type { GroupCommit } from './group-commit.js';

export type HipMode = 'virtual' | 'partner';

export interface ConsentRequestRecord {
  consentRequestId: string;
  /** REQUEST-ID of the HIU's init. */
  requestId: string;
  hiuId: string;
  abhaAddress: string;
  /** The `consent` of the init, as accepted. */
  consent: Record<string, unknown>;
  status: ConsentStatus;
  /** The patient's policy that decides it (JSON; the flow reads it). */
  policy?: unknown;
  /** Why it was denied or lapsed, as told to the HIU. */
  reason?: string;
  /** When the patient decides (absent: not yet scheduled, or decided by hand). */
  decideAt?: string;
  /** When the patient revokes the granted consent. */
  revokeAt?: string;
  /** When an undecided request lapses (EXPIRED). */
  lapseAt?: string;
  createdAt: string;
  updatedAt: string;
}

export interface RequestArtefact {
  consentId: string;
  consentRequestId: string;
  /** `virtual`: the sandbox plays the HIP; `partner`: a registered HIP's bridge serves it. */
  hipMode: HipMode;
  fetchedAt?: string;
}

export interface HiuNotice {
  /** REQUEST-ID of the notify call. */
  requestId: string;
  consentRequestId: string;
  status: ConsentStatus;
  /** The artefact ids the notification listed. */
  artefacts: string[];
  answer?: unknown;
  sentAt: string;
  answeredAt?: string;
}

export interface ScheduleChange {
  decideAt?: string | null;
  revokeAt?: string | null;
  lapseAt?: string | null;
}

interface RequestRow {
  consent_request_id: string;
  request_id: string;
  hiu_id: string;
  abha_address: string;
  consent: string;
  status: ConsentStatus;
  policy: string | null;
  reason: string | null;
  decide_at: string | null;
  revoke_at: string | null;
  lapse_at: string | null;
  created_at: string;
  updated_at: string;
}

interface ArtefactRow {
  consent_id: string;
  consent_request_id: string;
  hip_mode: HipMode;
  fetched_at: string | null;
}

interface NoticeRow {
  request_id: string;
  consent_request_id: string;
  status: ConsentStatus;
  artefacts: string;
  answer: string | null;
  sent_at: string;
  answered_at: string | null;
}

export class ConsentRequestRepository {
  private readonly insertStmt;
  private readonly getStmt;
  private readonly transitionStmt;
  private readonly policyStmt;
  private readonly dueDecisionsStmt;
  private readonly dueRevocationsStmt;
  private readonly dueLapsesStmt;
  private readonly insertArtefactStmt;
  private readonly artefactStmt;
  private readonly artefactsStmt;
  private readonly fetchedStmt;
  private readonly insertNoticeStmt;
  private readonly noticeStmt;
  private readonly noticesStmt;
  private readonly answerNoticeStmt;
  private readonly db: Db;
  private readonly scheduleStmts = new Map<string, ReturnType<Db['prepare']>>();

  constructor(
    db: Db,
    private readonly group?: GroupCommit,
  ) {
    this.db = db;
    this.insertStmt = db.prepare(
      `INSERT INTO consent_requests (consent_request_id, request_id, hiu_id, abha_address, consent, status, policy, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.getStmt = db.prepare<[string], RequestRow>('SELECT * FROM consent_requests WHERE consent_request_id = ?');
    // Only a change from `from` takes effect: a request revoked by hand is not revoked again by its schedule.
    this.transitionStmt = db.prepare('UPDATE consent_requests SET status = ?, reason = COALESCE(?, reason), updated_at = ? WHERE consent_request_id = ? AND status = ?');
    this.policyStmt = db.prepare('UPDATE consent_requests SET policy = ?, updated_at = ? WHERE consent_request_id = ?');
    this.dueDecisionsStmt = db.prepare<[string], RequestRow>("SELECT * FROM consent_requests WHERE status = 'REQUESTED' AND decide_at <= ? ORDER BY decide_at, consent_request_id");
    this.dueRevocationsStmt = db.prepare<[string], RequestRow>("SELECT * FROM consent_requests WHERE status = 'GRANTED' AND revoke_at <= ? ORDER BY revoke_at, consent_request_id");
    this.dueLapsesStmt = db.prepare<[string], RequestRow>("SELECT * FROM consent_requests WHERE status = 'REQUESTED' AND lapse_at <= ? ORDER BY lapse_at, consent_request_id");
    this.insertArtefactStmt = db.prepare('INSERT INTO consent_request_artefacts (consent_id, consent_request_id, hip_mode) VALUES (?, ?, ?)');
    this.artefactStmt = db.prepare<[string], ArtefactRow>('SELECT * FROM consent_request_artefacts WHERE consent_id = ?');
    this.artefactsStmt = db.prepare<[string], ArtefactRow>('SELECT * FROM consent_request_artefacts WHERE consent_request_id = ? ORDER BY rowid');
    this.fetchedStmt = db.prepare('UPDATE consent_request_artefacts SET fetched_at = COALESCE(fetched_at, ?) WHERE consent_id = ?');
    this.insertNoticeStmt = db.prepare('INSERT INTO hiu_notices (request_id, consent_request_id, status, artefacts, sent_at) VALUES (?, ?, ?, ?, ?)');
    this.noticeStmt = db.prepare<[string], NoticeRow>('SELECT * FROM hiu_notices WHERE request_id = ?');
    this.noticesStmt = db.prepare<[string], NoticeRow>('SELECT * FROM hiu_notices WHERE consent_request_id = ? ORDER BY rowid');
    this.answerNoticeStmt = db.prepare('UPDATE hiu_notices SET answer = ?, answered_at = ? WHERE request_id = ?');
  }

  insert(r: Pick<ConsentRequestRecord, 'consentRequestId' | 'requestId' | 'hiuId' | 'abhaAddress' | 'consent' | 'policy' | 'createdAt'>): void {
    this.group?.begin();
    this.insertStmt.run(r.consentRequestId, r.requestId, r.hiuId, r.abhaAddress, JSON.stringify(r.consent), 'REQUESTED', r.policy === undefined ? null : JSON.stringify(r.policy), r.createdAt, r.createdAt);
  }

  get(consentRequestId: string): ConsentRequestRecord | undefined {
    const row = this.getStmt.get(consentRequestId);
    return row ? fromRequestRow(row) : undefined;
  }

  /** Moves a request from `from` to `to`; false when it was no longer in `from`. */
  transition(consentRequestId: string, from: ConsentStatus, to: ConsentStatus, at: string, reason?: string): boolean {
    this.group?.begin();
    return this.transitionStmt.run(to, reason ?? null, at, consentRequestId, from).changes === 1;
  }

  setPolicy(consentRequestId: string, policy: unknown, at: string): void {
    this.group?.begin();
    this.policyStmt.run(JSON.stringify(policy), at, consentRequestId);
  }

  /** Sets (a string), clears (null) or keeps (undefined) each scheduled time. */
  schedule(consentRequestId: string, change: ScheduleChange, at: string): void {
    const sets: string[] = [];
    const values: Array<string | null> = [];
    for (const [column, value] of [['decide_at', change.decideAt], ['revoke_at', change.revokeAt], ['lapse_at', change.lapseAt]] as const) {
      if (value === undefined) continue;
      sets.push(`${column} = ?`);
      values.push(value);
    }
    if (sets.length === 0) return;
    const sql = `UPDATE consent_requests SET ${sets.join(', ')}, updated_at = ? WHERE consent_request_id = ?`;
    let stmt = this.scheduleStmts.get(sql);
    if (!stmt) this.scheduleStmts.set(sql, (stmt = this.db.prepare(sql)));
    this.group?.begin();
    stmt.run([...values, at, consentRequestId]);
  }

  /** REQUESTED requests whose decision is due at `nowIso`. */
  dueDecisions(nowIso: string): ConsentRequestRecord[] {
    return this.dueDecisionsStmt.all(nowIso).map(fromRequestRow);
  }

  /** GRANTED requests whose revocation is due. */
  dueRevocations(nowIso: string): ConsentRequestRecord[] {
    return this.dueRevocationsStmt.all(nowIso).map(fromRequestRow);
  }

  /** REQUESTED requests that lapse undecided. */
  dueLapses(nowIso: string): ConsentRequestRecord[] {
    return this.dueLapsesStmt.all(nowIso).map(fromRequestRow);
  }

  addArtefact(a: Omit<RequestArtefact, 'fetchedAt'>): void {
    this.group?.begin();
    this.insertArtefactStmt.run(a.consentId, a.consentRequestId, a.hipMode);
  }

  /** The request an artefact came from, if it came from one (M2's consents did not). */
  artefact(consentId: string): RequestArtefact | undefined {
    const row = this.artefactStmt.get(consentId);
    return row ? fromArtefactRow(row) : undefined;
  }

  artefacts(consentRequestId: string): RequestArtefact[] {
    return this.artefactsStmt.all(consentRequestId).map(fromArtefactRow);
  }

  /** Notes the first fetch of an artefact. */
  markFetched(consentId: string, at: string): void {
    this.group?.begin();
    this.fetchedStmt.run(at, consentId);
  }

  recordNotice(n: Pick<HiuNotice, 'requestId' | 'consentRequestId' | 'status' | 'artefacts' | 'sentAt'>): void {
    this.group?.begin();
    this.insertNoticeStmt.run(n.requestId, n.consentRequestId, n.status, JSON.stringify(n.artefacts), n.sentAt);
  }

  notice(requestId: string): HiuNotice | undefined {
    const row = this.noticeStmt.get(requestId);
    return row ? fromNoticeRow(row) : undefined;
  }

  notices(consentRequestId: string): HiuNotice[] {
    return this.noticesStmt.all(consentRequestId).map(fromNoticeRow);
  }

  answerNotice(requestId: string, answer: unknown, at: string): void {
    this.group?.begin();
    this.answerNoticeStmt.run(JSON.stringify(answer), at, requestId);
  }
}

function fromRequestRow(row: RequestRow): ConsentRequestRecord {
  return {
    consentRequestId: row.consent_request_id,
    requestId: row.request_id,
    hiuId: row.hiu_id,
    abhaAddress: row.abha_address,
    consent: JSON.parse(row.consent) as Record<string, unknown>,
    status: row.status,
    policy: row.policy === null ? undefined : JSON.parse(row.policy),
    reason: row.reason ?? undefined,
    decideAt: row.decide_at ?? undefined,
    revokeAt: row.revoke_at ?? undefined,
    lapseAt: row.lapse_at ?? undefined,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function fromArtefactRow(row: ArtefactRow): RequestArtefact {
  return { consentId: row.consent_id, consentRequestId: row.consent_request_id, hipMode: row.hip_mode, fetchedAt: row.fetched_at ?? undefined };
}

function fromNoticeRow(row: NoticeRow): HiuNotice {
  return {
    requestId: row.request_id,
    consentRequestId: row.consent_request_id,
    status: row.status,
    artefacts: JSON.parse(row.artefacts) as string[],
    answer: row.answer === null ? undefined : JSON.parse(row.answer),
    sentAt: row.sent_at,
    answeredAt: row.answered_at ?? undefined,
  };
}
