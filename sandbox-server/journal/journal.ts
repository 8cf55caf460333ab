// The journal: records every exchange (redacted), indexes its ABDM ids, and announces it on the event bus.
import type { EventBus } from '../events/event-bus.js';
import type { JournalQuery, JournalRepository } from '../store/journal-repository.js';
import { correlationIdsOf } from './correlation-ids.js';
import type { Exchange } from './exchange.js';
import { redactBodyText, redactHeaders } from './redaction.js';

/** An exchange as the gateway knows it, before redaction and indexing. */
export type ExchangeDraft = Omit<Exchange, 'correlationIds' | 'findings'> & {
  findings?: Exchange['findings'];
  /** The parsed request body, when the caller already has it (saves parsing twice). */
  parsedBody?: unknown;
  /** Extra ids to index (e.g. the REQUEST-ID an error callback answers). */
  extraCorrelationIds?: ReadonlyArray<string>;
};

export class Journal {
  constructor(
    private readonly repository: JournalRepository,
    private readonly events: EventBus,
  ) {}

  nextId(): number {
    return this.repository.nextId();
  }

  record(draft: ExchangeDraft): Exchange {
    const { parsedBody, extraCorrelationIds, ...rest } = draft;
    const body = parsedBody !== undefined ? parsedBody : safeParse(draft.requestBody);
    const correlationIds = correlationIdsOf(draft.requestId, body);
    for (const id of extraCorrelationIds ?? []) if (!correlationIds.includes(id)) correlationIds.push(id);
    const exchange: Exchange = {
      ...rest,
      requestHeaders: redactHeaders(draft.requestHeaders),
      requestBody: redactBodyText(draft.requestBody),
      responseHeaders: draft.responseHeaders ? redactHeaders(draft.responseHeaders) : undefined,
      responseBody: redactBodyText(draft.responseBody),
      correlationIds,
      findings: draft.findings ?? [],
    };
    this.repository.append(exchange);
    if (!this.events.hasListeners) return exchange;
    this.events.emit(
      'exchange',
      {
        direction: exchange.direction,
        operationId: exchange.operationId,
        method: exchange.method,
        url: exchange.url,
        clientId: exchange.clientId,
        serviceId: exchange.serviceId,
        status: exchange.status,
        errorCode: exchange.errorCode,
        durationMs: exchange.durationMs,
        causedBy: exchange.causedBy,
        answers: exchange.answers,
      },
      { correlation: correlationIds, exchangeId: exchange.id, findings: exchange.findings },
    );
    return exchange;
  }

  get(id: number): Exchange | undefined {
    return this.repository.get(id);
  }

  query(q: JournalQuery): Exchange[] {
    return this.repository.query(q);
  }

  flush(): void {
    this.repository.flush();
  }
}

function safeParse(text: string | undefined): unknown {
  if (!text || (text[0] !== '{' && text[0] !== '[')) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
