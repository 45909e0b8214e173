// The waits that scripted faults ask for. Every pending wait of an emulator ends at once when it
// closes, so close() never waits on a timer and no request resumes its work after it.

/** The timers of one emulator. */
export class FaultDelays {
  readonly #pending = new Map<NodeJS.Timeout, (finished: boolean) => void>();
  #closed = false;

  /** Resolves true after `ms`, or false when the emulator closes first (or has closed). */
  wait(ms: number): Promise<boolean> {
    if (this.#closed) return Promise.resolve(false);
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.#pending.delete(timer);
        resolve(true);
      }, ms);
      this.#pending.set(timer, resolve);
    });
  }

  /** Ends every pending wait with false; later waits end at once. */
  close(): void {
    this.#closed = true;
    for (const [timer, resolve] of this.#pending) {
      clearTimeout(timer);
      resolve(false);
    }
    this.#pending.clear();
  }
}
