import { beforeNavigate } from '$app/navigation';
import { m } from '$lib/paraglide/messages';

/**
 * Asks before a page with unsaved changes is left: in-app navigation gets a German confirm; closing,
 * reloading or leaving the site gets the browser's own question (SvelteKit turns the cancelled `leave`
 * navigation into a `beforeunload` prompt). Call during component initialisation.
 */
export function guardUnsaved(isDirty: () => boolean): void {
  beforeNavigate((navigation) => {
    if (!isDirty()) return;
    if (navigation.type === 'leave') navigation.cancel();
    else if (!confirm(m.form_unsaved_leave())) navigation.cancel();
  });
}
