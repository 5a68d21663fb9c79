# Shared by the bench scripts: `source "$(dirname "$0")/lib.sh"`.

# Runs "$@" once with its output discarded (a non-zero exit is not an error here) and prints wall milliseconds.
time_ms() {
  local t0 t1
  t0=$(date +%s%N)
  "$@" > /dev/null 2>&1 || true
  t1=$(date +%s%N)
  echo $(((t1 - t0) / 1000000))
}

# The median of the numbers on standard input, one per line.
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
