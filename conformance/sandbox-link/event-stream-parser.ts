// Parses a server-sent-events stream (the sandbox's /sandbox/events) as it arrives in chunks: events end with a
// blank line, `data:` lines join with newlines, `:` lines are comments (the greeting, keep-alives).

export interface ServerSentEvent {
  event?: string;
  id?: string;
  data: string;
}

export class EventStreamParser {
  private buffer = '';
  /** Comments seen so far (the stream's greeting tells the client it is live). */
  comments = 0;

  /** Feeds a chunk; returns the events it completed. */
  push(chunk: string): ServerSentEvent[] {
    this.buffer += chunk.replace(/\r\n?/g, '\n');
    const out: ServerSentEvent[] = [];
    let end: number;
    while ((end = this.buffer.indexOf('\n\n')) >= 0) {
      const block = this.buffer.slice(0, end);
      this.buffer = this.buffer.slice(end + 2);
      const event = this.parseBlock(block);
      if (event) out.push(event);
    }
    return out;
  }

  private parseBlock(block: string): ServerSentEvent | undefined {
    const data: string[] = [];
    let event: string | undefined;
    let id: string | undefined;
    for (const line of block.split('\n')) {
      if (line.startsWith(':')) {
        this.comments += 1;
        continue;
      }
      const colon = line.indexOf(':');
      const field = colon < 0 ? line : line.slice(0, colon);
      const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
      if (field === 'data') data.push(value);
      else if (field === 'event') event = value;
      else if (field === 'id') id = value;
    }
    if (data.length === 0) return undefined;
    return { data: data.join('\n'), ...(event !== undefined ? { event } : {}), ...(id !== undefined ? { id } : {}) };
  }
}
