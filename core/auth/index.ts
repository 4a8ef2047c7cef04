export { Auth } from './auth.ts';
export { HOST_SCHEMA, openHostDatabase, type HostDatabase, type HostMigrations, type HostSql } from './host-database.ts';
export type { Account, Member, Membership } from './accounts.ts';
export { TOKEN_TTL_MS, type OneTimeToken, type TokenKind } from './one-time-tokens.ts';
export { passwordProblem, verifyPassword } from './passwords.ts';
export { CAPABILITIES, ROLES, atLeast, can, capabilitiesOf, isRole, type Capability, type Role } from './roles.ts';
export { csrfMatches, type OpenedSession, type ResolvedSession } from './sessions.ts';
export { forgetSiteAccess, moveSiteAccess } from './site-access.ts';
export { adoptMembers, siteMembers, type TransferredMember } from './site-members.ts';
