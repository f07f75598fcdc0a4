# Run by /bin/sh inside Aramid with the helper programs bound at $T.
# Starts the processes, waits (by polling /proc, bounded) until each is in
# the wanted state, runs the real clients and prints sections "==NAME".
T=${T:-/opt/t}
PS=/usr/bin/ps
waitfor() { # waitfor 'shell condition' : up to ~60 s
  i=0
  while [ $i -lt 600 ]; do eval "$1" && return 0; sleep 0.1; i=$((i+1)); done
  echo "TIMEOUT waiting for: $1"
  return 1
}
state() { sed 's/.*) \(.\).*/\1/' /proc/$1/stat 2>/dev/null; }
$T/spin & SPIN=$!
$T/sleeper & SLP=$!
$T/sleeper & STP=$!
$T/zparent & ZP=$!
$T/threads4 & TH=$!
$T/setuidp & SU=$!
# stop the sleeper only once it has exec'd (not while it is still the forked shell)
waitfor 'grep -q sleeper /proc/$STP/cmdline 2>/dev/null'
kill -STOP $STP
waitfor '[ "$(state $STP)" = T ]'
waitfor '[ "$(state $SLP)" = S ]'
waitfor '[ "$(ls /proc/$TH/task 2>/dev/null | wc -l)" -eq 4 ]'
waitfor 'grep -q "^[0-9]* (zparent) Z" /proc/[0-9]*/stat 2>/dev/null'
waitfor '[ "$(sed -n "s/^Uid:\t\([0-9]*\).*/\1/p" /proc/$SU/status)" = 1000 ]'
echo "==PIDS"
echo "spin=$SPIN sleep=$SLP stop=$STP zp=$ZP th=$TH su=$SU sh=$$"
echo "==PSO"
$PS -eo pid,ppid,pgid,sid,tty,stat,ni,pri,nlwp,vsz,rss,utime,stime,etimes,lstart,wchan,comm,args
echo "==AUX"
$PS aux
echo "==ELF"
$PS -eLf
echo "==MAPS_TH"
cat /proc/$TH/maps
echo "==TIME1"
$PS -o cputimes= -p $SPIN
cat /proc/$SPIN/stat
sleep 1
echo "==TIME2"
$PS -o cputimes= -p $SPIN
cat /proc/$SPIN/stat
echo "==TOP"
/usr/bin/top -b -n 2 -d 1 -w 200
echo "==FREE"
free
echo "==MEMINFO"
cat /proc/meminfo
echo "==UPTIME"
uptime
cat /proc/uptime
cat /proc/loadavg
echo "==VMSTAT"
vmstat 1 2
echo "==STAT"
cat /proc/stat
cat /proc/uptime
echo "==NCPU"
nproc
echo "==PGREP_F"
pgrep -f "$T/spin"
echo "==PGREP"
pgrep sleeper
echo "==PIDOF"
pidof sleeper
echo "==BBPS"
busybox ps
echo "==BBTOP"
busybox top -b -n 1
echo "==PKILL"
pkill -f "$T/threads4"
waitfor '[ ! -d /proc/$TH ] || [ "$(state $TH)" = Z ]'
echo "threads4 gone: $( ( [ ! -d /proc/$TH ] || [ "$(state $TH)" = Z ] ) && echo yes || echo no)"
kill -9 $SPIN $SLP $STP $ZP $SU 2>/dev/null
kill -CONT $STP 2>/dev/null
echo "==END"
