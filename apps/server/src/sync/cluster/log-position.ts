/**
 * Which numbers of a document's update log a loaded room holds: every number up to `through`,
 * and ranges above it that arrived out of order (relayed by another instance before an earlier
 * number, or committed by this instance while an earlier one is still on its way). A gap below
 * such a range is what the room fetches from the database.
 */
export class LogPosition {
  /** Disjoint ranges above `through + 1`, ascending. */
  private readonly ahead: [from: number, to: number][] = [];

  constructor(private current: number) {}

  /** Every number up to this one is in the document. */
  get through(): number {
    return this.current;
  }

  /** Whether some number below the highest held one is missing. */
  get hasGap(): boolean {
    return this.ahead.length > 0;
  }

  /** The highest number held (equal to `through` when there is no gap). */
  get highest(): number {
    return this.ahead.at(-1)?.[1] ?? this.current;
  }

  /** Whether every number from `from` to `to` is already held. */
  holds(from: number, to: number): boolean {
    if (to <= this.current) return true;
    return this.ahead.some(([a, b]) => a <= Math.max(from, this.current + 1) && to <= b);
  }

  /** Records that the numbers from `from` to `to` are in the document. */
  add(from: number, to: number): void {
    if (to <= this.current) return;
    from = Math.max(from, this.current + 1);
    const ranges = [...this.ahead, [from, to] as [number, number]].sort((x, y) => x[0] - y[0]);
    this.ahead.length = 0;
    for (const range of ranges) {
      const last = this.ahead.at(-1);
      if (last && range[0] <= last[1] + 1) last[1] = Math.max(last[1], range[1]);
      else this.ahead.push([...range]);
    }
    this.settle();
  }

  /** Records that every number up to `seq` is in the document (after reading the log up to it). */
  advanceTo(seq: number): void {
    if (seq <= this.current) return;
    this.current = seq;
    while (this.ahead.length && this.ahead[0]![1] <= this.current) this.ahead.shift();
    this.settle();
  }

  private settle() {
    while (this.ahead.length && this.ahead[0]![0] <= this.current + 1) {
      this.current = Math.max(this.current, this.ahead.shift()![1]);
    }
  }
}
