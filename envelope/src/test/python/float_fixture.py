"""Regenerates ../resources/dev/quorum/envelope/json/python-floats.txt: one double per line as
<ieee754 bits in hex> <repr(x) = str(x)> <what pydantic 2 model_dump_json writes>.
Run: python3 float_fixture.py > ../resources/dev/quorum/envelope/json/python-floats.txt"""
import random
import struct

from pydantic import BaseModel


class Box(BaseModel):
    xs: list[float]


def bits(x: float) -> str:
    return struct.pack(">d", x).hex()


rng = random.Random(20260511)
values = [0.0, -0.0, 1.0, -1.0, 0.1, 0.2, 0.3, 1 / 3, 2 / 3, 0.5, 0.72, 0.999, 1e-4, 1e-5, 5e-5, 1e-6,
          1e-7, 1.5e-7, 1e15, 1e16, 1e17, 1e21, 1e22, 1e23, 2e23, 9007199254740993.0, 2.0 ** 53,
          2.0 ** 63, 2.0 ** -1074, 2.0 ** -1022, 5e-324, 1.7976931348623157e308, 2.2250738585072014e-308,
          123456789012345678.0, 1234567890123456.7, 0.000123456, 100.0, 12.5, -0.25, 3.141592653589793]
values += [float(f"{rng.randint(1, 999)}e{e}") for e in range(-30, 30) for _ in range(3)]
values += [round(rng.uniform(-1, 1), rng.randint(1, 6)) for _ in range(400)]
values += [rng.uniform(-1, 1) for _ in range(400)]
values += [rng.uniform(0, 1e6) for _ in range(200)]
while len(values) < 2500:
    x = struct.unpack(">d", rng.getrandbits(64).to_bytes(8, "big"))[0]
    if x == x and abs(x) != float("inf"):
        values.append(x)
dumped = Box(xs=values).model_dump_json()[len('{"xs":['):-2].split(",")
for x, json_text in zip(values, dumped):
    print(bits(x), repr(x), json_text)
