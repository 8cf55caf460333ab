// The repositories of the flows the sandbox plays as patient, consent manager and HIU (M2; M3 adds its own).
import type { Db } from './database.js';
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

  constructor(db: Db) {
    this.discoveries = new DiscoveryRepository(db);
    this.linkRequests = new LinkRequestRepository(db);
    this.links = new LinkedCareContextRepository(db);
    this.linkTokens = new LinkTokenRepository(db);
    this.consents = new ConsentRepository(db);
    this.transfers = new HealthInformationRepository(db);
    this.profileShares = new ProfileShareRepository(db);
  }
}
