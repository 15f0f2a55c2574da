/** A value that tells its subscribers when it changes. Small on purpose. */
export interface Observable<T> {
  get(): T;
  /** Calls `fn` with every new value (not the current one). Returns an unsubscribe function. */
  subscribe(fn: (value: T) => void): () => void;
}

export class Store<T> implements Observable<T> {
  private value: T;
  private readonly listeners = new Set<(value: T) => void>();

  constructor(initial: T) {
    this.value = initial;
  }

  get(): T {
    return this.value;
  }

  set(next: T): void {
    if (JSON.stringify(next) === JSON.stringify(this.value)) return;
    this.value = next;
    for (const fn of [...this.listeners]) fn(next);
  }

  subscribe(fn: (value: T) => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }
}
