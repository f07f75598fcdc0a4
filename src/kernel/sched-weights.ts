// CFS load weights (kernel/sched/core.c sched_prio_to_weight): each nice
// level is about 10% more or less CPU than the next. Index 0 is nice -20.
const PRIO_TO_WEIGHT = [
  88761, 71755, 56483, 46273, 36291, 29154, 23254, 18705, 14949, 11916,
  9548, 7620, 6100, 4904, 3906, 3121, 2501, 1991, 1586, 1277,
  1024, 820, 655, 526, 423, 335, 272, 215, 172, 137,
  110, 87, 70, 56, 45, 36, 29, 23, 18, 15,
];
export const NICE_0_WEIGHT = 1024;
/** SCHED_IDLE tasks run only when nothing else wants the CPU (WEIGHT_IDLEPRIO). */
const WEIGHT_IDLEPRIO = 3;
export const SCHED_IDLE = 5;

export function taskWeight(nice: number, policy: number): number {
  if (policy === SCHED_IDLE) return WEIGHT_IDLEPRIO;
  return PRIO_TO_WEIGHT[Math.max(-20, Math.min(19, nice)) + 20];
}
