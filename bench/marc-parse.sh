#!/usr/bin/env bash
# Benchmark (a) of issue 3: parse-only throughput of src/Marc against yaz-marcdump and MARC::Record, on the same file,
# interleaved in one session so that the machine's noise falls on all three alike.
# Usage: bench/marc-parse.sh [ROUNDS=5]   (needs: apt-get install yaz libmarc-record-perl)
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-5}
file=bench/out/bench.mrc
mkdir -p bench/out
[ -f "$file" ] || python3 bench/make-big-marc.py "$file"
records=$(python3 -c "import sys; print(open('$file','rb').read().count(b'\x1d'))")
dotnet build -c Release bench/MarcBench -v q -nologo >/dev/null
ours="dotnet bench/MarcBench/bin/Release/net10.0/Bookpost.MarcBench.dll"
seconds() { local s e; s=$(date +%s.%N); "$@" >/dev/null 2>&1; e=$(date +%s.%N); echo "$e - $s" | bc -l; }
median() { sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
: >bench/out/yaz.txt; : >bench/out/ours-process.txt; : >bench/out/ours-steady.txt
for i in $(seq "$rounds"); do
  seconds yaz-marcdump -i marc -o line "$file" >>bench/out/yaz.txt
  DOTNET_TieredCompilation=0 seconds $ours "$file" 0 >>bench/out/ours-process.txt
  $ours "$file" 3 | sed -nE 's/^median: ([0-9]+) records.*/\1/p' >>bench/out/ours-steady.txt
done
perl_s=$(seconds perl bench/marc-record.pl "$file")
yaz=$(median <bench/out/yaz.txt); proc=$(median <bench/out/ours-process.txt); steady=$(median <bench/out/ours-steady.txt)
rate() { echo "$records / $1" | bc -l | xargs printf '%.0f'; }
echo "file: $file, $records records, $(stat -c %s "$file") bytes; $rounds rounds; medians"
printf '| %-42s | %12s | %10s |\n' "parser" "records/s" "vs yaz"
printf '| %-42s | %12s | %10s |\n' "yaz-marcdump -i marc -o line (C)" "$(rate "$yaz")" "1.00x"
printf '| %-42s | %12s | %10s |\n' "MARC::Record, 245\$a of every record (Perl)" "$(rate "$perl_s")" "$(echo "$yaz / $perl_s" | bc -l | xargs printf '%.2fx')"
printf '| %-42s | %12s | %10s |\n' "src/Marc, one cold process (no tiering)" "$(rate "$proc")" "$(echo "$yaz / $proc" | bc -l | xargs printf '%.2fx')"
printf '| %-42s | %12s | %10s |\n' "src/Marc, in process after warm-up" "$steady" "$(echo "$steady / $(rate "$yaz")" | bc -l | xargs printf '%.2fx')"
