# Run by Debian's python3 inside Aramid with the helper programs bound at
# /opt/t. Starts a busy loop, sleepers (one stopped), a zombie maker, a
# 4-thread program and a setuid process, waits (polling /proc, bounded)
# until each is in the wanted state, then records what psutil reports next
# to what the kernel's own files (and ps) say. Prints "==JSON" and one JSON
# object; tests/clients/psutil.test.ts judges it.
import json
import os
import signal
import subprocess
import time

import psutil

T = "/opt/t"
PAGE = os.sysconf("SC_PAGE_SIZE")
out = {"timeouts": [], "errors": {}}


def raw(path):
    with open(path, "rb") as f:
        return f.read().decode("latin1")


def state(pid):
    s = raw(f"/proc/{pid}/stat")
    return s[s.rindex(")") + 2]


def status_field(pid, name):
    for line in raw(f"/proc/{pid}/status").splitlines():
        if line.startswith(name + ":"):
            return line.split(":", 1)[1].split()
    return None


def meminfo():
    return {l.split(":")[0]: int(l.split()[1]) for l in raw("/proc/meminfo").splitlines()}


def waitfor(what, cond):
    for _ in range(600):
        try:
            if cond():
                return
        except OSError:
            pass
        time.sleep(0.1)
    out["timeouts"].append(what)


def statm(pid):
    return [int(x) for x in raw(f"/proc/{pid}/statm").split()]


# ---- start the processes; note the wall time around each start ----
t = {}
procs = {}
for name, argv in [("spin", ["spin"]), ("sleep", ["sleeper", "a", "b c"]), ("stop", ["sleeper"]),
                   ("zp", ["zparent"]), ("th", ["threads4"]), ("su", ["setuidp"])]:
    before = time.time()
    procs[name] = subprocess.Popen([f"{T}/{argv[0]}"] + argv[1:])
    t[name] = [before, time.time()]
pid = {k: p.pid for k, p in procs.items()}
out["pids"] = dict(pid, self=os.getpid())
out["started"] = t

# Popen returns once the child has exec'd, so the stop hits the sleeper itself.
os.kill(pid["stop"], signal.SIGSTOP)
waitfor("stop is T", lambda: state(pid["stop"]) == "T")
waitfor("sleep is S", lambda: state(pid["sleep"]) == "S")
waitfor("th has 4 threads", lambda: len(os.listdir(f"/proc/{pid['th']}/task")) == 4)
waitfor("th threads sleep", lambda: all(state(f"{pid['th']}/task/{x}") == "S" for x in os.listdir(f"/proc/{pid['th']}/task")))
waitfor("su is uid 1000", lambda: status_field(pid["su"], "Uid") == ["1000"] * 4)
zombie = []
def find_zombie():
    zombie[:] = [int(p) for p in os.listdir("/proc") if p.isdigit() and
                 raw(f"/proc/{p}/stat").split(") ")[1].split()[:2] == ["Z", str(pid["zp"])]]
    return len(zombie) == 1
waitfor("zparent's child is a zombie", find_zombie)
pid["zombie"] = zombie[0] if zombie else -1
out["pids"]["zombie"] = pid["zombie"]

# ---- per process: psutil next to /proc ----
procinfo = {}
for name in ["spin", "sleep", "stop", "zp", "th", "su", "zombie", "self"]:
    n = pid.get(name, os.getpid())
    p = psutil.Process(n)
    info = {"status": p.status(), "stat_state": state(n), "ppid": p.ppid(),
            "create_time": p.create_time(), "starttime": int(raw(f"/proc/{n}/stat").rsplit(")", 1)[1].split()[19]),
            "uids": list(p.uids()), "gids": list(p.gids()), "status_uid": status_field(n, "Uid"),
            "num_threads": p.num_threads(), "name": p.name()}
    if name != "zombie":
        before = statm(n)
        m = p.memory_info()
        info["statm"] = [before, statm(n)]
        info["memory_info"] = m._asdict()
        info["cmdline"] = p.cmdline()
        info["task_dirs"] = sorted(int(x) for x in os.listdir(f"/proc/{n}/task"))
        info["threads"] = sorted(x.id for x in p.threads())
    procinfo[name] = info
out["proc"] = procinfo

# The busy process: user time grows over a second and never exceeds elapsed time.
sp = psutil.Process(pid["spin"])
a, m0 = sp.cpu_times(), time.monotonic()
time.sleep(1)
b, m1 = sp.cpu_times(), time.monotonic()
out["spin_cpu"] = {"a": a._asdict(), "b": b._asdict(), "elapsed": m1 - m0,
                   "since_start": time.time() - t["spin"][0]}
out["sleep_cpu"] = psutil.Process(pid["sleep"]).cpu_times()._asdict()

# children(): the driver's own, and the zombie under zparent.
me = psutil.Process()
out["children"] = sorted(c.pid for c in me.children())
out["children_recursive"] = sorted(c.pid for c in me.children(recursive=True))
out["zp_children"] = [(c.pid, c.status()) for c in psutil.Process(pid["zp"]).children()]

# ps for the same processes (RSS and VSZ in KiB).
names = ["spin", "sleep", "stop", "th", "su"]
ps = subprocess.run(["/usr/bin/ps", "-o", "pid=,rss=,vsz=,nlwp=,stat=,user=", "-p", ",".join(str(pid[x]) for x in names)],
                    capture_output=True, text=True)
out["ps"] = ps.stdout
out["ps_statm"] = {x: statm(pid[x]) for x in names}
out["ps_mi"] = {x: psutil.Process(pid[x]).memory_info()._asdict() for x in names}

# ---- system-wide ----
def stat_cpu():
    return [int(x) for x in raw("/proc/stat").splitlines()[0].split()[1:]]
c0 = stat_cpu()
ct = psutil.cpu_times()
c1 = stat_cpu()
out["cpu_times"] = {"psutil": ct._asdict(), "before": c0, "after": c1}
m0 = meminfo()
vm = psutil.virtual_memory()
m1 = meminfo()
out["virtual_memory"] = {"psutil": vm._asdict(), "before": m0, "after": m1}
out["boot_time"] = psutil.boot_time()
out["btime"] = [int(l.split()[1]) for l in raw("/proc/stat").splitlines() if l.startswith("btime ")]
l0 = sorted(int(x) for x in os.listdir("/proc") if x.isdigit())
pp = psutil.pids()
l1 = sorted(int(x) for x in os.listdir("/proc") if x.isdigit())
out["pids_psutil"] = pp
out["pids_listdir"] = [l0, l1]
# Context switches: every task's counts are switches the CPU made, so /proc/stat's ctxt
# (taken after) is at least their sum.
csw = {}
for n in psutil.pids():
    try:
        c = psutil.Process(n).num_ctx_switches()
        csw[n] = [c.voluntary, c.involuntary]
    except psutil.NoSuchProcess:
        pass
out["ctx_switches"] = {"tasks": csw, "ctxt": psutil.cpu_stats().ctx_switches}
out["uptime"] = float(raw("/proc/uptime").split()[0])
out["now"] = time.time()

# Everything psutil can say about a process or the system must come back without an exception.
def attempt(key, f):
    try:
        f()
    except Exception as e:  # noqa: BLE001 - recorded for the test to show
        out["errors"][key] = f"{type(e).__name__}: {e}"
for name in ["spin", "th", "su", "self"]:
    attempt(f"as_dict {name}", lambda n=name: psutil.Process(pid.get(n, os.getpid())).as_dict())
for fn in ["cpu_count", "cpu_stats", "getloadavg", "swap_memory", "users", "disk_partitions"]:
    attempt(fn, getattr(psutil, fn))
attempt("per-cpu cpu_times", lambda: psutil.cpu_times(percpu=True))
attempt("cpu_percent", lambda: psutil.cpu_percent(interval=0.2))

# ---- clean up ----
os.kill(pid["stop"], signal.SIGCONT)
for p in procs.values():
    p.kill()
    p.wait()
print("==JSON")
print(json.dumps(out), flush=True)
