// Its own module because both the drift causes (which hold for roles that are not `ok`) and the verification
// report build on it, and neither may import the other.

/** How a deployed role stands against the env's expected boundary. */
export type RoleStatus = 'ok' | 'missing' | 'mismatch' | 'not-found';
