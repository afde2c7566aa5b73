import {
  checkTransition,
  type MeasureDto,
  type MeasureStatus,
  type TransitionInput,
} from '@quartierplan/domain';
import { ApiError, type Api } from '$lib/api/client';
import { m } from '$lib/paraglide/messages';
import { statusLabel } from './labels';

/** A transition waiting for its data in the dialog. */
export interface PendingTransition {
  measure: MeasureDto;
  to: MeasureStatus;
  /** An admin's correction to an earlier state (its reason is mandatory). */
  correction: boolean;
}

/**
 * Moving measures, shared by the board (drag and drop, the "Status ändern" menu) and the detail
 * page. Every change opens the dialog first (target, comment, the data the workflow requires), so
 * nothing moves by a slip of the mouse; only confirming it sends. The server decides: its refusal
 * (422, 403, 409) is shown inside the dialog as it words it.
 */
export class TransitionController {
  pending = $state<PendingTransition | null>(null);
  busyId = $state<string | null>(null);
  /** The last refusal outside the dialog (a drop on a column the measure cannot move to). */
  error = $state<string | null>(null);
  /** The last success, for the polite status region. */
  done = $state<string | null>(null);

  constructor(
    private readonly api: Pick<Api, 'transitionMeasure'>,
    private readonly onMoved: (measure: MeasureDto) => void,
    /** Called on 409/404: the page's copy is out of date. */
    private readonly onStale: () => void = () => {},
  ) {}

  /**
   * Starts moving `measure` to `to` by opening the dialog: a transition the workflow offers, or
   * an admin's correction to an earlier state. A target that is neither is refused at once.
   */
  request(measure: MeasureDto, to: MeasureStatus): void {
    if (to === measure.status) return;
    this.error = null;
    this.done = null;
    const { transitions, corrections } = measure.permissions;
    if (transitions.includes(to)) this.pending = { measure, to, correction: false };
    else if (corrections.includes(to)) this.pending = { measure, to, correction: true };
    else {
      // The workflow's own words when it forbids the move, else the role is missing.
      const check = checkTransition(measure, to);
      this.error = m.measure_transition_refused({
        message: !check.ok && check.reason === 'illegal' ? check.message : m.measure_transition_forbidden(),
      });
    }
  }

  /** Sends a transition; resolves with the moved measure, throws ApiError on refusal. */
  async send(measure: MeasureDto, input: TransitionInput): Promise<MeasureDto> {
    this.busyId = measure.id;
    try {
      const moved = await this.api.transitionMeasure(measure.id, input);
      this.onMoved(moved);
      this.done = m.measure_transition_done({ title: moved.title, status: statusLabel(moved.status) });
      this.pending = null;
      return moved;
    } catch (error) {
      if (error instanceof ApiError && (error.status === 409 || error.status === 404)) this.onStale();
      throw error;
    } finally {
      this.busyId = null;
    }
  }

  cancel() {
    this.pending = null;
  }
}

/** The server's words for a refusal; a conflict says that someone else was faster. */
export function refusalMessage(error: unknown): string {
  if (error instanceof ApiError) return error.status === 409 ? m.measure_stale() : error.message;
  return m.measure_transition_refused({ message: String(error) });
}
