// Acknowledging an alert from the console: a comment, then for how long (1h
// offered), then the ack, with where it was kept said on the status line.

import { useCallback } from 'react';
import { formatDuration, parseDurationMs } from '../../config/units.js';
import type { AlertView } from '../../engine/types.js';
import { maskUrl } from '../../util/mask-url.js';
import { DEFAULT_ACK_FOR, type UiState } from './app-state.js';
import type { PromptSpec } from './components/Prompt.js';
import type { ControllerLike } from './controller.js';
import type { Dispatch } from './use-ui-state.js';

export interface AckFlow {
  start(alert: AlertView | undefined): void;
  remove(alert: AlertView | undefined): void;
  prompt: PromptSpec | undefined;
}

export function useAckFlow({ ui, dispatch, controller, operator }: { ui: UiState; dispatch: Dispatch; controller: ControllerLike; operator: string }): AckFlow {
  const start = useCallback(
    (alert: AlertView | undefined) => {
      if (!alert) return dispatch({ type: 'message', text: 'no alert selected', level: 'error' });
      if (alert.ack) return dispatch({ type: 'message', text: `${alert.name} is already acknowledged by ${alert.ack.operator}; u removes it` });
      dispatch({ type: 'start-ack', alertKey: alert.key });
    },
    [dispatch],
  );

  const remove = useCallback(
    (alert: AlertView | undefined) => {
      if (!alert?.ack) return dispatch({ type: 'message', text: 'the selected alert is not acknowledged', level: 'error' });
      void controller.unack(alert.ack, operator).then((r) => dispatch({ type: 'message', text: r.ok ? `removed the acknowledgement of ${alert.name}` : `unack failed: ${r.reason}`, level: r.ok ? 'info' : 'error' }));
    },
    [controller, dispatch],
  );

  const submit = useCallback(
    async (alertKey: string, comment: string, forText: string) => {
      const alert = controller.getSnapshot().alerts.find((a) => a.key === alertKey);
      const forMs = parseDurationMs(forText || DEFAULT_ACK_FOR);
      if (!forMs.ok || forMs.value <= 0) return dispatch({ type: 'message', text: `ack: ${forMs.ok ? 'the duration must be longer than 0' : forMs.error}`, level: 'error' });
      if (!alert) return dispatch({ type: 'message', text: 'ack: that alert is no longer active', level: 'error' });
      // The instance's own labels: what sets it apart from the alert's other instances.
      const labels = alert.seriesLabels ?? {};
      const res = await controller.ack({ alertname: alert.name, labels, operator, comment: comment || 'acknowledged in gptmon', forMs: forMs.value });
      if (!res.ok) return dispatch({ type: 'message', text: `ack failed: ${res.reason}`, level: 'error' });
      const where = res.ack.where === 'alertmanager' ? ` (silence in Alertmanager${res.peer ? ` at ${maskUrl(res.peer)}` : ''})` : ' (kept locally)';
      dispatch({ type: 'message', text: `acknowledged ${alert.name} for ${formatDuration(forMs.value)}${where}${res.warning ? `: ${res.warning}` : ''}`, level: res.warning ? 'error' : 'info' });
    },
    [controller, operator, dispatch],
  );

  const m = ui.mode;
  const cancel = () => dispatch({ type: 'end-input' });
  let prompt: PromptSpec | undefined;
  if (m.kind === 'ack' && m.step === 'comment') {
    prompt = { key: `ack-comment-${ui.asked}`, label: 'Ack comment (enter to go on): ', tone: 'ask', onSubmit: (comment) => dispatch({ type: 'ack-next', comment }), onCancel: cancel };
  } else if (m.kind === 'ack') {
    const { alertKey, comment } = m;
    const onSubmit = (text: string) => {
      dispatch({ type: 'end-input' });
      void submit(alertKey, comment, text.trim());
    };
    prompt = { key: `ack-duration-${ui.asked}`, label: 'Ack for how long (e.g. 30m, 2h): ', initial: DEFAULT_ACK_FOR, tone: 'ask', onSubmit, onCancel: cancel };
  }
  return { start, remove, prompt };
}
