"""Checks what Java published to Redis against the reference consumer (maf_stream.py).

Usage: python3 check_with_reference.py <dir holding maf_stream.py> <entries.jsonl>
Each input line: {"stream_key": str, "fields": {stream entry fields}, "hash_key": str|null, "hash": {..}|null}.
For each entry: decode_envelope() must accept it, model_dump_json() must give back the very same bytes, and
publish_envelope / publish_decision_hash (run against a recording client) must write exactly what Java wrote.
Prints one line per problem; exit status 0 when there are none."""
import asyncio
import json
import sys

sys.path.insert(0, sys.argv[1])
import maf_stream as m  # noqa: E402


class Recorder:
    """Stands in for redis.asyncio: records what the reference publisher would write."""

    def __init__(self):
        self.xadds = []
        self.hsets = []

    async def xadd(self, stream, fields):
        self.xadds.append((stream, fields))
        return b"0-1"

    async def hset(self, key, mapping):
        self.hsets.append((key, mapping))


problems = []
count = 0
with open(sys.argv[2], encoding="utf-8") as lines:
    for number, line in enumerate(lines, 1):
        count += 1
        entry = json.loads(line)
        data = entry["fields"].get("data")
        env = m.decode_envelope(data.encode("utf-8"))
        if env is None:
            problems.append(f"entry {number}: decode_envelope rejected it: {data[:200]}")
            continue
        if env.model_dump_json() != data:
            problems.append(f"entry {number}: model_dump_json differs\n  java:   {data}\n  python: {env.model_dump_json()}")
        for signal in env.decision.agent_signals:
            if len(signal.summary) > 300 or len(signal.key_factors) > 10:
                problems.append(f"entry {number}: agent {signal.agent} not truncated to the contract")
        recorder = Recorder()
        asyncio.run(m.publish_envelope(recorder, entry["stream_key"], env))
        if recorder.xadds != [(entry["stream_key"], entry["fields"])]:
            problems.append(f"entry {number}: stream entry differs from publish_envelope's {recorder.xadds}")
        asyncio.run(m.publish_decision_hash(recorder, env))
        expected_hash = [(entry["hash_key"], entry["hash"])] if entry["hash_key"] else []
        if recorder.hsets != expected_hash:
            problems.append(f"entry {number}: decision hash differs\n  java:   {expected_hash}\n  python: {recorder.hsets}")

print(f"checked {count} entries, {len(problems)} problems")
for problem in problems:
    print(problem)
sys.exit(1 if problems or count == 0 else 0)
