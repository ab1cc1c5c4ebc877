import { Injectable } from '@nestjs/common';

/** Open streams of this process, in total and per client IP. */
@Injectable()
export class ConnectionCounts {
  private count = 0;
  private readonly perIp = new Map<string, number>();

  get total(): number {
    return this.count;
  }

  of(ip: string): number {
    return this.perIp.get(ip) ?? 0;
  }

  /** Counts a stream in; the returned function counts it out (once). */
  open(ip: string): () => void {
    this.count++;
    this.perIp.set(ip, this.of(ip) + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.count--;
      const left = this.of(ip) - 1;
      if (left > 0) this.perIp.set(ip, left);
      else this.perIp.delete(ip);
    };
  }
}
