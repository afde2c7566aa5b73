import { getContext, setContext } from 'svelte';
import { notificationsApi } from './api/notifications';

/** How often the header asks for the unread count while the tab is visible. */
export const UNREAD_POLL_MS = 30_000;

const KEY = Symbol('unread-notifications');

/**
 * The unread count the header bell shows, shared with the notifications page so reading one there updates
 * the bell at once. Polls only while the tab is visible; a failed poll keeps the last count.
 */
export class UnreadNotifications {
  count = $state(0);
  private readonly api = notificationsApi(fetch);

  async refresh(): Promise<void> {
    try {
      this.count = await this.api.unreadCount();
    } catch {
      // Offline or signed out: the next poll or page load says more than an error badge would.
    }
  }

  /** Starts polling in the browser; returns the cleanup. */
  watch(): () => void {
    const refreshIfVisible = () => {
      if (document.visibilityState === 'visible') void this.refresh();
    };
    void this.refresh();
    const timer = setInterval(refreshIfVisible, UNREAD_POLL_MS);
    window.addEventListener('focus', refreshIfVisible);
    document.addEventListener('visibilitychange', refreshIfVisible);
    return () => {
      clearInterval(timer);
      window.removeEventListener('focus', refreshIfVisible);
      document.removeEventListener('visibilitychange', refreshIfVisible);
    };
  }
}

export const provideUnreadNotifications = (unread: UnreadNotifications) => setContext(KEY, unread);
export const unreadNotifications = (): UnreadNotifications | undefined => getContext(KEY);
