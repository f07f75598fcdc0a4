// One queued unit of an AF_UNIX socket (an skb): its bytes, the descriptions
// passed with SCM_RIGHTS, the sender's credentials and the sender itself
// (whose send-buffer use it counts against until it is read).
import { FdTable } from "../fs/fd-table.js";
import type { OpenFile } from "../fs/open-file.js";
import type { UnixSocket } from "./unix-socket.js";

/** Roughly what an skb costs beyond its data (SKB_TRUESIZE), charged to the sender's buffer. */
export const MESSAGE_OVERHEAD = 512;

export interface UnixCreds {
  pid: number;
  uid: number;
  gid: number;
}

/** Descriptions in flight: held by a private table so that closing them at the sender keeps them open. */
export class InFlight {
  private readonly table = new FdTable();
  readonly count: number;

  constructor(files: OpenFile[]) {
    for (const f of files) this.table.install(f, false, Number.MAX_SAFE_INTEGER);
    this.count = files.length;
  }

  files(): OpenFile[] {
    return this.table.openFds().map((fd) => this.table.get(fd) as OpenFile);
  }

  /** The receiver has its own references now (or the message was dropped): let go of ours. */
  drop(): void {
    this.table.closeAll();
  }
}

export class UnixMessage {
  /** Bytes of a stream message already read. */
  offset = 0;

  constructor(
    readonly data: Uint8Array,
    readonly sender: UnixSocket,
    readonly creds: UnixCreds,
    public rights: InFlight | null,
  ) {}

  get remaining(): number {
    return this.data.length - this.offset;
  }

  get cost(): number {
    return this.data.length + MESSAGE_OVERHEAD;
  }
}
