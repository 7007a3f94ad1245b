"""Summarizes a flight recording of the router under load, over the window [start, end] (ISO-8601 instants), for
bench/router-profile.sh: allocation per request (from the heap before and after each collection), where the event
loops' CPU goes (by the router's method nearest the top of each sampled stack, and by the method at the top), and
which sites allocate most.

    jfr print --json --stack-depth 128 --events jdk.ExecutionSample,jdk.GCHeapSummary,jdk.ObjectAllocationSample \
        recording.jfr | python3 bench/jfr-hotpath.py START END REQUESTS
"""
import collections
import json
import re
import sys
from datetime import datetime

LIBRARIES = ("io.micrometer", "org.jboss.logmanager", "org.jboss.logging", "java.util.Formatter",
             "com.fasterxml.jackson", "org.apache.kafka", "io.smallrye.faulttolerance", "io.netty", "io.vertx",
             "io.quarkus", "java.", "jdk.", "sun.")


def instant(text):
    text = re.sub(r"(\.\d{6})\d*", r"\1", text.replace("Z", "+00:00"))
    return datetime.fromisoformat(text).timestamp()


def frames(event):
    trace = event["values"]["stackTrace"]
    return [] if trace is None else [(f["method"]["type"]["name"] + "." + f["method"]["name"]).replace("/", ".")
            for f in trace["frames"]]


def top(counter, total, title, n=25):
    print(f"\n{title}")
    for name, count in counter.most_common(n):
        print(f"{100 * count / total:6.1f}%  {name}")


def main():
    start, end, requests = instant(sys.argv[1]), instant(sys.argv[2]), int(sys.argv[3])
    events = [e for e in json.load(sys.stdin)["recording"]["events"]
              if start <= instant(e["values"]["startTime"]) <= end]
    by_type = collections.defaultdict(list)
    for e in events:
        by_type[e["type"]].append(e)

    allocated, after = 0, None
    for e in by_type["jdk.GCHeapSummary"]:
        values = e["values"]
        if values["when"] == "Before GC" and after is not None:
            allocated += values["heapUsed"] - after
        elif values["when"] == "After GC":
            after = values["heapUsed"]
    print(f"allocated between collections: {allocated / 2**20:.0f} MiB over {requests} requests, "
          f"{allocated / requests / 1024:.1f} KiB per request")

    samples = [e for e in by_type["jdk.ExecutionSample"]
               if e["values"]["sampledThread"]["javaName"].startswith("vert.x-eventloop")]
    owners, tops = collections.Counter(), collections.Counter()
    for e in samples:
        stack = frames(e)
        if not stack:
            continue
        library = next((lib for lib in LIBRARIES if stack[0].startswith(lib)), "")
        ours = next((f for f in stack if f.startswith("io.switchboard") and "$$Lambda" not in f), "(no router frame)")
        owners[ours.replace("io.switchboard.", "") + ("  <-  " + library if library else "")] += 1
        tops[stack[0]] += 1
    top(owners, len(samples), f"{len(samples)} CPU samples of the event loops, by the router method nearest the top "
        "<- the library running at the top:")
    top(tops, len(samples), "by the method at the top:", 15)

    sites = collections.Counter()
    weight = 0
    for e in by_type["jdk.ObjectAllocationSample"]:
        stack = frames(e)
        ours = next((f for f in stack if f.startswith("io.switchboard") and "$$Lambda" not in f), "(no router frame)")
        sites[ours.replace("io.switchboard.", "") + "  <-  " + (stack[0] if stack else "?")] += e["values"]["weight"]
        weight += e["values"]["weight"]
    if weight:
        top(sites, weight, "allocation, by the router method nearest the top <- the allocating method:", 20)


main()
