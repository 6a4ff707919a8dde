/** Why a part of the snapshot is absent offline: collectors record it, rules report it when they skip. */
export const LIVE_ONLY = 'needs a live org (--target-org)';
