// Request bodies of the gateway module: sessions and bridge registration (spec §2.1, §3.5).
import { object, type JsonSchema } from './common.js';

export const sessionRequest: JsonSchema = {
  ...object(
    {
      clientId: { type: 'string', minLength: 1 },
      clientSecret: { type: 'string' },
      grantType: { type: 'string', enum: ['client_credentials', 'refresh_token'] },
      refreshToken: { type: 'string', minLength: 1 },
    },
    ['clientId', 'grantType'],
  ),
  // client_credentials needs the secret; refresh_token needs the refresh token.
  allOf: [
    { if: object({ grantType: { const: 'client_credentials' } }, ['grantType']), then: { required: ['clientSecret'] } },
    { if: object({ grantType: { const: 'refresh_token' } }, ['grantType']), then: { required: ['refreshToken'] } },
  ],
};

export const bridgeUrlRequest: JsonSchema = object({ url: { type: 'string', format: 'uri', pattern: '^https?://' } }, ['url']);
