// What the tester told the sandbox's virtual parties to do: each patient's consent policy (how they answer
// consent requests) and the behaviour of the virtual HIPs pushing data (per patient, or `*` for everyone).
// Stored as JSON the flows validate; settings survive a restart like the rest of the store.
import type { Db } from './database.js';

interface SettingRow {
  value: string;
}

export class FlowSettingsRepository {
  private readonly getPolicyStmt;
  private readonly putPolicyStmt;
  private readonly deletePolicyStmt;
  private readonly getBehaviourStmt;
  private readonly putBehaviourStmt;
  private readonly deleteBehaviourStmt;

  constructor(db: Db) {
    this.getPolicyStmt = db.prepare<[string], SettingRow>('SELECT policy AS value FROM consent_policies WHERE abha_address = ?');
    this.putPolicyStmt = db.prepare('INSERT INTO consent_policies (abha_address, policy, updated_at) VALUES (?, ?, ?) ON CONFLICT (abha_address) DO UPDATE SET policy = excluded.policy, updated_at = excluded.updated_at');
    this.deletePolicyStmt = db.prepare('DELETE FROM consent_policies WHERE abha_address = ?');
    this.getBehaviourStmt = db.prepare<[string], SettingRow>('SELECT behaviour AS value FROM virtual_hip_behaviours WHERE scope = ?');
    this.putBehaviourStmt = db.prepare('INSERT INTO virtual_hip_behaviours (scope, behaviour, updated_at) VALUES (?, ?, ?) ON CONFLICT (scope) DO UPDATE SET behaviour = excluded.behaviour, updated_at = excluded.updated_at');
    this.deleteBehaviourStmt = db.prepare('DELETE FROM virtual_hip_behaviours WHERE scope = ?');
  }

  /** The patient's consent policy (JSON), if one was set. */
  consentPolicy(abhaAddress: string): unknown {
    const row = this.getPolicyStmt.get(abhaAddress);
    return row ? JSON.parse(row.value) : undefined;
  }

  setConsentPolicy(abhaAddress: string, policy: unknown, at: string): void {
    this.putPolicyStmt.run(abhaAddress, JSON.stringify(policy), at);
  }

  clearConsentPolicy(abhaAddress: string): void {
    this.deletePolicyStmt.run(abhaAddress);
  }

  /** The virtual-HIP behaviour set for a scope (an ABHA address, or `*`), if any. */
  hipBehaviour(scope: string): unknown {
    const row = this.getBehaviourStmt.get(scope);
    return row ? JSON.parse(row.value) : undefined;
  }

  setHipBehaviour(scope: string, behaviour: unknown, at: string): void {
    this.putBehaviourStmt.run(scope, JSON.stringify(behaviour), at);
  }

  clearHipBehaviour(scope: string): void {
    this.deleteBehaviourStmt.run(scope);
  }
}
