import {
  requiredTransitionData,
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
}

/**
 * Moving measures, shared by the board (drag and drop, the "Status ändern" menu) and the detail
 * page. Targets that need data (decided, rejected, deferred) open the dialog first; the others go
 * straight to the server. The server decides: its refusal (422, 403) is shown as it words it.
 */
export class TransitionController {
  pending = $state<PendingTransition | null>(null);
  busyId = $state<string | null>(null);
  /** The last refusal outside the dialog (a drop or menu choice that needed no data). */
  error = $state<string | null>(null);
  /** The last success, for the polite status region. */
  done = $state<string | null>(null);

  constructor(
    private readonly api: Pick<Api, 'transitionMeasure'>,
    private readonly onMoved: (measure: MeasureDto) => void,
    /** Called on 409/404: the page's copy is out of date. */
    private readonly onStale: () => void = () => {},
  ) {}

  /** Starts moving `measure` to `to`: the dialog when data is required, else at once. */
  async request(measure: MeasureDto, to: MeasureStatus): Promise<void> {
    if (to === measure.status) return;
    this.error = null;
    this.done = null;
    if (requiredTransitionData(to).length > 0) {
      this.pending = { measure, to };
      return;
    }
    try {
      await this.send(measure, { to });
    } catch (error) {
      this.error = m.measure_transition_refused({ message: refusalMessage(error) });
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
