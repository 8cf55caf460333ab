// The repositories of the flows the sandbox plays as patient, consent manager and HIU toward HIPs (M2), and as
// patient, consent manager and HIPs toward HIUs (M3).
import type { Db } from './database.js';
import type { GroupCommit } from './group-commit.js';
import { ConsentRepository } from './consent-repository.js';
import { ConsentRequestRepository } from './consent-request-repository.js';
import { DiscoveryRepository } from './discovery-repository.js';
import { FlowSettingsRepository } from './flow-settings-repository.js';
import { HealthInformationRepository } from './health-information-repository.js';
import { HiuTransferRepository } from './hiu-transfer-repository.js';
import { LinkRequestRepository } from './link-request-repository.js';
import { LinkTokenRepository } from './link-token-repository.js';
import { LinkedCareContextRepository } from './linked-care-context-repository.js';
import { ProfileShareRepository } from './profile-share-repository.js';

export class FlowRepositories {
  readonly discoveries: DiscoveryRepository;
  readonly linkRequests: LinkRequestRepository;
  readonly links: LinkedCareContextRepository;
  readonly linkTokens: LinkTokenRepository;
  readonly consents: ConsentRepository;
  readonly transfers: HealthInformationRepository;
  readonly profileShares: ProfileShareRepository;
  readonly consentRequests: ConsentRequestRepository;
  readonly hiuTransfers: HiuTransferRepository;
  readonly settings: FlowSettingsRepository;

  constructor(db: Db, group?: GroupCommit) {
    this.discoveries = new DiscoveryRepository(db, group);
    this.linkRequests = new LinkRequestRepository(db, group);
    this.links = new LinkedCareContextRepository(db, group);
    this.linkTokens = new LinkTokenRepository(db, group);
    this.consents = new ConsentRepository(db, group);
    this.transfers = new HealthInformationRepository(db, group);
    this.profileShares = new ProfileShareRepository(db, group);
    this.consentRequests = new ConsentRequestRepository(db, group);
    this.hiuTransfers = new HiuTransferRepository(db, group);
    this.settings = new FlowSettingsRepository(db);
  }
}
