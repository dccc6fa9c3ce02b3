// Which severity an incident declared now should have, from what fires: the
// trader down is SEV1 (complete failure), a critical trading alert SEV2
// (significant financial impact), a high one SEV3, anything else SEV4.

import type { AlertView } from '../engine/types.js';
import type { Sev } from './types.js';

export function suggestSev(alerts: AlertView[]): { sev: Sev; why: string } {
  const firing = alerts.filter((a) => a.state === 'firing');
  const down = firing.find((a) => a.availability);
  if (down) return { sev: 1, why: `${down.name} is firing: the trader is down` };
  const critical = firing.find((a) => a.severity === 'critical');
  if (critical) return { sev: 2, why: `${critical.name} (critical) is firing` };
  const high = firing.find((a) => a.severity === 'high');
  if (high) return { sev: 3, why: `${high.name} (high) is firing` };
  return { sev: 4, why: firing.length ? `only ${firing.map((a) => a.name).join(', ')} firing` : 'nothing is firing' };
}

export const SEV_MEANING: Record<Sev, string> = {
  1: 'Complete system failure or data loss',
  2: 'Major functionality broken, significant financial impact',
  3: 'Minor functionality broken, limited impact',
  4: 'Cosmetic issues, no immediate impact',
};
