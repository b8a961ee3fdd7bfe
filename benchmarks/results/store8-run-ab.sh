#!/bin/bash
# usage: [EXTRA=-Dprop=value,] store8-run-ab.sh DIR AFTER_JAR BEFORE_JAR   (BENCHMARKS §8m; EXTRA goes to both bots)
D=$1; A=$2; B=$3
mkdir -p $D
{ date -u; uptime
java -cp $A dev.timbot.benchmarks.WrkBench --runs=2 --seconds=10 --warmup=30 --rates=500,2000,2000,2000,5000 --step=5 \
  --bots=timbot,timbot-before --before-jar=$B \
  "--sut-jvm=-Xmx512m,-Xms512m,$EXTRA-Xlog:gc*:file=$D/gc-%p.log:utctime,-Xlog:gc+age=trace:file=$D/age-%p.log:utctime"
date -u; uptime; } > $D/out.txt 2>&1
