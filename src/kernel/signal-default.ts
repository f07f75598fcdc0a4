// The default action of each signal (signal(7), kernel/signal.c sig_kernel_*).
import * as S from "./signal-numbers.js";

export type DefaultAction = "term" | "core" | "stop" | "ignore";

const CORE = new Set([S.SIGQUIT, S.SIGILL, S.SIGTRAP, S.SIGABRT, S.SIGBUS, S.SIGFPE, S.SIGSEGV, S.SIGXCPU, S.SIGXFSZ, S.SIGSYS]);
const STOP = new Set([S.SIGSTOP, S.SIGTSTP, S.SIGTTIN, S.SIGTTOU]);
const IGNORE = new Set([S.SIGCHLD, S.SIGCONT, S.SIGURG, S.SIGWINCH]);

export function defaultAction(sig: number): DefaultAction {
  if (CORE.has(sig)) return "core";
  if (STOP.has(sig)) return "stop";
  if (IGNORE.has(sig)) return "ignore";
  return "term";
}
