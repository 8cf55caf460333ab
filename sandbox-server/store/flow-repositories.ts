// The repositories of the flows the sandbox plays as patient, consent manager and HIU (M2; M3 adds its own).
import type { Db } from './database.js';
import type { GroupCommit } from './group-commit.js';
import { ConsentRepository } from './consent-repository.js';
import { DiscoveryRepository } from './discovery-repository.js';
import { HealthInformationRepository } from './health-information-repository.js';
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

  constructor(db: Db, group?: GroupCommit) {
    this.discoveries = new DiscoveryRepository(db, group);
    this.linkRequests = new LinkRequestRepository(db, group);
    this.links = new LinkedCareContextRepository(db, group);
    this.linkTokens = new LinkTokenRepository(db, group);
    this.consents = new ConsentRepository(db, group);
    this.transfers = new HealthInformationRepository(db, group);
    this.profileShares = new ProfileShareRepository(db, group);
  }
}
