export { JOSE_ERROR_CODES, JoseError, JwtClaimError, type JoseErrorCode, type JwtClaimFailureReason } from './errors.ts'
export * as base64url from './base64url.ts'
export { importKey, type ImportKeyOptions, type KeyAlgorithm } from './keys/import-key.ts'
export type { KeyInput, KeyResolver } from './keys/resolve-key.ts'
// Structural twins of the Web Crypto globals, for code that compiles without the DOM lib.
export type { CryptoKey, JsonWebKey } from './web-types.ts'
export type { JoseHeaderParameters, JweHeader, JwsHeader } from './serialization/header.ts'
export type { SizeLimits } from './serialization/limits.ts'
export type { SignatureAlgorithm } from './algorithms/signature.ts'
export type { KeyManagementAlgorithm } from './algorithms/key-management.ts'
export type { ContentEncryptionAlgorithm } from './algorithms/content-encryption.ts'
export { compactDecrypt, type CompactDecryptOptions, type CompactDecryptResult } from './jwe/compact-decrypt.ts'
export type { JweDecryptionOptions } from './jwe/decrypt-policy.ts'
export { compactEncrypt } from './jwe/compact-encrypt.ts'
export { compactVerify, type CompactVerifyOptions, type CompactVerifyResult, type JwsVerifyOptions } from './jws/compact-verify.ts'
export { compactSign } from './jws/compact-sign.ts'
export { flattenedVerify, type FlattenedVerifyResult, type JwsJsonInput } from './jws/flattened-verify.ts'
export { generalVerify, type GeneralVerifyOptions, type GeneralVerifyResult } from './jws/general-verify.ts'
export { flattenedSign, type FlattenedJws, type JwsSignerHeaders } from './jws/flattened-sign.ts'
export { generalSign, type GeneralJws, type JwsSigner } from './jws/general-sign.ts'
export type { JwtClaims, VerifiedClaims, ClaimValidationOptions } from './jwt/claims.ts'
export { jwtVerify, type JwtVerifyOptions, type JwtVerifyResult } from './jwt/jwt-verify.ts'
export { signJwt, type SignJwtHeader } from './jwt/sign-jwt.ts'
export { encryptJwt } from './jwt/encrypt-jwt.ts'
export {
  DecryptionKeySet,
  createDecryptionKeySet,
  type DecryptionKeyEntry,
  type DecryptionKeySetOptions,
} from './jwks/decryption-key-set.ts'
export {
  decryptAndVerifyJwt,
  type DecryptAndVerifyJwtOptions,
  type DecryptAndVerifyJwtResult,
} from './verifier/decrypt-and-verify-jwt.ts'
export { createVerifier, type Verifier, type VerifierOptions, type VerifyResult } from './verifier/create-verifier.ts'
export type { DeepReadonly } from './verifier/deep-freeze.ts'
export { verifyRequest } from './verifier/verify-request.ts'
export {
  verifyAuthorization,
  type VerifierLike,
  type VerifyRequestOptions,
  type VerifyRequestResult,
} from './verifier/verify-authorization.ts'
export { selectJwk } from './jwks/select-jwk.ts'
export type { JsonWebKeySet, JwkSetKey } from './jwks/jwk-set.ts'
export { createLocalJwks, type JwksResolver } from './jwks/local-jwks.ts'
export {
  createRemoteJwks,
  type JwksFetch,
  type JwksSnapshot,
  type RemoteJwks,
  type RemoteJwksOptions,
} from './jwks/remote-jwks.ts'
