import { invalidate } from '$app/navigation';
import { navigating } from '$app/state';

/**
 * Refetches a page's data after a live event, unless the person is navigating: SvelteKit lets
 * the later of a navigation and an invalidation win, so a refetch starting after a click would
 * cancel it and leave them where they were.
 */
export function refreshUnlessNavigating(dependency: string): void {
  if (navigating.to) return;
  void invalidate(dependency);
}
