export { Auth, nameFromEmail } from './auth.ts';
export type { Account, Member, Membership } from './accounts.ts';
export { logMailTransport, type MailMessage, type MailTransport } from './mail.ts';
export { TOKEN_TTL_MS, type OneTimeToken, type TokenKind } from './one-time-tokens.ts';
export { MIN_PASSWORD_LENGTH, passwordProblem, verifyPassword } from './passwords.ts';
export { CAPABILITIES, ROLES, atLeast, can, capabilitiesOf, isRole, type Capability, type Role } from './roles.ts';
export { SESSION_TTL_MS, csrfMatches, type OpenedSession, type ResolvedSession } from './sessions.ts';
