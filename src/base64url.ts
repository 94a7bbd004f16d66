/** Strict, unpadded base64url (RFC 4648 §5, as JOSE uses it: RFC 7515 §2). */
export { encode, decode } from './encoding/base64url.ts'
