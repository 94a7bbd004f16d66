/** The exports of the Auth0 rows of `npm run size`. */
export const AUTH0: string[]
/** The src/ modules (paths from the repository root) the Auth0 job loads through import(). */
export const AUTH0_LOADS: string[]
