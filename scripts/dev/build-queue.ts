// At most one build at a time. Saves that arrive while a build runs are not dropped and do not
// start a second build: they are merged into one pending request, run as soon as the current
// build ends. A build that throws is handed to `onError`, and the queue carries on.

export class BuildQueue<Request> {
  private running: Promise<void> | undefined;
  private pending: Request[] = [];
  private stopped = false;

  constructor(
    /** One build for everything requested since the last one started. */
    private readonly run: (requests: readonly Request[]) => Promise<void>,
    private readonly onError: (error: unknown) => void = (error) => console.error(error),
  ) {}

  /** Asks for a build; returns at once. */
  request(request: Request): void {
    if (this.stopped) return;
    this.pending.push(request);
    if (this.running === undefined) this.running = this.drain();
  }

  /** Resolves when no build is running and none is pending. */
  async idle(): Promise<void> {
    while (this.running !== undefined) await this.running;
  }

  /** No build starts after this; one already running is left to finish (or be abandoned). */
  stop(): void {
    this.stopped = true;
    this.pending = [];
  }

  private async drain(): Promise<void> {
    while (this.pending.length > 0 && !this.stopped) {
      const batch = this.pending;
      this.pending = [];
      try {
        await this.run(batch);
      } catch (error) {
        this.onError(error);
      }
    }
    this.running = undefined;
  }
}
