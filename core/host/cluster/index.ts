export { runPrimary } from './primary.ts';
export { ClusterWorker, type WorkerDuties } from './worker.ts';
