# RSS of a process before and after it touches MIB MiB (run by /bin/sh in Aramid).
T=${T:-/opt/t}
MIB=${1:-32}
waitfor() { i=0; while [ $i -lt 600 ]; do eval "$1" && return 0; sleep 0.1; i=$((i+1)); done; echo "TIMEOUT waiting for: $1"; return 1; }
rm -f /tmp/touched
$T/toucher $MIB /tmp/touched & TO=$!
waitfor 'grep -q "^SigCgt:.*[1-9a-f]" /proc/$TO/status 2>/dev/null && grep -q toucher /proc/$TO/cmdline'
waitfor '[ "$(sed "s/.*) \(.\).*/\1/" /proc/$TO/stat)" = S ]'
echo "==BEFORE"
/usr/bin/ps -o vsz=,rss= -p $TO
echo "==MAPS"
cat /proc/$TO/maps
kill -USR1 $TO
waitfor '[ -e /tmp/touched ]'
echo "==AFTER"
/usr/bin/ps -o vsz=,rss= -p $TO
busybox ps -o pid,rss,vsz | grep "^ *$TO "
kill -9 $TO
echo "==END"
