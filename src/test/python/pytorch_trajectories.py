#!/usr/bin/python3
"""Generates the PyTorch trajectories that Gradus' conformance tests replay.

Runs torch.optim's SGD, Adagrad, Adadelta, RMSprop, Rprop, Adam, AdamW, Adamax, RAdam and NAdam (float32, CPU,
the default single-tensor code path; NAdam's multi-tensor one, see NADAM_PATH) on the same badly scaled
inputs and writes, under the test resources:

  inputs.txt    the initial parameters and the gradient of every step (shared by all cases)
  <case>.txt    one case: torch's optimizer and arguments, the equivalent Gradus rule, the
                learning rate, and the parameters after every step
  cases.txt     the case names, one a line

Every float is written as the 8 hex digits of its IEEE 754 binary32 bits, so that Java replays
exactly the gradients torch saw and compares with exactly the parameters torch computed.

Usage (from the repository root): /usr/bin/python3 src/test/python/pytorch_trajectories.py
"""

import argparse
import pathlib
import random
import struct

import torch

SEED = 20240611
STEPS = 100
# 16 elements cross parameter scales 10^-4 .. 10^3 with gradient scales 10^-4 .. 10^3; two more
# have gradients of 1e-8 and 1e-10, where epsilon is as large as the root it is added to.
WIDE_EXPONENTS = list(range(-4, 4))
TINY_GRADIENTS = [(0, -8), (-2, -10)]

DEFAULT_OUT = pathlib.Path(__file__).resolve().parents[1] / "resources" / "dev" / "gradus" / "conformance"


def case(name, optimizer, **kwargs):
    """A named case: a torch.optim class and the arguments it is built with."""
    return name, optimizer, kwargs


O = torch.optim
# torch 1.13's single-tensor NAdam divides the moment's term by 1 - P_t mu_t mu_(t+1) (PyTorch 2.0
# corrected it to 1 - P_t mu_(t+1)); its multi-tensor path has the corrected formula, so the NAdam
# cases run that one.
NADAM_PATH = {"foreach": True}
CASES = [
    case("sgd", O.SGD, lr=0.01),
    case("sgd-momentum", O.SGD, lr=0.01, momentum=0.9),
    case("sgd-dampening", O.SGD, lr=0.01, momentum=0.9, dampening=0.5),
    case("sgd-nesterov", O.SGD, lr=0.01, momentum=0.9, nesterov=True),
    case("sgd-weight-decay", O.SGD, lr=0.01, weight_decay=0.01),
    case("sgd-maximize", O.SGD, lr=0.01, maximize=True),
    case("sgd-dampening-weight-decay-maximize", O.SGD, lr=0.01, momentum=0.8, dampening=0.1,
         weight_decay=0.01, maximize=True),
    case("sgd-nesterov-weight-decay", O.SGD, lr=0.01, momentum=0.9, nesterov=True, weight_decay=0.01),
    case("adagrad", O.Adagrad, lr=0.01),
    case("adagrad-initial-accumulator", O.Adagrad, lr=0.01, initial_accumulator_value=0.1),
    case("adagrad-weight-decay", O.Adagrad, lr=0.01, weight_decay=0.01),
    case("adagrad-maximize", O.Adagrad, lr=0.01, maximize=True),
    case("rmsprop", O.RMSprop, lr=1e-3),
    case("rmsprop-alpha-0.9", O.RMSprop, lr=1e-3, alpha=0.9),
    case("rmsprop-centered", O.RMSprop, lr=1e-3, centered=True),
    case("rmsprop-momentum", O.RMSprop, lr=1e-3, momentum=0.9),
    case("rmsprop-centered-momentum", O.RMSprop, lr=1e-3, alpha=0.9, centered=True, momentum=0.9),
    case("rmsprop-weight-decay", O.RMSprop, lr=1e-3, weight_decay=0.01),
    case("rmsprop-maximize", O.RMSprop, lr=1e-3, maximize=True),
    case("adam", O.Adam, lr=1e-3),
    case("adam-weight-decay", O.Adam, lr=1e-3, weight_decay=0.01),
    case("adam-amsgrad", O.Adam, lr=1e-3, amsgrad=True),
    case("adam-maximize", O.Adam, lr=1e-3, maximize=True),
    case("adamw", O.AdamW, lr=1e-3),
    case("adamw-amsgrad", O.AdamW, lr=1e-3, amsgrad=True),
    case("adamax", O.Adamax, lr=2e-3),
    case("adamax-weight-decay", O.Adamax, lr=2e-3, weight_decay=0.01),
    case("adamax-maximize", O.Adamax, lr=2e-3, betas=(0.8, 0.99), maximize=True),
    case("adadelta", O.Adadelta, lr=1.0),
    case("adadelta-rho-weight-decay", O.Adadelta, lr=0.5, rho=0.95, weight_decay=0.01),
    case("adadelta-maximize", O.Adadelta, lr=1.0, eps=1e-8, maximize=True),
    case("rprop", O.Rprop, lr=1e-2),
    case("rprop-etas-step-sizes", O.Rprop, lr=1e-3, etas=(0.3, 1.5), step_sizes=(1e-5, 0.5)),
    case("rprop-maximize", O.Rprop, lr=1e-2, maximize=True),
    case("radam", O.RAdam, lr=1e-3),
    case("radam-weight-decay", O.RAdam, lr=1e-3, weight_decay=0.01),
    case("radam-betas", O.RAdam, lr=1e-3, betas=(0.8, 0.9)),
    case("nadam", O.NAdam, lr=2e-3, **NADAM_PATH),
    case("nadam-weight-decay", O.NAdam, lr=2e-3, weight_decay=0.01, **NADAM_PATH),
    case("nadam-betas-momentum-decay", O.NAdam, lr=2e-3, betas=(0.8, 0.99), eps=1e-6, momentum_decay=0.1,
         **NADAM_PATH),
]


def hex_bits(values):
    """The float32 values as 8-digit hex bit patterns, space separated."""
    return " ".join("%08x" % struct.unpack("<I", struct.pack("<f", v))[0] for v in values.tolist())


def inputs(rng):
    """Initial parameters and per-step gradients: per element a scale, a bias and a noise level."""
    exponents = [(w, g) for w in WIDE_EXPONENTS for g in WIDE_EXPONENTS]
    pairs = rng.sample(exponents, 16) + TINY_GRADIENTS
    w0 = [10.0 ** ew * rng.uniform(0.5, 1.0) * rng.choice((-1, 1)) for ew, _ in pairs]
    bias = [rng.uniform(-1, 1) for _ in pairs]
    noise = [rng.uniform(0.1, 1.5) for _ in pairs]
    grads = [[10.0 ** eg * (b + s * rng.gauss(0, 1)) for (_, eg), b, s in zip(pairs, bias, noise)]
             for _ in range(STEPS)]
    return torch.tensor(w0, dtype=torch.float32), torch.tensor(grads, dtype=torch.float32)


def gradus_rule(optimizer, group):
    """The Gradus rule equal to torch's optimizer with its resolved arguments, as a spec line."""
    common = "weightDecay=%r maximize=%s" % (float(group.get("weight_decay", 0)),
                                             str(group.get("maximize", False)).lower())
    name = type(optimizer).__name__
    if name == "SGD" and group["momentum"] == 0:
        return "Sgd " + common
    if name == "SGD":
        return "Momentum.pytorch momentum=%r dampening=%r nesterov=%s %s" % (
            float(group["momentum"]), float(group["dampening"]), str(group["nesterov"]).lower(), common)
    if name == "Adagrad":
        assert group["lr_decay"] == 0, "Gradus has no AdaGrad lr_decay; use a schedule"
        return "AdaGrad epsilon=%r initialAccumulator=%r %s" % (
            float(group["eps"]), float(group["initial_accumulator_value"]), common)
    if name == "Rprop":
        (eta_minus, eta_plus), (step_min, step_max) = group["etas"], group["step_sizes"]
        return "Rprop initialStepSize=%r etaMinus=%r etaPlus=%r stepSizeMin=%r stepSizeMax=%r %s" % (
            float(group["lr"]), float(eta_minus), float(eta_plus), float(step_min), float(step_max), common)
    if name == "Adadelta":
        return "Adadelta rho=%r epsilon=%r %s" % (float(group["rho"]), float(group["eps"]), common)
    if name == "RMSprop":
        return "RmsProp decay=%r epsilon=%r centered=%s momentum=%r %s" % (
            float(group["alpha"]), float(group["eps"]), str(group["centered"]).lower(),
            float(group["momentum"]), common)
    beta1, beta2 = group["betas"]
    if name == "NAdam":
        return "NAdam beta1=%r beta2=%r epsilon=%r momentumDecay=%r decoupledWeightDecay=%s %s" % (
            float(beta1), float(beta2), float(group["eps"]), float(group["momentum_decay"]),
            str(group.get("decoupled_weight_decay", False)).lower(), common)
    if name in ("Adamax", "RAdam"):
        return "%s beta1=%r beta2=%r epsilon=%r %s" % (name, float(beta1), float(beta2), float(group["eps"]), common)
    return "Adam beta1=%r beta2=%r epsilon=%r amsgrad=%s decoupledWeightDecay=%s %s" % (
        float(beta1), float(beta2), float(group["eps"]), str(group["amsgrad"]).lower(),
        str(name == "AdamW").lower(), common)


def trajectory(optimizer_class, kwargs, w0, grads):
    """Runs torch's optimizer over the gradients; returns it and the parameters after each step."""
    w = torch.nn.Parameter(w0.clone())
    optimizer = optimizer_class([w], **kwargs)
    after = []
    for g in grads:
        w.grad = g.clone()
        optimizer.step()
        after.append(w.detach().clone())
    return optimizer, after


def write_case(out, name, optimizer_class, kwargs, w0, grads):
    """Runs one case and writes <name>.txt: header lines, then torch's parameters after each step."""
    optimizer, after = trajectory(optimizer_class, kwargs, w0, grads)
    group = {k: v for k, v in optimizer.param_groups[0].items() if k != "params"}
    lines = [
        "# PyTorch conformance trajectory for Gradus, written by src/test/python/pytorch_trajectories.py",
        "case " + name,
        "torch " + torch.__version__,
        "optimizer torch.optim.%s %s" % (optimizer_class.__name__,
                                         " ".join("%s=%s" % (k, v) for k, v in group.items())),
        "gradus " + gradus_rule(optimizer, group),
        "lr %r" % float(kwargs["lr"]),
        "inputs inputs.txt",
        "# w: the parameters after step 1, 2, ...",
    ] + ["w " + hex_bits(w) for w in after]
    (out / (name + ".txt")).write_text("\n".join(lines) + "\n")


def main():
    """Writes inputs.txt, every case and cases.txt."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=pathlib.Path, default=DEFAULT_OUT, help="resource directory")
    parser.add_argument("--seed", type=int, default=SEED, help="seed of the inputs (to try others)")
    args = parser.parse_args()
    out, seed = args.out, args.seed
    torch.manual_seed(seed)
    torch.set_num_threads(1)
    w0, grads = inputs(random.Random(seed))
    out.mkdir(parents=True, exist_ok=True)
    (out / "inputs.txt").write_text("\n".join([
        "# Inputs of every PyTorch conformance case, written by src/test/python/pytorch_trajectories.py",
        "seed %d" % seed,
        "n %d" % w0.numel(),
        "steps %d" % STEPS,
        "w0 " + hex_bits(w0),
        "# g: the gradient of step 1, 2, ...",
    ] + ["g " + hex_bits(g) for g in grads]) + "\n")
    for name, optimizer_class, kwargs in CASES:
        write_case(out, name, optimizer_class, kwargs, w0, grads)
    (out / "cases.txt").write_text("".join(name + "\n" for name, _, _ in CASES))


if __name__ == "__main__":
    main()
