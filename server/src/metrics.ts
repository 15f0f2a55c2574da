/** Prometheus text metrics, kept by hand: a few counters, gauges and one histogram. */

const LATENCY_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5];

export class Metrics {
  connections = 0;
  documentsLoaded = 0;
  updatesIn = 0;
  updatesOut = 0;
  awarenessIn = 0;
  readonly rejectedUpdates = new Map<string, number>();
  readonly refusedConnections = new Map<string, number>();
  readonly closedConnections = new Map<string, number>();
  private readonly latencyCounts = LATENCY_BUCKETS.map(() => 0);
  private latencySum = 0;
  private latencyCount = 0;

  rejected(reason: string): void {
    this.rejectedUpdates.set(reason, (this.rejectedUpdates.get(reason) ?? 0) + 1);
  }

  refused(reason: string): void {
    this.refusedConnections.set(reason, (this.refusedConnections.get(reason) ?? 0) + 1);
  }

  closed(code: number): void {
    this.closedConnections.set(String(code), (this.closedConnections.get(String(code)) ?? 0) + 1);
  }

  /** Times one storage call and records its latency. */
  async timeStorage<T>(work: () => Promise<T>): Promise<T> {
    const start = performance.now();
    try {
      return await work();
    } finally {
      const seconds = (performance.now() - start) / 1000;
      this.latencySum += seconds;
      this.latencyCount += 1;
      LATENCY_BUCKETS.forEach((le, i) => {
        if (seconds <= le) this.latencyCounts[i]! += 1;
      });
    }
  }

  render(): string {
    const lines: string[] = [];
    const metric = (name: string, type: string, help: string, samples: Array<[string, number]>) => {
      lines.push(`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`);
      for (const [labels, value] of samples) lines.push(`${name}${labels} ${value}`);
    };
    const labelled = (label: string, m: Map<string, number>): Array<[string, number]> =>
      [...m].map(([k, v]) => [`{${label}="${k.replace(/["\\\n]/g, '_')}"}`, v]);
    metric('samrad_connections', 'gauge', 'Open websocket connections.', [['', this.connections]]);
    metric('samrad_documents_loaded', 'gauge', 'Documents held in memory.', [['', this.documentsLoaded]]);
    metric('samrad_updates_in_total', 'counter', 'Document updates accepted from clients.', [['', this.updatesIn]]);
    metric('samrad_updates_out_total', 'counter', 'Document update messages sent to clients.', [['', this.updatesOut]]);
    metric('samrad_awareness_in_total', 'counter', 'Awareness messages received from clients.', [['', this.awarenessIn]]);
    metric('samrad_updates_rejected_total', 'counter', 'Updates refused, by reason.', labelled('reason', this.rejectedUpdates));
    metric('samrad_connections_refused_total', 'counter', 'Connections refused before any document content, by reason.', labelled('reason', this.refusedConnections));
    metric('samrad_connections_closed_total', 'counter', 'Connections closed, by close code.', labelled('code', this.closedConnections));
    lines.push('# HELP samrad_storage_latency_seconds Latency of storage calls (load, append, compact).', '# TYPE samrad_storage_latency_seconds histogram');
    LATENCY_BUCKETS.forEach((le, i) => lines.push(`samrad_storage_latency_seconds_bucket{le="${le}"} ${this.latencyCounts[i]}`));
    lines.push(`samrad_storage_latency_seconds_bucket{le="+Inf"} ${this.latencyCount}`);
    lines.push(`samrad_storage_latency_seconds_sum ${this.latencySum}`, `samrad_storage_latency_seconds_count ${this.latencyCount}`);
    return lines.join('\n') + '\n';
  }
}
