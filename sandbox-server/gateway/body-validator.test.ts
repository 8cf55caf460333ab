import { describe, expect, it } from 'vitest';
import { OPERATIONS } from '../../protocol/operations/table.js';
import { BodyValidator, jsonPointerToPath } from './body-validator.js';

describe('BodyValidator', () => {
  it('compiles every operation schema of the table (ajv strict mode)', () => {
    expect(() => new BodyValidator(OPERATIONS).compileAll()).not.toThrow();
  });

  it('names each problem by its path in the body', () => {
    const v = new BodyValidator(OPERATIONS);
    expect(v.problems('gateway.sessions', { clientId: 'x', grantType: 'client_credentials' })).toEqual(['body.clientSecret is required']);
    expect(v.problems('gateway.bridge-url', { url: 'https://ok.example' })).toBeUndefined();
  });

  it('writes JSON pointers as readable paths', () => {
    expect(jsonPointerToPath('/patient/0/careContexts')).toBe('body.patient[0].careContexts');
    expect(jsonPointerToPath('/a~1b/x-y')).toBe('body["a/b"]["x-y"]');
  });
});
