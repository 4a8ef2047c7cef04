export { refusedAddress } from './addresses.ts';
export { ALLOW_LOOPBACK_ENV, NOT_FETCHED, OutboundRefused, requestPublic, resolvePublic, type OutboundOptions, type OutboundResponse } from './outbound.ts';
