export { createAdmin, type Admin, type AdminOptions } from './admin.ts';
export { DEFAULT_LOGIN_LIMITS, type LoginLimits } from './api/gate.ts';
export { buildAdminBundle } from './bundle.ts';
