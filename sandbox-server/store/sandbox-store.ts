// The sandbox's store: one SQLite database and the repositories over it.
import { AbhaRepository } from './abha-repository.js';
import { openDatabase, type Db, type StoreLocation } from './database.js';
import { FlowRepositories } from './flow-repositories.js';
import { GroupCommit } from './group-commit.js';
import { JournalRepository } from './journal-repository.js';
import { MetaRepository } from './meta-repository.js';
import { PartnerRepository } from './partner-repository.js';
import { SentCallbackRepository } from './sent-callback-repository.js';

export class SandboxStore {
  readonly meta: MetaRepository;
  readonly partners: PartnerRepository;
  readonly journal: JournalRepository;
  readonly sentCallbacks: SentCallbackRepository;
  readonly abha: AbhaRepository;
  /** State of the flows the sandbox plays as patient, consent manager and HIU. */
  readonly flows: FlowRepositories;
  /** The shared transaction the hot writes (sent callbacks, flows) are committed in together. */
  readonly group: GroupCommit;

  private constructor(readonly db: Db) {
    this.group = new GroupCommit(db);
    this.meta = new MetaRepository(db);
    this.partners = new PartnerRepository(db);
    this.journal = new JournalRepository(db);
    this.sentCallbacks = new SentCallbackRepository(db, this.group);
    this.flows = new FlowRepositories(db, this.group);
    this.abha = new AbhaRepository(db);
  }

  static open(location: StoreLocation): SandboxStore {
    return new SandboxStore(openDatabase(location));
  }

  /** Writes anything queued and closes the database. */
  close(): void {
    this.journal.flush();
    this.group.commit();
    this.db.close();
  }
}
