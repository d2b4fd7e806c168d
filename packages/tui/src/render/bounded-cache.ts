/** Past this many entries a cache is emptied: a long session of new text must not grow it. */
export const CACHE_LIMIT = 4096;

/**
 * A memo of a pure function of a string that forgets everything once it holds `limit` entries:
 * cheaper than an LRU, and a dashboard's text repeats mostly from one frame to the next.
 */
export class BoundedCache<V> {
  private readonly map = new Map<string, V>();

  constructor(private readonly limit = CACHE_LIMIT) {}

  get size(): number {
    return this.map.size;
  }

  get(key: string, make: (key: string) => V): V {
    let value = this.map.get(key);
    if (value === undefined) {
      if (this.map.size >= this.limit) this.map.clear();
      value = make(key);
      this.map.set(key, value);
    }
    return value;
  }
}

/**
 * A memo that keeps only what the last two generations used: `nextGeneration()` forgets whatever
 * went unused since the call before. For values too big to keep thousands of (a line's cells are a
 * hundred objects), kept from one frame to the next and no longer.
 */
export class GenerationCache<V> {
  private previous = new Map<string, V>();
  private current = new Map<string, V>();

  get size(): number {
    return this.previous.size + this.current.size;
  }

  get(key: string, make: (key: string) => V): V {
    let value = this.current.get(key);
    if (value === undefined) {
      value = this.previous.get(key) ?? make(key);
      this.current.set(key, value);
    }
    return value;
  }

  nextGeneration(): void {
    this.previous = this.current;
    this.current = new Map();
  }
}
