import type { Page } from '@quartierplan/domain';
import { ApiError } from '$lib/api/client';

/**
 * A list loaded page by page: the first page comes from the page's load, further pages are appended (each item
 * once, by id, since an item changed while paging may come again).
 */
export class PagedItems<T extends { id: string }> {
  items = $state<T[]>([]);
  next = $state<string | null>(null);
  loading = $state(false);
  error = $state<string | null>(null);

  constructor(private readonly readNext: (next: string) => Promise<Page<T>>) {}

  /** Starts over from a first page (a new load, other filters). */
  reset(first: Page<T>): void {
    this.items = [...first.items];
    this.next = first.next;
    this.error = null;
  }

  async loadMore(): Promise<void> {
    if (!this.next || this.loading) return;
    this.loading = true;
    this.error = null;
    try {
      const page = await this.readNext(this.next);
      // A plain Set: it lives for this call only, nothing renders from it.
      // eslint-disable-next-line svelte/prefer-svelte-reactivity
      const seen = new Set(this.items.map((item) => item.id));
      this.items = [...this.items, ...page.items.filter((item) => !seen.has(item.id))];
      this.next = page.next;
    } catch (e) {
      this.error = e instanceof ApiError ? e.message : String(e);
    } finally {
      this.loading = false;
    }
  }
}
