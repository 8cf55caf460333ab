// Conversions between bigints and the byte strings Fidelius uses: fixed-width big-endian (points, shared
// secret), little-endian (X25519), and Java's signed BigInteger.toByteArray() (private keys).

/** Unsigned big-endian bytes → bigint. */
export function bigIntFromBytes(bytes: Uint8Array): bigint {
  let value = 0n;
  for (const byte of bytes) value = (value << 8n) | BigInt(byte);
  return value;
}

/** bigint → unsigned big-endian, left-padded to `length` bytes. */
export function bigIntToBytes(value: bigint, length: number): Uint8Array {
  if (value < 0n || value >> BigInt(8 * length) !== 0n) throw new RangeError(`bigIntToBytes: value does not fit ${length} bytes`);
  const out = new Uint8Array(length);
  for (let i = length - 1; i >= 0; i--) {
    out[i] = Number(value & 0xffn);
    value >>= 8n;
  }
  return out;
}

/** bigint → unsigned little-endian, `length` bytes. */
export function bigIntToLittleEndian(value: bigint, length: number): Uint8Array {
  return bigIntToBytes(value, length).reverse();
}

/** Unsigned little-endian bytes → bigint. */
export function bigIntFromLittleEndian(bytes: Uint8Array): bigint {
  return bigIntFromBytes(Uint8Array.from(bytes).reverse());
}

/** Two's-complement big-endian bytes (Java `new BigInteger(byte[])`) → bigint. */
export function bigIntFromSignedBytes(bytes: Uint8Array): bigint {
  const unsigned = bigIntFromBytes(bytes);
  if (bytes.length > 0 && bytes[0] & 0x80) return unsigned - (1n << BigInt(8 * bytes.length));
  return unsigned;
}

/** bigint → Java `BigInteger.toByteArray()`: minimal two's-complement big-endian, with a 0x00 byte when the top bit would read as a sign. */
export function bigIntToSignedBytes(value: bigint): Uint8Array {
  // Java needs bitLength + 1 bits (one for the sign), rounded up to whole bytes; zero is one 0x00 byte.
  const magnitude = value < 0n ? -value - 1n : value;
  const bitLength = magnitude === 0n ? 0 : magnitude.toString(2).length;
  const length = Math.floor(bitLength / 8) + 1;
  const modulus = 1n << BigInt(8 * length);
  return bigIntToBytes(value < 0n ? value + modulus : value, length);
}
