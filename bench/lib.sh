# What the load scripts share (source it after setting WORK, and SERVER once the server runs):
# the machine line and measuring one wrk run.

machine_line() {
  echo "machine: $(nproc) cores, $(awk '/model name/{$1=$2=$3="";print;exit}' /proc/cpuinfo | xargs), $(free -g | awk '/Mem/{print $2}') GiB"
}

cpu_ticks() { awk '/^cpu / { print $2 + $3 + $4 + $7 + $8, $5 + $6 }' /proc/stat; }
server_ticks() { awk '{ print $14 + $15 }' "/proc/$SERVER/stat"; }

# measure NAME CMD...: runs CMD (a wrk call whose script prints `requests=N …` last) and
# prints one line: NAME, wrk's summary, the server's CPU per request and how busy the
# machine was.
measure() {
  printf '%-34s ' "$1"
  shift
  local before after server_before server_after requests
  before=$(cpu_ticks)
  server_before=$(server_ticks)
  "$@" | tail -1 | tee "$WORK/wrk.out" | tr -d '\n'
  after=$(cpu_ticks)
  server_after=$(server_ticks)
  requests=$(sed -E 's/^requests=([0-9]+).*/\1/' "$WORK/wrk.out")
  # Server CPU per request: steadier than requests/s on a shared VM.
  printf ' server_cpu_ms=%s' "$(awk -v t=$((server_after - server_before)) -v n="$requests" -v hz="$(getconf CLK_TCK)" 'BEGIN { printf "%.3f", n ? 1000 * t / hz / n : 0 }')"
  # How busy the machine was: an idle share under load means something queues (a lock,
  # the single SQLite writer), not the CPU.
  echo " $(awk -v b="$before" -v a="$after" 'BEGIN { split(b, x); split(a, y); busy = y[1] - x[1]; idle = y[2] - x[2]; printf "cpu_busy=%.0f%%", 100 * busy / (busy + idle) }')"
}
