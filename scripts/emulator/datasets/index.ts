import { UsageError } from '../../lib/errors';
import type { Dataset } from '../types';
import { acmeDataset } from './acme';

const DATASETS: Record<string, (now: Date) => Dataset> = {
  acme: acmeDataset
};

export const DATASET_NAMES = Object.keys(DATASETS);

export function loadDataset(name: string, options: { now?: Date } = {}): Dataset {
  const build = DATASETS[name];
  if (!build) {
    throw new UsageError('UnknownDataset', `There is no dataset named "${name}".`, [`Use one of: ${DATASET_NAMES.join(', ')}.`]);
  }
  return build(options.now ?? new Date());
}
