import { describe, expect, it } from 'vitest';
import { EventStreamParser } from './event-stream-parser.js';

describe('server-sent events parser', () => {
  it('assembles events split across chunks, joins data lines, counts comments and ignores keep-alives', () => {
    const p = new EventStreamParser();
    expect(p.push(': abdm-sandbox event stream\nretry: 2000\n\n')).toEqual([]);
    expect(p.comments).toBe(1);
    expect(p.push('id: 7\nevent: exchange\ndata: {"a":')).toEqual([]);
    expect(p.push('1}\n\n: keep-alive\n\ndata: line one\r\ndata: line two\r\n\r\n')).toEqual([
      { id: '7', event: 'exchange', data: '{"a":1}' },
      { data: 'line one\nline two' },
    ]);
    expect(p.comments).toBe(2);
  });
});
