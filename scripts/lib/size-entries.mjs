// @ts-check
// The entries `npm run size` measures, kept apart from the script so tests can read them
// (test/size/auth0-loads.test.ts holds AUTH0_LOADS to what the Auth0 job really loads).

/** The public API of the headline use case: decrypt an encrypted access token and verify the JWT inside, keys from a JWKS URL. */
export const AUTH0 = ['decryptAndVerifyJwt', 'importKey', 'createRemoteJwks']

// What the job loads on first use: a PKCS#8 PEM and JWKS JWKs (RSA), an RSA-OAEP-256 + A256GCM
// token around an RS256 JWT. Kept true by test/size/auth0-loads.test.ts, which runs the job.
export const AUTH0_LOADS = ['src/keys/rsa-public-checks.ts']
