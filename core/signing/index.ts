export { encodePublicKey, fingerprint, generateKeyPair, isPublicKey, publicKeyOf, signText, verifyText, type KeyPair } from './keys.ts';
export { guildHome, Keyring, type StoredKey } from './keyring.ts';
export { checkLicence, readLicenceClaims, signLicence, type LicenceCheck, type LicenceClaims, type LicenceExpectation } from './licence.ts';
export { packageStatement, REQUEST_HEADERS, requestStatement, type RequestParts } from './statements.ts';
