export { findRunningHost, type RunningHost } from './client.ts';
export { startControl, type ControlServer } from './server.ts';
export { clearHostState, hostStateFile, readHostState, writeHostState, type HostState } from './state-file.ts';
