import { UsageError } from '../../lib/errors';
import type { Dataset } from '../types';
import { acmeDataset } from './acme';
import { syntheticDataset } from './synthetic';

const DATASETS: Record<string, (now: Date) => Dataset> = {
  acme: acmeDataset,
  // Synthetic large orgs for benchmarks: users, and five permission set assignments a user.
  'synthetic-1k': (now) => syntheticDataset({ users: 1_000, now }),
  'synthetic-20k': (now) => syntheticDataset({ users: 20_000, now }),
  'synthetic-200k': (now) => syntheticDataset({ users: 200_000, assignments: 1_000_000, now })
};

export const DATASET_NAMES = Object.keys(DATASETS);

export function loadDataset(name: string, options: { now?: Date } = {}): Dataset {
  const build = DATASETS[name];
  if (!build) {
    throw new UsageError('UnknownDataset', `There is no dataset named "${name}".`, [`Use one of: ${DATASET_NAMES.join(', ')}.`]);
  }
  return build(options.now ?? new Date());
}
