import { keyInvalid } from '../errors.ts'

/**
 * Refuses RSA public values no honest key has: an exponent that is even or below 3 (RFC 8017
 * §3.1: e is odd, 3 ≤ e; with e = 1 every signature is its own message), and a modulus with the
 * ROCA fingerprint (CVE-2017-15361: Infineon keys, factorable). `n` and `e` are big-endian bytes.
 */
export function assertRsaPublicValues(n: Uint8Array, e: Uint8Array): void {
  // Odd and not 1: the low byte is odd, and it or a byte above it exceeds 1.
  if (!(e[e.length - 1]! & 1 && e.some((byte, i) => byte > +(i === e.length - 1)))) throw keyInvalid('RSA exponent must be odd and at least 3')
  if (hasRocaFingerprint(n)) throw keyInvalid('RSA modulus has the ROCA fingerprint (CVE-2017-15361)')
}

/**
 * Infineon's primes are 65537^a mod M plus a multiple of M, M the product of the small primes,
 * so for each prime p up to 167 the modulus mod p lies in the subgroup 65537 generates mod p
 * (the detector of Nemec et al., CCS 2017). A random modulus fails that for some p with
 * probability 1 - 2^-154, about; the primes are found at run time rather than stored.
 */
function hasRocaFingerprint(n: Uint8Array): boolean {
  for (let p = 3; p < 168; p += 2) {
    let divisor = 3
    while (p % divisor) divisor += 2
    if (divisor < p) continue
    let residue = 0
    for (const byte of n) residue = (residue * 256 + byte) % p
    // Walk the subgroup from 1 until it meets the residue or comes back to 1.
    let power = 1
    while (power !== residue && (power = (power * 65537) % p) !== 1);
    if (power !== residue) return false
  }
  return true
}
