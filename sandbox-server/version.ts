// The sandbox's version, as reported in the OpenAPI document and reports. Kept in step with package.json by a test.
export const SANDBOX_VERSION = '0.1.0';
