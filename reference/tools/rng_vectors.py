"""Regenerates reference/rng_vectors.json: what PyTorch's CPU generator and CPython's random print.

A workbench script, never run by the build (the project does not depend on Python). Run it from the
repository root with PyTorch 1.13 (Debian: `apt-get install python3-torch`, then `python3`):

    python3 reference/tools/rng_vectors.py > reference/rng_vectors.json

Each case is ONE generator, torch.Generator().manual_seed(seed), drawn from in the order of STEPS, so
its state carries from step to step, as in the lecture (parameters, then minibatches, then sampling).
Float values are float32 numbers written as Python floats, which print them exactly.
"""
import json
import random
import sys

import torch

# (op, arguments) in the order they are drawn; the shapes are the lecture's (C, W1, b1, b2, ...).
STEPS = [
    ("randn", {"shape": [27, 10]}),
    ("randn", {"shape": [30, 200]}),
    ("randn", {"shape": [200]}),
    ("randn", {"shape": [27]}),
    ("randn", {"shape": [5]}),
    ("randn", {"shape": [1]}),
    ("randint", {"low": 0, "high": 182625, "shape": [32]}),
    ("rand", {"shape": [20]}),
    ("randn", {"shape": [3]}),
    ("randn", {"shape": [27], "note": "softmax of these values is the probs row of the next step"}),
    ("multinomial", {"num_samples": 1, "repeat": 40}),
    ("randint", {"low": 0, "high": 27, "shape": [50]}),
]


def torch_case(seed):
    g = torch.Generator().manual_seed(seed)
    steps, previous = [], None
    for op, args in STEPS:
        step = {"op": op, **args}
        if op == "randn":
            t = torch.randn(args["shape"], generator=g)
        elif op == "rand":
            t = torch.rand(args["shape"], generator=g)
        elif op == "randint":
            t = torch.randint(args["low"], args["high"], tuple(args["shape"]), generator=g)
        else:  # multinomial: `repeat` separate one-sample draws from the softmax of the previous step
            probs = torch.softmax(previous, dim=0)
            step = {"op": op, "probs": probs.tolist(), **args}
            t = torch.stack([torch.multinomial(probs, args["num_samples"], generator=g)
                             for _ in range(args["repeat"])]).flatten()
        step["values"] = t.flatten().tolist()
        previous = t
        steps.append(step)
    return {"seed": seed, "steps": steps}


def python_case(seed):
    random.seed(seed)
    draws = [random.random() for _ in range(5)]
    random.seed(seed)
    big = list(range(32033))
    random.shuffle(big)
    random.seed(seed)
    small = list(range(10))
    random.shuffle(small)
    return {
        "seed": seed,
        "random": draws,
        "shuffle_range_32033_first20": big[:20],
        "shuffle_range_32033_last20": big[-20:],
        "shuffle_range_10": small,
        "shuffle_range_32033_sum_i_times_v_mod_1e9_7": sum(i * v for i, v in enumerate(big)) % (10**9 + 7),
    }


if __name__ == "__main__":
    sys.stdout.write(json.dumps({
        "torch_version": torch.__version__,
        "float_format": "values are float32 numbers printed as Python floats (exact)",
        "cases": [torch_case(2147483647), torch_case(42)],
        "python_random": [python_case(42), python_case(3)],
    }, indent=1))  # no final newline: the file is byte for byte what this writes
