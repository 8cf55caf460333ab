// Identifier rules for ABDM: one module per identifier, re-exported here for the other layers.
export * from './id-check.js';
export * from './luhn.js';
export * from './verhoeff.js';
export * from './fourteen-digit-number.js';
export * from './abha-number.js';
export * from './abha-address.js';
export * from './hfr-facility-id.js';
export * from './hpr-id.js';
export * from './indian-mobile.js';
export * from './pincode.js';
export * from './aadhaar.js';
export * from './synthetic-aadhaar.js';
