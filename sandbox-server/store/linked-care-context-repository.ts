// Care contexts linked to an ABHA address at a HIP (spec §12.1 "linked care contexts"), by the patient
// (user-initiated linking) or by the HIP (link token). What consents may name and discovery must not offer again.
import type { Db } from './database.js';
import type { GroupCommit } from './group-commit.js';

export interface LinkedCareContext {
  hipId: string;
  abhaAddress: string;
  careContextReference: string;
  patientReference: string;
  hiType?: string;
  display?: string;
  linkedBy: 'patient' | 'hip';
  linkedAt: string;
}

interface Row {
  hip_id: string;
  abha_address: string;
  care_context_ref: string;
  patient_ref: string;
  hi_type: string | null;
  display: string | null;
  linked_by: 'patient' | 'hip';
  linked_at: string;
}

export class LinkedCareContextRepository {
  private readonly insertStmt;
  private readonly forPatientStmt;
  private readonly everywhereStmt;
  private readonly oneStmt;

  constructor(
    db: Db,
    private readonly group?: GroupCommit,
  ) {
    this.insertStmt = db.prepare(
      'INSERT INTO linked_care_contexts (hip_id, abha_address, care_context_ref, patient_ref, hi_type, display, linked_by, linked_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING',
    );
    this.forPatientStmt = db.prepare<[string, string], Row>('SELECT * FROM linked_care_contexts WHERE abha_address = ? AND hip_id = ? ORDER BY care_context_ref');
    this.everywhereStmt = db.prepare<[string], Row>('SELECT * FROM linked_care_contexts WHERE abha_address = ? ORDER BY hip_id, care_context_ref');
    this.oneStmt = db.prepare<[string, string, string], Row>('SELECT * FROM linked_care_contexts WHERE hip_id = ? AND abha_address = ? AND care_context_ref = ?');
  }

  /** Links one care context; false when it was already linked (the first link is kept). */
  link(c: LinkedCareContext): boolean {
    this.group?.begin();
    return this.insertStmt.run(c.hipId, c.abhaAddress, c.careContextReference, c.patientReference, c.hiType ?? null, c.display ?? null, c.linkedBy, c.linkedAt).changes === 1;
  }

  /** The care contexts linked to `abhaAddress` at `hipId`, by reference. */
  forPatient(abhaAddress: string, hipId: string): LinkedCareContext[] {
    return this.forPatientStmt.all(abhaAddress, hipId).map(fromRow);
  }

  /** The care contexts linked to `abhaAddress` at every HIP, by HIP and reference (what a consent request may cover). */
  ofPatient(abhaAddress: string): LinkedCareContext[] {
    return this.everywhereStmt.all(abhaAddress).map(fromRow);
  }

  find(hipId: string, abhaAddress: string, careContextReference: string): LinkedCareContext | undefined {
    const row = this.oneStmt.get(hipId, abhaAddress, careContextReference);
    return row ? fromRow(row) : undefined;
  }
}

function fromRow(row: Row): LinkedCareContext {
  return {
    hipId: row.hip_id,
    abhaAddress: row.abha_address,
    careContextReference: row.care_context_ref,
    patientReference: row.patient_ref,
    hiType: row.hi_type ?? undefined,
    display: row.display ?? undefined,
    linkedBy: row.linked_by,
    linkedAt: row.linked_at,
  };
}
