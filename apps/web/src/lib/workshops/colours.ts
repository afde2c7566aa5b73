import type { ClusterColour } from '@quartierplan/domain';

/** Cluster colours as drawn: dark enough for white text (contrast ≥ 4.5:1) on the board and projector. */
export const CLUSTER_HEX: Readonly<Record<ClusterColour, string>> = {
  blue: '#1d4ed8',
  green: '#15803d',
  orange: '#c2410c',
  purple: '#7e22ce',
  red: '#b91c1c',
  teal: '#0f766e',
  brown: '#78350f',
  grey: '#475569',
};
