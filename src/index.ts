export { JOSE_ERROR_CODES, JoseError, JwtClaimError, type JoseErrorCode, type JwtClaimFailureReason } from './errors.ts'
export * as base64url from './base64url-api.ts'
export type { ImportKeyOptions, Jwk, KeyAlgorithm } from './keys/import-key.ts'
export type { KeyInput, KeyResolver } from './keys/resolve-key.ts'
// Structural twins of the Web Crypto globals, for code that compiles without the DOM lib.
export type { CryptoKey, CryptoKeyPair, JsonWebKey } from './web-types.ts'
export type { ThumbprintHash } from './keys/thumbprint.ts'
export type { GenerateKeyPairOptions, GenerateSecretOptions } from './keys/generate.ts'
export type { JoseHeaderParameters, JweHeader, JwsHeader } from './serialization/header.ts'
export type { SizeLimits } from './serialization/limits.ts'
export type { SignatureAlgorithm } from './algorithms/signature.ts'
export type { KeyManagementAlgorithm } from './algorithms/key-management.ts'
export type { ContentEncryptionAlgorithm } from './algorithms/content-encryption.ts'
export type { CompactDecryptOptions, CompactDecryptResult } from './jwe/compact-decrypt.ts'
export type { JweDecryptionOptions } from './jwe/decrypt-policy.ts'
export type { FlattenedDecryptResult, JweJsonInput } from './jwe/flattened-decrypt.ts'
export type { GeneralDecryptOptions, GeneralDecryptResult } from './jwe/general-decrypt.ts'
export type { FlattenedJwe, JweEncryptOptions, JweRecipient } from './jwe/flattened-encrypt.ts'
export type { GeneralJwe, JweRecipientMembers } from './jwe/general-encrypt.ts'
export type { CompactVerifyOptions, CompactVerifyResult, JwsVerifyOptions } from './jws/compact-verify.ts'
export type { FlattenedVerifyResult, JwsJsonInput } from './jws/flattened-verify.ts'
export type { GeneralVerifyOptions, GeneralVerifyResult } from './jws/general-verify.ts'
export type { FlattenedJws, JwsSignerHeaders } from './jws/flattened-sign.ts'
export type { GeneralJws, JwsSigner } from './jws/general-sign.ts'
export type { JwtClaims, VerifiedClaims, ClaimValidationOptions } from './jwt/claims.ts'
export type { JwtVerifyOptions, JwtVerifyResult } from './jwt/jwt-verify.ts'
export type { SignJwtHeader } from './jwt/sign-jwt.ts'
export { DecryptionKeySet, type DecryptionKeyEntry, type DecryptionKeySetOptions } from './jwks/decryption-key-set.ts'
export type { DecryptAndVerifyJwtOptions, DecryptAndVerifyJwtResult } from './verifier/decrypt-and-verify-jwt.ts'
export type { Verifier, VerifierOptions, VerifyResult } from './verifier/create-verifier.ts'
export type { DeepReadonly } from './verifier/deep-freeze.ts'
export type { VerifierLike, VerifyRequestOptions, VerifyRequestResult } from './verifier/verify-authorization.ts'
export type { JsonWebKeySet, JwkSetKey } from './jwks/jwk-set.ts'
export type { JwksResolver } from './jwks/local-jwks.ts'
export type { JwksFetch, JwksSnapshot, RemoteJwks, RemoteJwksOptions } from './jwks/remote-jwks.ts'
export type { DiscoverJwksOptions } from './jwks/discover-jwks.ts'

import { atBoundary } from './errors.ts'
import { importKey as importKeyImpl } from './keys/import-key.ts'
import { exportJwk as exportJwkImpl } from './keys/export-jwk.ts'
import { calculateJwkThumbprint as calculateJwkThumbprintImpl, calculateJwkThumbprintUri as calculateJwkThumbprintUriImpl } from './keys/thumbprint.ts'
import { generateKeyPair as generateKeyPairImpl, generateSecret as generateSecretImpl } from './keys/generate.ts'
import { compactDecrypt as compactDecryptImpl } from './jwe/compact-decrypt.ts'
import { compactEncrypt as compactEncryptImpl } from './jwe/compact-encrypt.ts'
import { compactVerify as compactVerifyImpl } from './jws/compact-verify.ts'
import { compactSign as compactSignImpl } from './jws/compact-sign.ts'
import { flattenedVerify as flattenedVerifyImpl } from './jws/flattened-verify.ts'
import { generalVerify as generalVerifyImpl } from './jws/general-verify.ts'
import { flattenedSign as flattenedSignImpl } from './jws/flattened-sign.ts'
import { generalSign as generalSignImpl } from './jws/general-sign.ts'
import { jwtVerify as jwtVerifyImpl } from './jwt/jwt-verify.ts'
import { signJwt as signJwtImpl } from './jwt/sign-jwt.ts'
import { encryptJwt as encryptJwtImpl } from './jwt/encrypt-jwt.ts'
import { createDecryptionKeySet as createDecryptionKeySetImpl } from './jwks/decryption-key-set.ts'
import { decryptAndVerifyJwt as decryptAndVerifyJwtImpl } from './verifier/decrypt-and-verify-jwt.ts'
import { createVerifier as createVerifierImpl } from './verifier/create-verifier.ts'
import { verifyRequest as verifyRequestImpl } from './verifier/verify-request.ts'
import { verifyAuthorization as verifyAuthorizationImpl } from './verifier/verify-authorization.ts'
import { selectJwk as selectJwkImpl } from './jwks/select-jwk.ts'
import { createLocalJwks as createLocalJwksImpl } from './jwks/local-jwks.ts'
import { createRemoteJwks as createRemoteJwksImpl } from './jwks/remote-jwks.ts'
import { discoverJwks as discoverJwksImpl } from './jwks/discover-jwks.ts'
import { flattenedDecrypt as flattenedDecryptImpl } from './jwe/flattened-decrypt.ts'
import { generalDecrypt as generalDecryptImpl } from './jwe/general-decrypt.ts'
import { flattenedEncrypt as flattenedEncryptImpl } from './jwe/flattened-encrypt.ts'
import { generalEncrypt as generalEncryptImpl } from './jwe/general-encrypt.ts'

// Each public function behind one boundary: a caller's argument that throws when read is ERR_INVALID_ARGUMENT (see atBoundary).
export const importKey = /* @__PURE__ */ atBoundary(importKeyImpl)
export const exportJwk = /* @__PURE__ */ atBoundary(exportJwkImpl)
export const calculateJwkThumbprint = /* @__PURE__ */ atBoundary(calculateJwkThumbprintImpl)
export const calculateJwkThumbprintUri = /* @__PURE__ */ atBoundary(calculateJwkThumbprintUriImpl)
export const generateKeyPair = /* @__PURE__ */ atBoundary(generateKeyPairImpl)
export const generateSecret = /* @__PURE__ */ atBoundary(generateSecretImpl)
export const compactDecrypt = /* @__PURE__ */ atBoundary(compactDecryptImpl)
export const compactEncrypt = /* @__PURE__ */ atBoundary(compactEncryptImpl)
export const flattenedDecrypt = /* @__PURE__ */ atBoundary(flattenedDecryptImpl)
export const generalDecrypt = /* @__PURE__ */ atBoundary(generalDecryptImpl)
export const flattenedEncrypt = /* @__PURE__ */ atBoundary(flattenedEncryptImpl)
export const generalEncrypt = /* @__PURE__ */ atBoundary(generalEncryptImpl)
export const compactVerify = /* @__PURE__ */ atBoundary(compactVerifyImpl)
export const compactSign = /* @__PURE__ */ atBoundary(compactSignImpl)
export const flattenedVerify = /* @__PURE__ */ atBoundary(flattenedVerifyImpl)
export const generalVerify = /* @__PURE__ */ atBoundary(generalVerifyImpl)
export const flattenedSign = /* @__PURE__ */ atBoundary(flattenedSignImpl)
export const generalSign = /* @__PURE__ */ atBoundary(generalSignImpl)
export const jwtVerify = /* @__PURE__ */ atBoundary(jwtVerifyImpl)
export const signJwt = /* @__PURE__ */ atBoundary(signJwtImpl)
export const encryptJwt = /* @__PURE__ */ atBoundary(encryptJwtImpl)
export const createDecryptionKeySet = /* @__PURE__ */ atBoundary(createDecryptionKeySetImpl)
export const decryptAndVerifyJwt = /* @__PURE__ */ atBoundary(decryptAndVerifyJwtImpl)
export const createVerifier = /* @__PURE__ */ atBoundary(createVerifierImpl)
export const verifyRequest = /* @__PURE__ */ atBoundary(verifyRequestImpl)
export const verifyAuthorization = /* @__PURE__ */ atBoundary(verifyAuthorizationImpl)
export const selectJwk = /* @__PURE__ */ atBoundary(selectJwkImpl)
export const createLocalJwks = /* @__PURE__ */ atBoundary(createLocalJwksImpl)
export const createRemoteJwks = /* @__PURE__ */ atBoundary(createRemoteJwksImpl)
export const discoverJwks = /* @__PURE__ */ atBoundary(discoverJwksImpl)
